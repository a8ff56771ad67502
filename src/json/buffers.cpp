// The thread's spare parse buffers, kept between documents.
#include "json/buffers.h"

namespace backfill::detail {

namespace {

struct SpareBuffers {
  std::unique_ptr<unsigned char[]> pool;
  std::vector<char> source;
  std::vector<std::uint32_t> offsets;
  std::vector<std::string_view> names;
  std::vector<std::size_t> name_starts;
};
thread_local SpareBuffers t_spare;

// Buffers grown past these by one large document are released rather than kept for the next.
constexpr std::size_t kKeepSourceBytes = std::size_t{1} << 20;
constexpr std::size_t kKeepOffsets = std::size_t{1} << 18;

// Empties `buffer`, and frees it when one large document grew it past `keep` elements.
template <typename T>
void shrink(std::vector<T>& buffer, std::size_t keep) {
  buffer.clear();
  if (buffer.capacity() > keep) std::vector<T>().swap(buffer);
}

}  // namespace

ParseBuffers::ParseBuffers()
    : pool(std::move(t_spare.pool)),
      source(std::move(t_spare.source)),
      offsets(std::move(t_spare.offsets)),
      names(std::move(t_spare.names)),
      name_starts(std::move(t_spare.name_starts)) {
  if (!pool) pool = std::make_unique<unsigned char[]>(kPoolBytes);
}

ParseBuffers::~ParseBuffers() {
  if (t_spare.pool) return;  // another document gave its buffers back first: these are freed
  shrink(source, kKeepSourceBytes);
  shrink(offsets, kKeepOffsets);
  shrink(names, kKeepOffsets);
  shrink(name_starts, kKeepOffsets);
  t_spare.pool = std::move(pool);
  t_spare.source = std::move(source);
  t_spare.offsets = std::move(offsets);
  t_spare.names = std::move(names);
  t_spare.name_starts = std::move(name_starts);
}

}  // namespace backfill::detail
