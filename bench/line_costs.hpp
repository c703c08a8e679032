#pragma once
// Where the parse's time goes, line by line (`trialmatch_bench parse FILE --what costs`): each distinct criterion line
// timed alone, best of a few rounds, then the time split by the kind of line. It names the lines and the kinds of
// line that cost the most for their length, where a profile of the whole pass names only functions.
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace trialmatch::bench {

// One line's best time.
struct LineCost {
  std::string_view text;
  double ns = 0;
};

// A straight line through (bytes, ns): the fixed cost of a line and the cost of a byte.
struct CostFit {
  std::size_t lines = 0;
  double share = 0;         // of the time of all lines
  double fixed_ns = 0;      // a line's cost at zero bytes
  double ns_per_byte = 0;
};

// Times parse(i) for each of `texts`, best of `rounds` (the first round also warms the caches).
std::vector<LineCost> time_lines(const std::vector<std::string_view>& texts, std::size_t rounds,
                                 const std::function<void(std::size_t)>& parse);
// The least-squares fit over the lines `pick` takes.
CostFit fit_costs(const std::vector<LineCost>& costs, const std::function<bool(const LineCost&)>& pick);
// Prints the fits of lines with and without a digit, by length, and the `top` lines costliest for their length.
void print_line_costs(const std::vector<LineCost>& costs, std::size_t top);

}  // namespace trialmatch::bench
