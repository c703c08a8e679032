#include "line_costs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <limits>

namespace trialmatch::bench {

std::vector<LineCost> time_lines(const std::vector<std::string_view>& texts, std::size_t rounds,
                                 const std::function<void(std::size_t)>& parse) {
  using Clock = std::chrono::steady_clock;
  std::vector<LineCost> costs;
  costs.reserve(texts.size());
  for (const auto t : texts) costs.push_back({t, std::numeric_limits<double>::infinity()});
  // Round by round over all lines (not one line `rounds` times over), so that each timing sees the caches as a pass
  // over the corpus leaves them, not as the same line just before left them.
  for (std::size_t r = 0; r < rounds; ++r)
    for (std::size_t i = 0; i < costs.size(); ++i) {
      const auto start = Clock::now();
      parse(i);
      costs[i].ns = std::min(costs[i].ns, std::chrono::duration<double, std::nano>(Clock::now() - start).count());
    }
  return costs;
}

CostFit fit_costs(const std::vector<LineCost>& costs, const std::function<bool(const LineCost&)>& pick) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, all = 0;
  for (const auto& c : costs) {
    all += c.ns;
    if (!pick(c)) continue;
    const auto x = static_cast<double>(c.text.size());
    n += 1, sx += x, sy += c.ns, sxx += x * x, sxy += x * c.ns;
  }
  CostFit fit;
  fit.lines = static_cast<std::size_t>(n);
  if (n == 0 || all == 0) return fit;
  fit.share = sy / all;
  const double spread = n * sxx - sx * sx;
  fit.ns_per_byte = spread > 0 ? (n * sxy - sx * sy) / spread : 0;
  fit.fixed_ns = (sy - fit.ns_per_byte * sx) / n;
  return fit;
}

namespace {
bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

void print_line_costs(const std::vector<LineCost>& costs, std::size_t top) {
  double total = 0, bytes = 0;
  for (const auto& c : costs) total += c.ns, bytes += static_cast<double>(c.text.size());
  fmt::print("costs: {} distinct lines, {:.2f} ms a pass at each line's best ({:.2f} MB/s)\n", costs.size(), total / 1e6,
             bytes / total * 1e3);
  const auto print_fit = [](const char* name, const CostFit& f) {
    fmt::print("costs: {:<22} {:>6} lines, {:5.1f} % of the time: {:7.0f} ns a line + {:6.1f} ns a byte\n", name, f.lines,
               100 * f.share, f.fixed_ns, f.ns_per_byte);
  };
  print_fit("lines with no digit", fit_costs(costs, [](const LineCost& c) { return !has_digit(c.text); }));
  print_fit("lines with a digit", fit_costs(costs, [](const LineCost& c) { return has_digit(c.text); }));
  // By length, in powers of two.
  for (unsigned k = 0; k < 12; ++k) {
    const auto in_band = [k](const LineCost& c) {
      return std::bit_width(std::max<std::size_t>(c.text.size(), 1)) - 1 == k;
    };
    double ns = 0, b = 0;
    std::size_t n = 0;
    for (const auto& c : costs)
      if (in_band(c)) ns += c.ns, b += static_cast<double>(c.text.size()), ++n;
    if (n != 0)
      fmt::print("costs: {:>4}-{:<4} bytes {:>6} lines, {:5.1f} % of the time, {:6.1f} ns a byte\n", 1U << k,
                 (2U << k) - 1, n, 100 * ns / total, ns / b);
  }
  // The lines costliest for their length (of those over 40 bytes, where a line's fixed cost no longer dominates).
  std::vector<const LineCost*> order;
  for (const auto& c : costs)
    if (c.text.size() > 40) order.push_back(&c);
  const auto per_byte = [](const LineCost* c) { return c->ns / static_cast<double>(c->text.size()); };
  std::sort(order.begin(), order.end(), [&](const LineCost* a, const LineCost* b) { return per_byte(a) > per_byte(b); });
  if (order.size() > top) order.resize(top);
  for (const auto* c : order)
    fmt::print("costs: {:6.1f} ns a byte, {:7.0f} ns: {}\n", per_byte(c), c->ns,
               c->text.substr(0, std::min<std::size_t>(c->text.size(), 110)));
}

}  // namespace trialmatch::bench
