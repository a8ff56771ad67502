// Where a reported value lies, as the recursion that finds it knows: a PathLink per container on
// its stack (no cost but the link itself), made lasting (ValuePaths) only for the containers a
// finding is reported in. The pointers of the findings that are listed are then written from those
// (PathPointers), each container's once: no search of the document for them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "json/rapidjson.h"

namespace backfill::detail {

class TextBuffer;

/// No lasting path: the value it is asked of is the root.
inline constexpr std::uint32_t kNoPath = UINT32_MAX;

/// A container on the way from the root to the value a recursion is at, on the recursion's stack.
struct PathLink {
  const PathLink* parent = nullptr;  ///< The link of the container that holds this one; nullptr for the root.
  const Value* container = nullptr;
  mutable std::uint32_t lasting = kNoPath;  ///< Its id in ValuePaths, once kept.
};

/// Lasting paths: each kept container with the id of the container that holds it.
class ValuePaths {
 public:
  struct Entry {
    // Built in place (emplace_back): a temporary's two stores read back as one 16-byte load stall.
    Entry(std::uint32_t parent, const Value* container) noexcept : parent(parent), container(container) {}
    std::uint32_t parent;  ///< kNoPath: the root.
    const Value* container;
  };
  /// The id of `link`'s container, kept (with the containers above it) on first use.
  std::uint32_t keep(const PathLink& link) {
    if (link.lasting != kNoPath) return link.lasting;
    // Inline for a flood's usual case: a new container (the next element) in a kept one (its array).
    if (link.parent != nullptr && link.parent->lasting != kNoPath) return add(link, link.parent->lasting);
    return keep_new(link);
  }
  const Entry& operator[](std::uint32_t id) const noexcept { return entries_[id]; }
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  std::uint32_t keep_new(const PathLink& link);
  std::uint32_t add(const PathLink& link, std::uint32_t parent) {
    link.lasting = static_cast<std::uint32_t>(entries_.size());
    entries_.emplace_back(parent, link.container);
    return link.lasting;
  }

  std::vector<Entry> entries_;
};

/// Writes the RFC 6901 pointers of values, each a child of a kept container (or the root), into a
/// buffer of texts. A container's pointer is written once: the pointers below it copy it from the
/// buffer (it is the start of the first one written below it).
class PathPointers {
 public:
  /// `paths` must not grow while this writes.
  PathPointers(const ValuePaths& paths, TextBuffer& out);
  /// Appends the pointer of `value` (a child of the container kept as `path`, or the root: kNoPath)
  /// if it takes at most `most` bytes; otherwise appends nothing and returns false. `name`: the
  /// member name of `value` when the caller has it (no look into the container for it), or nullptr.
  bool append(std::uint32_t path, const Value& value, const std::string_view* name, std::size_t most);

 private:
  struct Written {
    std::size_t begin = static_cast<std::size_t>(-1), size = 0;
  };
  // Appends the pointer of kept container `id` (not written yet), as part of the text that starts at `begin`.
  void append_container(std::uint32_t id, std::size_t begin);

  const ValuePaths& paths_;
  TextBuffer& out_;
  std::vector<Written> written_;  // per kept container: where its pointer lies in out_
};

/// Appends the reference token (with its '/') that names `child` in `container`: an element of an
/// array or the value of a member, found by its address.
void append_child_token(TextBuffer& out, const Value& container, const Value* child);

}  // namespace backfill::detail
