// JSON Pointers (RFC 6901): ~0 and ~1 escaping, resolution in a document, and the pointers of values.
#include "json/pointer.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <functional>
#include <utility>
#include <vector>

#include "json/parsed_json.h"
#include "json/values.h"

namespace backfill::detail {

namespace {

// The most bytes a token of `size` bytes takes in a pointer: '/' and each byte escaped to two.
constexpr std::size_t token_bound(std::size_t size) { return 1 + 2 * size; }

// Writes '/' and `token`, with ~0 and ~1 escaping; returns the end.
char* write_pointer_token(char* out, std::string_view token) noexcept {
  *out++ = '/';
  // Member names are short: one pass that copies and escapes costs less than searching first.
  for (const char c : token) {
    if (c == '~' || c == '/') {
      *out++ = '~';
      *out++ = c == '~' ? '0' : '1';
    } else {
      *out++ = c;
    }
  }
  return out;
}

// Writes '/' and the decimal index; returns the end (at most 21 bytes).
char* write_pointer_index(char* out, std::size_t index) noexcept {
  *out++ = '/';
  // The usual index, below 1000, without the general conversion's loop.
  if (index < 10) {
    *out = static_cast<char>('0' + index);
    return out + 1;
  }
  if (index < 100) {
    out[0] = static_cast<char>('0' + index / 10);
    out[1] = static_cast<char>('0' + index % 10);
    return out + 2;
  }
  if (index < 1000) {
    out[0] = static_cast<char>('0' + index / 100);
    out[1] = static_cast<char>('0' + index / 10 % 10);
    out[2] = static_cast<char>('0' + index % 10);
    return out + 3;
  }
  return std::to_chars(out, out + 20, index).ptr;
}

}  // namespace

void append_pointer_token(std::string& pointer, std::string_view token) {
  const std::size_t used = pointer.size();
  pointer.resize(used + token_bound(token.size()));
  pointer.resize(static_cast<std::size_t>(write_pointer_token(&pointer[used], token) - pointer.data()));
}

void append_pointer_index(std::string& pointer, std::size_t index) {
  const std::size_t used = pointer.size();
  pointer.resize(used + 21);
  pointer.resize(static_cast<std::size_t>(write_pointer_index(&pointer[used], index) - pointer.data()));
}

namespace {

// Depth-first over `root` with one pointer string: `visit(value, pointer)` sees each value with its
// pointer, which exists only while it is visited; the walk ends when `more()` says so.
template <typename Visit, typename More>
void walk_pointers(const Value& root, Visit&& visit, More&& more) {
  std::string pointer;
  pointer.reserve(128);
  struct Frame {
    const Value* value;
    std::size_t mark;  // pointer length of the container
    rapidjson::SizeType next;
  };
  std::vector<Frame> stack;
  visit(&root, pointer);
  if (root.IsObject() || root.IsArray()) stack.push_back({&root, 0, 0});
  while (!stack.empty() && more()) {
    Frame& frame = stack.back();
    pointer.resize(frame.mark);
    const Value& container = *frame.value;
    const rapidjson::SizeType size = container.IsArray() ? container.Size() : container.MemberCount();
    if (frame.next == size) {
      stack.pop_back();
      continue;
    }
    const rapidjson::SizeType i = frame.next++;
    const Value* child;
    if (container.IsArray()) {
      append_pointer_index(pointer, i);
      child = &container[i];
    } else {
      const auto& m = container.MemberBegin()[i];
      append_pointer_token(pointer, text_of(m.name));
      child = &m.value;
    }
    visit(child, pointer);
    if (child->IsObject() || child->IsArray()) stack.push_back({child, pointer.size(), 0});
  }
}

}  // namespace

namespace {

bool is_container(const Value& value) noexcept { return value.IsObject() || value.IsArray(); }

// A container on the walk's path: its children (the elements of an array or the values of an
// object's members, which lie at a fixed stride, so that a value is found among them from its
// address alone), the child after the one it visits, and where the visited child's token ends in
// the current pointer (while it is written there).
struct Step {
  const Value* elements = nullptr;         // of an array
  const Value::Member* members = nullptr;  // of an object
  rapidjson::SizeType size = 0;
  rapidjson::SizeType next = 0;
  std::size_t end = 0;

  explicit Step(const Value& container) noexcept {
    if (container.IsArray()) {
      size = container.Size();
      elements = container.Begin();
    } else if (container.MemberCount() != 0) {
      size = container.MemberCount();
      members = &*container.MemberBegin();
    }
  }
  const Value& child(rapidjson::SizeType i) const noexcept {
    return members == nullptr ? elements[i] : members[i].value;
  }
  /// The index of `value` among the children, or `size` when it is not one of them.
  rapidjson::SizeType index_of(const Value* value) const noexcept {
    const auto at = reinterpret_cast<std::uintptr_t>(value);
    std::uintptr_t index;
    if (members == nullptr) {
      const std::uintptr_t distance = at - reinterpret_cast<std::uintptr_t>(elements);
      index = distance % sizeof(Value) == 0 ? distance / sizeof(Value) : size;
    } else {
      const std::uintptr_t distance = at - reinterpret_cast<std::uintptr_t>(&members->value);
      index = distance % sizeof(Value::Member) == 0 ? distance / sizeof(Value::Member) : size;
    }
    return index < size ? static_cast<rapidjson::SizeType>(index) : size;
  }
  /// Whether a child is an object or an array.
  bool any_container() const noexcept {
    for (rapidjson::SizeType i = 0; i < size; ++i) {
      if (is_container(child(i))) return true;
    }
    return false;
  }
  /// The most bytes the visited child's token takes.
  std::size_t token_bound() const noexcept {
    return members == nullptr ? 21 : 1 + 2 * static_cast<std::size_t>(members[next - 1].name.GetStringLength());
  }
  /// Writes the visited child's token; returns its end.
  char* write_token(char* out) const noexcept {
    return members == nullptr ? write_pointer_index(out, next - 1)
                              : write_pointer_token(out, text_of(members[next - 1].name));
  }
};

// Where the walk names values: the pointers kept so far at the front of the caller's string, then
// the current pointer (begun as a copy of the part of the previous one that still holds; one not
// kept, for want of room under the byte limit, is written over by the next). The string grows a
// little at a time rather than being cleared to its whole capacity at once.
class PointerOutput {
 public:
  explicit PointerOutput(std::string& out) noexcept : out_(out), kept_(out.size()), begin_(kept_) {}
  PointerOutput(const PointerOutput&) = delete;
  PointerOutput& operator=(const PointerOutput&) = delete;
  ~PointerOutput() { out_.resize(kept_); }

  std::size_t kept() const noexcept { return kept_; }
  std::size_t size() const noexcept { return size_; }
  /// Begins the next pointer with the first `prefix` bytes of the current one.
  void begin(std::size_t prefix) {
    if (begin_ != kept_) {
      reserve(kept_ + prefix);
      std::memcpy(out_.data() + kept_, out_.data() + begin_, prefix);
      begin_ = kept_;
    }
    size_ = prefix;
  }
  /// Appends the visited child's token of `step`.
  void append_token(const Step& step) {
    reserve(begin_ + size_ + step.token_bound());
    size_ = static_cast<std::size_t>(step.write_token(out_.data() + begin_ + size_) - (out_.data() + begin_));
  }
  /// Keeps the current pointer; where it lies.
  PointerSpan keep() noexcept {
    kept_ = begin_ + size_;
    return {begin_, size_};
  }

 private:
  void reserve(std::size_t end) {
    if (out_.size() < end) out_.resize(std::max(end, out_.size() + 1024));
  }

  std::string& out_;
  std::size_t kept_;      // the bytes of `out_` that hold kept pointers
  std::size_t begin_;     // where the current pointer begins
  std::size_t size_ = 0;  // of the current pointer
};

}  // namespace

// One depth-first walk that keeps only (container, child) on its path. A pointer is written when
// a value is named, from the first step whose child changed since the previous one (siblings share
// all but their last tokens). The walk goes straight to the next wanted value when it is a child
// or a grandchild of the container at hand (found by address), and into a container only if the
// value may lie below it.
void pointers_in_document_order(const Value& root, const std::vector<const Value*>& values, std::size_t max_bytes,
                                std::string& pointers, std::vector<PointerSpan>& spans) {
  spans.assign(values.size(), PointerSpan{});
  const Value* const* const wanted_values = values.data();
  PointerSpan* const named = spans.data();
  const std::size_t count = values.size();
  std::size_t next = 0;  // the next value to name
  PointerOutput pointer(pointers);
  // Names every wanted value at `value` by the current pointer (one value may be wanted several
  // times in a row: each is named by a copy).
  const auto name = [&pointer, wanted_values, named, count, max_bytes](const Value* value, std::size_t next) {
    for (const std::size_t first = next; next < count && wanted_values[next] == value; ++next) {
      if (next != first) pointer.begin(pointer.size());
      if (pointer.kept() + pointer.size() <= max_bytes) named[next] = pointer.keep();
    }
    return next;
  };
  next = name(&root, next);
  if (!is_container(root) || next == count) return;
  std::vector<Step> path(8, Step(root));
  std::size_t depth = 1;
  std::size_t written = 0;  // the steps whose tokens the current pointer holds
  const auto enter = [&path, &depth](const Step& step) {
    if (depth == path.size()) path.resize(2 * depth, step);
    path[depth++] = step;
  };
  while (depth > 0 && next < count) {
    const Value* const wanted = wanted_values[next];
    Step* step = &path[depth - 1];
    rapidjson::SizeType at = step->index_of(wanted);
    if (at == step->size) {
      // Below a later child, if anywhere: a grandchild is named at once, a container with
      // containers in it is entered, one without them cannot hold it.
      // enter() may move the path (`step` with it): the loop ends right after it, and the count of
      // children is read once, before.
      const rapidjson::SizeType children = step->size;
      rapidjson::SizeType i = step->next;
      for (; i < children; ++i) {
        const Value& child = step->child(i);
        if (!is_container(child)) continue;
        const Step inner(child);
        at = inner.index_of(wanted);
        if (at < inner.size || inner.any_container()) {
          step->next = i + 1;
          written = std::min(written, depth - 1);
          enter(inner);
          break;
        }
      }
      if (i == children) {
        --depth;
        written = std::min(written, depth);
        continue;
      }
      step = &path[depth - 1];
      if (at == step->size) continue;
    } else if (at < step->next) {
      return;  // passed already: out of document order, so neither it nor any later value is named
    }
    step->next = at + 1;
    written = std::min(written, depth - 1);
    pointer.begin(written == 0 ? 0 : path[written - 1].end);
    for (; written < depth; ++written) {
      pointer.append_token(path[written]);
      path[written].end = pointer.size();
    }
    next = name(wanted, next);
    if (is_container(*wanted)) enter(Step(*wanted));
  }
}

const Value* resolve_pointer(const Value& root, std::string_view pointer) {
  const Value* current = &root;
  std::size_t pos = 0;
  if (pointer.empty()) return current;
  if (pointer[0] != '/') return nullptr;
  while (pos < pointer.size()) {
    const std::size_t start = pos + 1;
    std::size_t end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    std::string token;
    for (std::size_t i = start; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[i + 1] == '0' ? '~' : '/';
        ++i;
      } else if (pointer[i] == '~') {
        return nullptr;
      } else {
        token += pointer[i];
      }
    }
    if (current->IsObject()) {
      current = member(*current, token);
    } else if (current->IsArray()) {
      if (token.empty() || token.size() > 10 || token.find_first_not_of("0123456789") != std::string::npos ||
          (token.size() > 1 && token[0] == '0')) {
        return nullptr;
      }
      const unsigned long index = std::stoul(token);
      if (index >= current->Size()) return nullptr;
      current = &(*current)[static_cast<rapidjson::SizeType>(index)];
    } else {
      return nullptr;
    }
    if (current == nullptr) return nullptr;
    pos = end;
  }
  return current;
}

std::vector<std::string> ParsedJson::pointers_of(const std::vector<const Value*>& values, std::size_t max_bytes) const {
  std::vector<std::string> out(values.size());
  if (values.empty()) return out;
  std::vector<std::pair<const Value*, std::size_t>> wanted;
  wanted.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) wanted.emplace_back(values[i], i);
  std::sort(wanted.begin(), wanted.end());
  std::size_t left = wanted.size();
  walk_pointers(
      document_,
      [&](const Value* value, const std::string& pointer) {
        auto range =
            std::equal_range(wanted.begin(), wanted.end(), std::make_pair(value, std::size_t{0}),
                             [](const auto& a, const auto& b) { return std::less<const Value*>()(a.first, b.first); });
        for (auto it = range.first; it != range.second; ++it) {
          if (pointer.size() <= max_bytes) {
            out[it->second] = pointer;
            max_bytes -= pointer.size();
          } else {
            max_bytes = 0;
          }
          --left;
        }
      },
      [&] { return left > 0; });
  return out;
}

}  // namespace backfill::detail
