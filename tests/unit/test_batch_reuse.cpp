// reusing_pipeline: ordered_pipeline's order, with each result object used again for later indices.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "trialmatch/matcher/reusing_pipeline.hpp"

using namespace trialmatch;

namespace {
// A result that counts how many were ever made (moves do not count).
struct Report {
  static inline std::atomic<int> made{0};
  std::string text;
  int uses = 0;
  Report() { ++made; }
  Report(Report&&) noexcept = default;
  Report& operator=(Report&&) noexcept = default;
};
}  // namespace

TEST_CASE("reusing_pipeline consumes every index once, in order, and reuses its objects") {
  for (unsigned jobs : {1u, 2u, 3u}) {
    for (std::size_t window : {1u, 4u, 256u}) {
      CAPTURE(jobs);
      CAPTURE(window);
      Report::made = 0;
      std::vector<std::string> seen;
      std::size_t reused = 0;
      matcher::reusing_pipeline<Report>(
          2000, jobs,
          [](std::size_t i, Report& r) {
            r.text.clear();  // the object may hold an earlier index's text
            r.text += "patient " + std::to_string(i);
            ++r.uses;
          },
          [&](std::size_t, Report& r) {
            seen.push_back(r.text);
            reused += r.uses > 1;
          },
          window);
      REQUIRE(seen.size() == 2000);
      for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == "patient " + std::to_string(i));
      // Never more objects than can be in flight at once and the spares of each thread; with one job, a single one.
      CHECK(Report::made.load() <= static_cast<int>(std::max<std::size_t>(window, jobs) + 3 * jobs + 1));
      if (jobs == 1) CHECK(Report::made.load() == 1);
      CHECK(reused > 0);
    }
  }
}

TEST_CASE("reusing_pipeline passes a failing item's exception to the caller") {
  std::atomic<int> consumed{0};
  CHECK_THROWS_WITH(matcher::reusing_pipeline<Report>(
                        5000, 2,
                        [](std::size_t i, Report&) {
                          if (i == 300) throw std::runtime_error("record 300 is broken");
                        },
                        [&](std::size_t, Report&) { ++consumed; }, 16),
                    "record 300 is broken");
  CHECK(consumed.load() <= 300);
}

TEST_CASE("ReusePool hands an object back only to the thread that took it") {
  matcher::ReusePool<std::string> pool;
  auto mine = pool.take();
  mine.value = "grown on this thread";
  pool.give(std::move(mine));
  // Another thread finds none of its own: it gets a new object, and this thread's stays in the pool.
  std::string seen_there = "unset";
  std::thread([&] {
    auto theirs = pool.take();
    seen_there = theirs.value;
    pool.give(std::move(theirs));
  }).join();
  CHECK(seen_there.empty());
  CHECK(pool.size() == 2);
  CHECK(pool.take().value == "grown on this thread");
}
