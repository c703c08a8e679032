#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace trialmatch::cli {

Progress::Progress(std::string label, std::size_t total, std::size_t min_total)
    : label_(std::move(label)),
      total_(total),
      enabled_(total >= min_total && isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() {
  if (!enabled_ || !drawn_) return;
  fmt::print(stderr, "\r\x1b[2K");
  std::fflush(stderr);
}

void Progress::set(std::size_t done) {
  done_.store(done, std::memory_order_relaxed);
  if (enabled_) draw(done, done == total_);
}

void Progress::advance(std::size_t by) {
  const std::size_t done = done_.fetch_add(by, std::memory_order_relaxed) + by;
  if (enabled_) draw(done, done == total_);
}

void Progress::draw(std::size_t done, bool force) {
  const std::unique_lock lock(draw_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // another thread is drawing; the next report redraws
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  const double fraction = total_ ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total_)) : 1.0;
  const int filled = static_cast<int>(fraction * kWidth);
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  fmt::print(stderr, "\r\x1b[2K{} [{}{}] {}/{} ({:.0f}/s)", label_, std::string(filled, '#'),
             std::string(kWidth - filled, '.'), done, total_, rate);
  std::fflush(stderr);
}

}  // namespace trialmatch::cli
