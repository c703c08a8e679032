#include "unified_diff.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace trialmatch::grammar {

std::string unified_diff(const std::string& path, const std::vector<std::string>& a,
                         const std::vector<std::string>& b, std::size_t context) {
  const std::size_t n = a.size(), m = b.size();
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  struct Op { char kind; std::size_t ai, bi; };  // ' ', '-', '+'
  std::vector<Op> ops;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) ops.push_back({' ', i++, j++});
    else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) ops.push_back({'+', i, j++});
    else ops.push_back({'-', i++, j});
  }
  std::string out;
  std::size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].kind == ' ') { ++k; continue; }
    // A hunk: changes with up to `context` equal lines around, merged when close.
    std::size_t start = k >= context ? k - context : 0;
    while (start < k && ops[start].kind != ' ') ++start;
    std::size_t end = k;
    std::size_t equal_run = 0;
    while (end < ops.size()) {
      if (ops[end].kind == ' ') {
        if (++equal_run > 2 * context) break;
      } else {
        equal_run = 0;
      }
      ++end;
    }
    end -= std::min(equal_run, end - k);
    end = std::min(ops.size(), end + context);
    if (out.empty()) out += fmt::format("--- {}\n+++ {}\n", path, path);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t x = start; x < end; ++x) {
      if (ops[x].kind != '+') ++a_count;
      if (ops[x].kind != '-') ++b_count;
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", ops[start].ai + (a_count ? 1 : 0), a_count, ops[start].bi + (b_count ? 1 : 0), b_count);
    for (std::size_t x = start; x < end; ++x) {
      out += ops[x].kind;
      out += ops[x].kind == '+' ? b[ops[x].bi] : a[ops[x].ai];
      out += '\n';
    }
    k = end;
  }
  return out;
}

}  // namespace trialmatch::grammar
