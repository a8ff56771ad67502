// Replaces the global operator new and delete with counting versions (malloc underneath; the size
// of a freed block from malloc_usable_size, so unsized deletes are counted too). ThreadSanitizer
// defines operator new itself, so under it nothing is replaced and counting_allocations() is false.
#include "alloc-counter.h"

#include <malloc.h>

#include <cstdlib>
#include <new>
#include <thread>

namespace {

struct Counters {
  bool active = false;
  long long live = 0;
  long long peak = 0;
  std::size_t total = 0;
  std::size_t count = 0;
};
thread_local Counters counters;

void* allocate(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  if (counters.active) {
    const std::size_t usable = malloc_usable_size(p);
    counters.live += static_cast<long long>(usable);
    counters.total += usable;
    ++counters.count;
    if (counters.live > counters.peak) counters.peak = counters.live;
  }
  return p;
}

void release(void* p) noexcept {
  if (p == nullptr) return;
  if (counters.active) counters.live -= static_cast<long long>(malloc_usable_size(p));
  std::free(p);
}

}  // namespace

#if !BACKFILL_TEST_NO_ALLOC_COUNTER
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) { return nullptr; }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) { return nullptr; }
}
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
#endif

namespace test {

bool counting_allocations() { return !BACKFILL_TEST_NO_ALLOC_COUNTER; }

AllocationCost measure_allocations(const std::function<void()>& work) {
  AllocationCost cost;
  std::thread([&] {
    counters = Counters{};
    counters.active = true;
    work();
    counters.active = false;
    cost.peak_bytes = static_cast<std::size_t>(counters.peak);
    cost.total_bytes = counters.total;
    cost.count = counters.count;
  }).join();
  return cost;
}

}  // namespace test
