// show_written and show_number: a figure as fmt writes it, whole numbers written directly.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "../../engine/src/evaluate_context.hpp"

using trialmatch::engine::detail::show_number;
using trialmatch::engine::detail::show_written;

namespace {
// show_number as it was written before whole numbers were written directly: the reference.
std::string show_number_formatted(double v) {
  const double a = std::fabs(v);
  if (!std::isfinite(v) || a >= 1e15) return fmt::format("{}", v);
  if (a == 0) return "0";
  const int magnitude = static_cast<int>(std::floor(std::log10(a)));
  const int decimals = std::clamp(3 - magnitude, 0, 12);
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}
}  // namespace

TEST_CASE("show_written writes what fmt's \"{}\" writes, whole numbers included") {
  for (long long n = -100000; n <= 100000; ++n) REQUIRE(show_written(static_cast<double>(n)) == fmt::to_string(static_cast<double>(n)));
  // Around the edge of the fast path (10^15) and powers of ten on both sides.
  for (double base : {1e15, 1e14, 1e16, 9.99e14, 123456789012345.0, 999999999999999.0}) {
    for (double d = -3; d <= 3; ++d) {
      CHECK(show_written(base + d) == fmt::to_string(base + d));
      CHECK(show_written(-(base + d)) == fmt::to_string(-(base + d)));
    }
  }
  for (double p = 1; p < 1e300; p *= 10) CHECK(show_written(p) == fmt::to_string(p));
  // Not whole, zeros, and what is not a number.
  for (double v : {0.0, -0.0, 1.8, 0.5, -2.25, 1e-7, 176.8, 0.1 + 0.2, std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(),
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()})
    CHECK(show_written(v) == fmt::to_string(v));
  // A spread of values of every magnitude (a fixed sequence: the same on every run).
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const double whole = static_cast<double>(static_cast<std::int64_t>(x >> (x % 60)));
    REQUIRE(show_written(whole) == fmt::to_string(whole));
    const double any = std::ldexp(static_cast<double>(x >> 11), static_cast<int>(x % 120) - 100);
    REQUIRE(show_written(any) == fmt::to_string(any));
  }
}

TEST_CASE("show_number writes what its fixed-point formatting writes, whole numbers included") {
  for (long long n = -20000; n <= 20000; ++n) REQUIRE(show_number(static_cast<double>(n)) == show_number_formatted(static_cast<double>(n)));
  for (double v : {0.0, -0.0, 1e15, 1e15 - 1, -1e15 + 1, 999999999999999.0, 0.00001, 106.14999, 1.8, 51.9999,
                   std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()})
    CHECK(show_number(v) == show_number_formatted(v));
  std::uint64_t x = 1181783497276652981ull;
  for (int i = 0; i < 100000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const double whole = static_cast<double>(static_cast<std::int64_t>(x >> (x % 60)));
    REQUIRE(show_number(whole) == show_number_formatted(whole));
    REQUIRE(show_number(-whole) == show_number_formatted(-whole));
    const double any = std::ldexp(static_cast<double>(x >> 11), static_cast<int>(x % 80) - 70);
    REQUIRE(show_number(any) == show_number_formatted(any));
  }
}
