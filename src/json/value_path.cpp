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

void PathPointers::append(std::uint32_t path, const Value& value) {
  // The containers from `path` up whose pointers are not written yet; above them, one that is (or
  // the root's parent: nothing).
  unwritten_.clear();
  std::uint32_t written = path;
  for (; written != kNoPath && written_[written].begin == Written{}.begin; written = paths_[written].parent) {
    unwritten_.push_back(written);
  }
  const std::size_t begin = out_.size();
  if (written != kNoPath) out_.append_copy(written_[written].begin, written_[written].size);
  for (auto id = unwritten_.rbegin(); id != unwritten_.rend(); ++id) {
    const ValuePaths::Entry& entry = paths_[*id];
    if (entry.parent != kNoPath) append_child_token(out_, *paths_[entry.parent].container, entry.container);
    written_[*id] = {begin, out_.size() - begin};
  }
  if (path != kNoPath) append_child_token(out_, *paths_[path].container, &value);
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
  const std::string_view name =
      text_of((first + static_cast<std::ptrdiff_t>(distance / sizeof(Value::Member)))->name);
  out.append_with(pointer_token_bound(name.size()), [name](char* at) { return write_pointer_token(at, name); });
}

}  // namespace backfill::detail
