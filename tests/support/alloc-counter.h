// Test support: counts what the calling thread allocates through operator new (replaced in
// alloc-counter.cpp for the test binaries that link it). Budgets are asserted on these counts,
// never on wall-clock time or RSS, so the tests pass on a busy machine.
#pragma once

#include <cstddef>
#include <functional>

namespace test {

/// What one call allocated on its thread.
struct AllocationCost {
  std::size_t peak_bytes = 0;   ///< Highest live heap above the start, while it ran.
  std::size_t total_bytes = 0;  ///< Every byte allocated (a proxy for the work done).
  std::size_t count = 0;        ///< Number of allocations.
};

/// False in builds whose runtime owns operator new (ThreadSanitizer): the costs are then zero.
bool counting_allocations();

/// Runs `work` on a new thread (fresh thread-local buffers, so earlier documents cannot hide a
/// cost) and reports what it allocated there.
AllocationCost measure_allocations(const std::function<void()>& work);

}  // namespace test
