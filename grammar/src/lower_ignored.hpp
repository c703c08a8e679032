#pragma once
// The tokens a piece reads past ("with or without radiotherapy", a plan's words, "current(ly)"), one flag a token.
#include <cstddef>
#include <utility>
#include <vector>

namespace trialmatch::grammar::detail {

// Empty (no flags) until a piece ignores something; then a flag for every token of the line. A vector<bool> with its
// emptiness kept beside it: neutral() asks empty() of nearly every token a reading looks at, and vector<bool>'s
// compares two bit iterators (four loads), where this is one byte.
class IgnoredTokens {
 public:
  IgnoredTokens() = default;
  IgnoredTokens(const IgnoredTokens&) = default;
  IgnoredTokens& operator=(const IgnoredTokens&) = default;
  // (A vector moved from is left empty: so is its flag.)
  IgnoredTokens(IgnoredTokens&& o) noexcept : flags_(std::move(o.flags_)), sized_(std::exchange(o.sized_, false)) {}
  IgnoredTokens& operator=(IgnoredTokens&& o) noexcept {
    flags_ = std::move(o.flags_);
    sized_ = std::exchange(o.sized_, false);
    return *this;
  }

  bool empty() const noexcept { return !sized_; }
  void assign(std::size_t n, bool flag) {
    flags_.assign(n, flag);
    sized_ = n != 0;
  }
  void clear() noexcept {
    flags_.clear();
    sized_ = false;
  }
  std::vector<bool>::reference operator[](std::size_t i) { return flags_[i]; }
  bool operator[](std::size_t i) const { return flags_[i]; }
  std::vector<bool>::const_iterator begin() const noexcept { return flags_.begin(); }
  std::vector<bool>::const_iterator end() const noexcept { return flags_.end(); }
  const std::vector<bool>& flags() const noexcept { return flags_; }

 private:
  std::vector<bool> flags_;
  bool sized_ = false;  // !flags_.empty()
};

}  // namespace trialmatch::grammar::detail
