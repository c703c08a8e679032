#pragma once
// A hash of a short string (a unit spelling: "a", "mg/dL", "mL/min/1.73 m2") for the open-addressing
// tables that memoise spellings (engine/src/units_read.cpp, grammar/src/units_read.cpp).
#include <cstdint>
#include <cstring>
#include <string_view>

namespace trialmatch::engine {

// Every byte and the length, read 8 (or 4) bytes at a time, the last load overlapping the one before: a few
// multiplies where FNV-1a costs one a byte. Not for untrusted keys of a table that is not bounded: two strings
// that hash alike are told apart by the table's comparison, but each such pair lengthens a probe.
inline std::uint64_t short_string_hash(std::string_view s) noexcept {
  const std::size_t n = s.size();
  const char* p = s.data();
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  const auto mix = [&h](std::uint64_t v) {
    h = (h ^ v) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
  };
  if (n >= 8) {
    std::uint64_t v;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&v, p + i, 8);
      mix(v);
    }
    std::memcpy(&v, p + n - 8, 8);
    mix(v);
  } else if (n >= 4) {
    std::uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    mix(first | (std::uint64_t{last} << 32));
  } else if (n > 0) {
    const auto byte = [p](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
    mix(byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16));
  }
  return h;
}

}  // namespace trialmatch::engine
