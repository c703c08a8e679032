// show_written: a figure as "{}" writes it, whole numbers written directly.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "../../engine/src/evaluate_context.hpp"

using trialmatch::engine::detail::show_written;

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
