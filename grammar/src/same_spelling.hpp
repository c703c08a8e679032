#pragma once
// Whether two short strings (unit spellings) are the same bytes, without a call of memcmp.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace trialmatch::grammar {

// The bytes read as engine::short_string_hash reads them: a few wide loads, the last overlapping the one before.
// The spelling cache compares a spelling of a few bytes on every lookup that hits, where a call of memcmp cost
// more than the compare.
inline bool same_spelling(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* const p = a.data();
  const char* const q = b.data();
  const auto differ_at = [p, q](std::size_t i, auto width) {
    decltype(width) x, y;
    std::memcpy(&x, p + i, sizeof x);
    std::memcpy(&y, q + i, sizeof y);
    return x != y;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (differ_at(i, std::uint64_t{})) return false;
    return !differ_at(n - 8, std::uint64_t{});
  }
  if (n >= 4) return !differ_at(0, std::uint32_t{}) && !differ_at(n - 4, std::uint32_t{});
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}

}  // namespace trialmatch::grammar
