#pragma once
// A progress bar on stderr for long loads and batches, drawn only when stderr is a terminal (so that
// logs and pipes stay clean). Thread-safe: any thread may report; redraws are throttled to ~10/s.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace trialmatch::cli {

class Progress {
 public:
  // Draws nothing unless stderr is a terminal and `total` is at least `min_total`.
  Progress(std::string label, std::size_t total, std::size_t min_total = 2000);
  ~Progress();  // clears the bar
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void set(std::size_t done);  // absolute
  void advance(std::size_t by = 1);

 private:
  void draw(std::size_t done, bool force);

  std::string label_;
  std::size_t total_;
  bool enabled_;
  std::atomic<std::size_t> done_{0};
  std::mutex draw_mutex_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace trialmatch::cli
