#pragma once
// ordered_pipeline (batch.hpp) whose results are made in objects used again: a batch renders one large
// report per patient, and allocating and freeing one per patient costs more than filling one again (glibc
// consolidates its free lists whenever a chunk over 64 KB is freed; a freed chunk is cold).
#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

#include "trialmatch/matcher/batch.hpp"

namespace trialmatch::matcher {

// Objects handed back after use, handed out again (each keeps its buffers' capacity). Thread-safe.
template <class R>
class ReusePool {
 public:
  R take() {
    const std::lock_guard lock(mutex_);
    if (free_.empty()) return R{};
    R r = std::move(free_.back());
    free_.pop_back();
    return r;
  }
  void give(R&& r) {
    const std::lock_guard lock(mutex_);
    free_.push_back(std::move(r));
  }
  std::size_t size() {
    const std::lock_guard lock(mutex_);
    return free_.size();
  }

 private:
  std::mutex mutex_;
  std::vector<R> free_;
};

// ordered_pipeline with produce(i, R& r) filling an R that already served an earlier index (or a new one:
// produce must set every field it means, e.g. clear a string before appending) and consume(i, R& r) in
// index order, after which r is used again. At most window + jobs objects exist at once.
template <class R, class Produce, class Consume>
void reusing_pipeline(std::size_t n, unsigned jobs, Produce&& produce, Consume&& consume, std::size_t window = 256) {
  ReusePool<R> pool;
  ordered_pipeline(
      n, jobs,
      [&](std::size_t i) {
        R r = pool.take();
        produce(i, r);
        return r;
      },
      [&](std::size_t i, R&& r) {
        consume(i, r);
        pool.give(std::move(r));
      },
      window);
}

}  // namespace trialmatch::matcher
