#pragma once
// A growing run of text written piece by piece with room made once per line, not checked per piece: a
// text report is thousands of short pieces, and std::string's append (a call, a capacity check and a
// terminator each) cost more than copying them. Growing does not zero the new bytes (std::string's
// resize would), and a buffer cleared keeps its capacity for the next patient.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace trialmatch::cli {

class TextBuffer {
 public:
  using value_type = char;  // std::back_inserter(buffer) works (push_back), e.g. for fmt::format_to

  TextBuffer() = default;
  TextBuffer(TextBuffer&& other) noexcept { *this = std::move(other); }
  TextBuffer& operator=(TextBuffer&& other) noexcept {  // the other is left empty, without capacity
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    return *this;
  }

  void clear() noexcept { size_ = 0; }
  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return capacity_; }
  const char* data() const noexcept { return data_.get(); }
  std::string_view view() const noexcept { return {data_.get(), size_}; }

  // At least `n` more bytes can be put before the next room().
  void room(std::size_t n) {
    if (capacity_ - size_ < n) grow(size_ + n);
  }
  // put(): only within the room made.
  void put(std::string_view s) noexcept {
    if (!s.empty()) std::memcpy(data_.get() + size_, s.data(), s.size());
    size_ += s.size();
  }
  void put(char c) noexcept { data_[size_++] = c; }
  void spaces(std::size_t n) noexcept {
    std::memset(data_.get() + size_, ' ', n);
    size_ += n;
  }
  // Room made and put, for pieces off the hot paths.
  void append(std::string_view s) {
    room(s.size());
    put(s);
  }
  void push_back(char c) {
    room(1);
    put(c);
  }
  // Drops what was put after the first `n` bytes (n <= size()).
  void cut(std::size_t n) noexcept { size_ = std::min(n, size_); }

 private:
  void grow(std::size_t needed) {
    const std::size_t capacity = std::max({needed, 2 * capacity_, std::size_t{4096}});
    auto data = std::make_unique_for_overwrite<char[]>(capacity);
    if (size_) std::memcpy(data.get(), data_.get(), size_);
    data_ = std::move(data);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace trialmatch::cli
