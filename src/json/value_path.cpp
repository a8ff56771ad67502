#include "json/value_path.h"

#include <cstring>

#include "json/pointer.h"
#include "json/values.h"
#include "text_store.h"

namespace backfill::detail {

std::uint32_t ValuePaths::keep_new(const PathLink& link) {
  // As deep as the recursion that made the links, which stops at kMaxSchemaDepth.
  return add(link, link.parent != nullptr ? keep(*link.parent) : kNoPath);
}

PathPointers::PathPointers(const ValuePaths& paths, TextBuffer& out)
    : paths_(paths), out_(out), written_(paths.size()) {}

namespace {

// A reference token to write: an array index, or a member name (escaped as it is written).
struct Token {
  std::string_view name;
  std::size_t index = 0;
  bool is_index = false;

  std::size_t bound() const noexcept { return is_index ? kIndexTokenBound : pointer_token_bound(name.size()); }
  char* write(char* at) const noexcept {
    return is_index ? write_pointer_index(at, index) : write_pointer_token(at, name);
  }
};

// The token that names `child` in `container`: an element by its index, a member's value by its
// name, found from the addresses (members lie at a fixed stride).
Token child_token(const Value& container, const Value* child) noexcept {
  Token token;
  if (container.IsArray()) {
    token.is_index = true;
    token.index = static_cast<std::size_t>(child - container.Begin());
    return token;
  }
  const auto first = container.MemberBegin();
  const auto distance = reinterpret_cast<std::uintptr_t>(child) - reinterpret_cast<std::uintptr_t>(&first->value);
  token.name = text_of((first + static_cast<std::ptrdiff_t>(distance / sizeof(Value::Member)))->name);
  return token;
}

}  // namespace

bool PathPointers::append(std::uint32_t path, const Value& value, const std::string_view* name, std::size_t most) {
  if (path == kNoPath) return true;  // the root's pointer: ""
  const std::size_t begin = out_.size();
  const ValuePaths::Entry& entry = paths_[path];
  // A member's fact carries its name: the container itself is not read (it is mostly out of cache by now).
  Token last;
  if (name != nullptr) {
    last.name = *name;
  } else {
    last = child_token(*entry.container, &value);
  }
  // Earlier pointers lie wholly before `begin`: a copy of one never overlaps what it writes.
  const auto copy_of = [this](char* at, const Written& written) {
    std::memcpy(at, out_.data() + written.begin, written.size);
    return at + written.size;
  };
  Written& own = written_[path];
  if (own.begin != Written{}.begin) {
    const Written container = own;
    out_.append_with(container.size + last.bound(), [&](char* at) { return last.write(copy_of(at, container)); });
  } else if (entry.parent != kNoPath && written_[entry.parent].begin != Written{}.begin) {
    // One step below a written container (a flood's usual case: the next element of an array).
    const Written above = written_[entry.parent];
    const Token step = child_token(*paths_[entry.parent].container, entry.container);
    out_.append_with(above.size + step.bound() + last.bound(), [&](char* at) {
      char* const end = step.write(copy_of(at, above));
      own = {begin, static_cast<std::size_t>(end - at)};
      return last.write(end);
    });
  } else {
    append_container(path, begin);
    out_.append_with(last.bound(), [&](char* at) { return last.write(at); });
  }
  if (out_.size() - begin <= most) return true;
  // Too long: undone, with the containers whose pointers it wrote (those that begin where it did).
  for (std::uint32_t id = path; id != kNoPath && written_[id].begin == begin; id = paths_[id].parent) {
    written_[id] = Written{};
  }
  out_.truncate(begin);
  return false;
}

void PathPointers::append_container(std::uint32_t id, std::size_t begin) {
  // As deep as the containers kept, which the recursion that kept them bounds (kMaxSchemaDepth).
  const ValuePaths::Entry& entry = paths_[id];
  if (entry.parent != kNoPath) {
    const Written above = written_[entry.parent];
    if (above.begin != Written{}.begin) {
      out_.append_copy(above.begin, above.size);
    } else {
      append_container(entry.parent, begin);
    }
    append_child_token(out_, *paths_[entry.parent].container, entry.container);
  }
  written_[id] = {begin, out_.size() - begin};
}

void append_child_token(TextBuffer& out, const Value& container, const Value* child) {
  const Token token = child_token(container, child);
  out.append_with(token.bound(), [&token](char* at) { return token.write(at); });
}

}  // namespace backfill::detail
