#include "json/value_path.h"

#include "json/pointer.h"
#include "json/values.h"
#include "text_store.h"

namespace backfill::detail {

std::uint32_t ValuePaths::keep_new(const PathLink& link) {
  // As deep as the recursion that made the links, which stops at kMaxSchemaDepth.
  const std::uint32_t parent = link.parent != nullptr ? keep(*link.parent) : kNoPath;
  link.lasting = static_cast<std::uint32_t>(entries_.size());
  entries_.emplace_back(parent, link.container);
  return link.lasting;
}

PathPointers::PathPointers(const ValuePaths& paths, TextBuffer& out)
    : paths_(paths), out_(out), written_(paths.size()) {}

bool PathPointers::append(std::uint32_t path, const Value& value, const std::string_view* name, std::size_t most) {
  if (path == kNoPath) return true;  // the root's pointer: ""
  const std::size_t begin = out_.size();
  append_container(path, begin);
  if (name != nullptr) {
    // The container itself is not read: it is mostly out of cache by now.
    out_.append_with(pointer_token_bound(name->size()), [name](char* at) { return write_pointer_token(at, *name); });
  } else {
    append_child_token(out_, *paths_[path].container, &value);
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
  // As deep as the containers kept, which the recursion that kept them bounds (kMaxSchemaDepth);
  // usually one step to a container written before.
  Written& written = written_[id];
  if (written.begin != Written{}.begin) {
    out_.append_copy(written.begin, written.size);
    return;
  }
  const ValuePaths::Entry& entry = paths_[id];
  if (entry.parent != kNoPath) {
    append_container(entry.parent, begin);
    append_child_token(out_, *paths_[entry.parent].container, entry.container);
  }
  written_[id] = {begin, out_.size() - begin};
}

void append_child_token(TextBuffer& out, const Value& container, const Value* child) {
  if (container.IsArray()) {
    const auto index = static_cast<std::size_t>(child - container.Begin());
    out.append_with(kIndexTokenBound, [index](char* at) { return write_pointer_index(at, index); });
    return;
  }
  // Members lie at a fixed stride: the one whose value is `child` is found from the addresses.
  const auto first = container.MemberBegin();
  const auto distance = reinterpret_cast<std::uintptr_t>(child) - reinterpret_cast<std::uintptr_t>(&first->value);
  const std::string_view name = text_of((first + static_cast<std::ptrdiff_t>(distance / sizeof(Value::Member)))->name);
  out.append_with(pointer_token_bound(name.size()), [name](char* at) { return write_pointer_token(at, name); });
}

}  // namespace backfill::detail
