#pragma once
// ordered_pipeline (batch.hpp) whose results are made in objects used again: a batch renders one large
// report per patient, and allocating and freeing one per patient costs more than filling one again (glibc
// consolidates its free lists whenever a chunk over 64 KB is freed; a freed chunk is cold).
#include <cstddef>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "trialmatch/matcher/batch.hpp"

namespace trialmatch::matcher {

// Objects handed back after use, handed out again (each keeps its buffers' capacity). Thread-safe. An object
// goes back to the thread that took it: its buffers were grown from that thread's malloc arena, and growing
// or freeing them on another thread takes that arena's lock while its owner works in it (on 2 cores that
// contention made 2 jobs no faster than 1).
// With none of its own free, a thread makes a new object, unless more than `spare` wait for others: then it
// takes one of those (rarely), so the objects made stay bounded.
template <class R>
class ReusePool {
 public:
  struct Lease {
    R value;
    std::thread::id owner;
  };
  explicit ReusePool(std::size_t spare = 4) : spare_(spare) {}
  Lease take() {
    const std::thread::id self = std::this_thread::get_id();
    const std::lock_guard lock(mutex_);
    for (std::size_t k = free_.size(); k-- > 0;) {
      if (free_[k].owner != self) continue;
      Lease l = std::move(free_[k]);
      free_[k] = std::move(free_.back());
      free_.pop_back();
      return l;
    }
    if (free_.size() > spare_) {
      Lease l = std::move(free_.back());
      free_.pop_back();
      l.owner = self;
      return l;
    }
    return Lease{R{}, self};
  }
  void give(Lease&& l) {
    const std::lock_guard lock(mutex_);
    free_.push_back(std::move(l));
  }
  std::size_t size() {
    const std::lock_guard lock(mutex_);
    return free_.size();
  }

 private:
  std::size_t spare_;
  std::mutex mutex_;
  std::vector<Lease> free_;
};

// ordered_pipeline with produce(i, R& r) filling an R that already served an earlier index (or a new one:
// produce must set every field it means, e.g. clear a string before appending) and consume(i, R& r) in
// index order, after which r is used again. At most window + 3 * jobs + 1 objects are made.
template <class R, class Produce, class Consume>
void reusing_pipeline(std::size_t n, unsigned jobs, Produce&& produce, Consume&& consume, std::size_t window = 256) {
  ReusePool<R> pool(2 * std::size_t{jobs});
  ordered_pipeline(
      n, jobs,
      [&](std::size_t i) {
        auto lease = pool.take();
        produce(i, lease.value);
        return lease;
      },
      [&](std::size_t i, typename ReusePool<R>::Lease&& lease) {
        consume(i, lease.value);
        pool.give(std::move(lease));
      },
      window);
}

}  // namespace trialmatch::matcher
