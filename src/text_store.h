// Where a report's texts live, so that a diagnostic's pointer and message cost no allocation of
// their own: buffers written once, then taken over whole by the report and never moved or changed.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "backfill/validate.h"

namespace backfill::detail {

/// Texts being written, each then followed by a NUL: a growable buffer with inline appends (the
/// messages of a flood of findings are written here, a few short pieces each).
class TextBuffer {
 public:
  explicit TextBuffer(std::size_t capacity = 0) { reserve(capacity); }
  /// A moved-from buffer is empty, with no room: a later write allocates rather than writing nowhere.
  TextBuffer(TextBuffer&& other) noexcept
      : data_(std::move(other.data_)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  TextBuffer& operator=(TextBuffer&& other) noexcept {
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    return *this;
  }
  std::size_t size() const noexcept { return size_; }
  const char* data() const noexcept { return data_.get(); }
  std::string_view view() const noexcept { return {data_.get(), size_}; }
  void reserve(std::size_t capacity) {
    if (capacity > capacity_) grow(capacity - size_);
  }
  TextBuffer& operator+=(std::string_view text) {
    char* at = room(text.size());
    if (!text.empty()) std::memcpy(at, text.data(), text.size());
    size_ += text.size();
    return *this;
  }
  /// Appends `text` and a NUL after it; returns where the text begins.
  std::size_t append_text(std::string_view text) {
    const std::size_t begin = size_;
    char* at = room(text.size() + 1);
    if (!text.empty()) std::memcpy(at, text.data(), text.size());
    at[text.size()] = '\0';
    size_ += text.size() + 1;
    return begin;
  }
  /// Appends a copy of its own bytes [begin, begin + size) (an earlier text's, or a part of one).
  void append_copy(std::size_t begin, std::size_t size) {
    char* at = room(size);  // may move the bytes: read only after
    if (size != 0) std::memcpy(at, data_.get() + begin, size);
    size_ += size;
  }
  /// Appends what `write(at)` writes at `at`: at most `most` bytes; it returns their end.
  template <typename Write>
  void append_with(std::size_t most, Write&& write) {
    char* at = room(most);
    size_ += static_cast<std::size_t>(write(at) - at);
  }
  /// Drops the bytes from `size` on (a text that was not wanted after all).
  void truncate(std::size_t size) noexcept {
    if (size < size_) size_ = size;
  }
  TextBuffer& operator+=(char c) {
    *room(1) = c;
    ++size_;
    return *this;
  }

 private:
  // At least `n` writable bytes at the end.
  char* room(std::size_t n) {
    if (capacity_ - size_ < n) grow(n);
    return data_.get() + size_;
  }
  void grow(std::size_t more);
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, capacity_ = 0;
};

class TextStore {
 public:
  /// Copies `text` and a NUL after it.
  std::string_view keep(std::string_view text);
  /// Takes over `block`, texts written elsewhere (each followed by a NUL); returns where it now lives.
  const char* adopt(TextBuffer&& block);
  /// Copies `from`'s texts into this store and points `to`'s diagnostics (a copy of those made with
  /// `from`) at the copies; views into other storage are kept as they are.
  void copy_of(const TextStore& from, std::vector<Diagnostic>& to);

 private:
  std::vector<TextBuffer> blocks_;
};

/// The library's access to a report's storage.
struct ReportAccess {
  static TextStore& texts(Report& report);
};

}  // namespace backfill::detail
