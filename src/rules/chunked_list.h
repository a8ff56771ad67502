// A sequence that grows a chunk at a time and never moves what it holds: the findings of one
// validation, which hostile input can make millions of (a vector would need twice their size while
// growing; libstdc++'s deque allocates every 512 bytes, four findings).
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace backfill::detail {

template <typename T, std::size_t kChunk = 64>
class ChunkedList {
  static_assert((kChunk & (kChunk - 1)) == 0, "a power of two: indexing is a shift and a mask");

 public:
  template <typename List, typename Value>
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = Value*;
    using reference = Value&;
    Iterator(List* list, std::size_t index) : list_(list), index_(index) { settle(); }
    reference operator*() const { return *at_; }
    pointer operator->() const { return at_; }
    // Within a chunk a step is a pointer increment; the chunk is looked up only at its start.
    Iterator& operator++() {
      ++index_;
      if (index_ % kChunk == 0)
        settle();
      else
        ++at_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const Iterator& other) const { return index_ == other.index_; }
    bool operator!=(const Iterator& other) const { return index_ != other.index_; }

   private:
    void settle() { at_ = index_ < list_->size() ? &(*list_)[index_] : nullptr; }
    List* list_;
    std::size_t index_;
    Value* at_ = nullptr;
  };
  using iterator = Iterator<ChunkedList, T>;
  using const_iterator = Iterator<const ChunkedList, const T>;

  ChunkedList() = default;
  ChunkedList(ChunkedList&& other) noexcept { swap(other); }
  ChunkedList& operator=(ChunkedList&& other) noexcept {
    ChunkedList(std::move(other)).swap(*this);
    return *this;
  }
  ChunkedList(const ChunkedList&) = delete;
  ChunkedList& operator=(const ChunkedList&) = delete;
  ~ChunkedList() { resize(0); }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  T& operator[](std::size_t i) noexcept { return *slot(i); }
  const T& operator[](std::size_t i) const noexcept { return *const_cast<ChunkedList*>(this)->slot(i); }
  T& back() noexcept { return (*this)[size_ - 1]; }
  iterator begin() noexcept { return {this, 0}; }
  iterator end() noexcept { return {this, size_}; }
  const_iterator begin() const noexcept { return {this, 0}; }
  const_iterator end() const noexcept { return {this, size_}; }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == chunks_.size() * kChunk) chunks_.emplace_back(new Slot[kChunk]);  // not zeroed: built in place
    T* made = new (slot(size_)) T(std::forward<Args>(args)...);
    ++size_;
    return *made;
  }
  void push_back(T&& value) { emplace_back(std::move(value)); }
  void pop_back() noexcept {
    --size_;
    slot(size_)->~T();
  }
  /// Keeps the first `size` elements (never grows).
  void resize(std::size_t size) noexcept {
    while (size_ > size) pop_back();
  }
  void swap(ChunkedList& other) noexcept {
    chunks_.swap(other.chunks_);
    std::swap(size_, other.size_);
  }

 private:
  struct Slot {
    alignas(T) unsigned char bytes[sizeof(T)];
  };
  T* slot(std::size_t i) noexcept { return std::launder(reinterpret_cast<T*>(chunks_[i / kChunk][i % kChunk].bytes)); }
  std::vector<std::unique_ptr<Slot[]>> chunks_;
  std::size_t size_ = 0;
};

}  // namespace backfill::detail
