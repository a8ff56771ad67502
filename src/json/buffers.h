// Memory a parse reuses from one document to the next on a thread: a validation then allocates nothing
// for parsing unless the document outgrows what the previous ones needed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace backfill::detail {

/// A ParsedJson's buffers: taken from the thread's spare set when constructed (a second document alive
/// on the thread gets fresh ones), handed back when destroyed (after the document and its allocator,
/// declared after them, are gone).
struct ParseBuffers {
  static constexpr std::size_t kPoolBytes = 32 * 1024;  // a ~1 KB request's DOM fits many times over
  std::unique_ptr<unsigned char[]> pool;                // the DOM allocator's first chunk
  std::vector<char> source;                             // the input, parsed in situ
  std::vector<std::uint32_t> offsets;                   // where each value starts
  std::vector<std::string_view> names;                  // the first pass's member names of open objects
  std::vector<std::size_t> name_starts;                 // where each open object's names start
  ParseBuffers();
  ~ParseBuffers();
  ParseBuffers(const ParseBuffers&) = delete;
  ParseBuffers& operator=(const ParseBuffers&) = delete;
};

}  // namespace backfill::detail
