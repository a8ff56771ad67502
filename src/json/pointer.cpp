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

void append_pointer_token(std::string& pointer, std::string_view token) {
  const std::size_t used = pointer.size();
  pointer.resize(used + pointer_token_bound(token.size()));
  pointer.resize(static_cast<std::size_t>(write_pointer_token(&pointer[used], token) - pointer.data()));
}

void append_pointer_index(std::string& pointer, std::size_t index) {
  const std::size_t used = pointer.size();
  pointer.resize(used + kIndexTokenBound);
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
