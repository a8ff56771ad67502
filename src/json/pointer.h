// JSON Pointers (RFC 6901): building them, resolving them, and naming values of a document by them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "json/rapidjson.h"

namespace backfill::detail {

/// Appends an RFC 6901 reference token (with ~0 and ~1 escaping) to `pointer`.
void append_pointer_token(std::string& pointer, std::string_view token);
/// Appends an array index token to `pointer`.
void append_pointer_index(std::string& pointer, std::size_t index);
/// Where one pointer lies in a buffer of pointers; `begin` is npos for a value not named.
struct PointerSpan {
  std::size_t begin = static_cast<std::size_t>(-1);
  std::size_t size = 0;
};
/// The RFC 6901 pointers of `values`, values of the document `root` given in document order (one
/// value may appear several times in a row), appended to `pointers` by one depth-first walk of the
/// document that stops at the last of them; `spans[i]` says where the pointer of values[i] lies.
/// A value out of order, not in the document, or past `max_bytes` of pointers is not named.
void pointers_in_document_order(const Value& root, const std::vector<const Value*>& values, std::size_t max_bytes,
                                std::string& pointers, std::vector<PointerSpan>& spans);
/// Resolves an RFC 6901 pointer in `root`; nullptr when it names nothing.
const Value* resolve_pointer(const Value& root, std::string_view pointer);

}  // namespace backfill::detail
