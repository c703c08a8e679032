// The scan comparison makes for "respectively" from a limit's end to the piece's end, with the stretch scanned kept
// (grammar/src/lower_word_scan.hpp): the old loop's answers on every span of the golden lines in several orders, and
// each token read about once on a line of many thresholds, where the old loop read the square of their number.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/lower_word_scan.hpp"
#include "../../grammar/src/tokens.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

using g::detail::TokenScan;

// The old form, comparison's loop before the scan was kept (the oracle).
template <class IsOne>
bool old_any_in(std::size_t b, std::size_t e, IsOne&& is_one) {
  for (std::size_t x = b; x < e; ++x)
    if (is_one(x)) return true;
  return false;
}

struct Line {
  std::string text;
  std::vector<g::Token> tokens;
};

Line tokenized(std::string text) {
  Line l{std::move(text), {}};
  l.tokens = g::tokenize(l.text, e::Lexicon::builtin());
  return l;
}

// The tests the scan is asked with: comparison's own, and two that hold often (so that found answers are kept too).
std::vector<bool> marks(const Line& l, int which) {
  std::vector<bool> out(l.tokens.size());
  for (std::size_t x = 0; x < l.tokens.size(); ++x) {
    const g::Token& t = l.tokens[x];
    const std::string_view w = std::string_view(l.text).substr(t.begin, t.end - t.begin);
    out[x] = which == 0   ? t.kind == g::Tok::word && g::detail::iequals(w, "respectively")
             : which == 1 ? t.kind == g::Tok::comma
                          : t.kind == g::Tok::quantity || t.kind == g::Tok::word;
  }
  return out;
}

// Asks one scan every span of the line in the order given by `order` (0: by rising start, each start to every end;
// 1: by falling start; 2: a scrambled order; 3: every start to the line's end, as the comparisons of a piece ask, then
// all spans again), against the old loop. Returns the spans asked.
std::size_t check_orders(const Line& l, const std::vector<bool>& is, int order) {
  const std::size_t n = l.tokens.size();
  TokenScan scan;
  std::size_t asked = 0;
  const auto ask = [&](std::size_t b, std::size_t e) {
    const auto is_one = [&](std::size_t x) { return static_cast<bool>(is[x]); };
    const bool kept = scan.any_in(b, e, is_one);
    const bool afresh = old_any_in(b, e, is_one);
    if (kept != afresh) {
      CAPTURE(l.text);
      CAPTURE(order);
      CAPTURE(b);
      CAPTURE(e);
      CHECK(kept == afresh);
    }
    ++asked;
  };
  if (order == 0) {
    for (std::size_t b = 0; b <= n; ++b)
      for (std::size_t e = 0; e <= n; ++e) ask(b, e);  // (e < b too: no token)
  } else if (order == 1) {
    for (std::size_t b = n + 1; b-- > 0;)
      for (std::size_t e = b; e <= n; ++e) ask(b, e);
  } else if (order == 2) {
    std::uint32_t r = 12345;
    for (std::size_t q = 0; q < (n + 1) * (n + 1); ++q) {
      r = r * 1103515245U + 12345U;
      const std::size_t b = (r >> 8) % (n + 1);
      r = r * 1103515245U + 12345U;
      const std::size_t e = b + (r >> 8) % (n + 1 - b);
      ask(b, e);
    }
  } else {
    for (std::size_t b = 0; b <= n; ++b) ask(b, n);
    for (std::size_t b = 0; b <= n; ++b)
      for (std::size_t e = b; e <= n; ++e) ask(b, e);
  }
  return asked;
}

// "hemoglobin < 1.5 g/dL, hemoglobin < 2.5 g/dL, ...": `count` thresholds run together.
std::string thresholds(int count, const char* tail) {
  std::string s;
  for (int k = 1; k <= count; ++k) {
    if (k > 1) s += ", ";
    s += "hemoglobin < " + std::to_string(k) + ".5 g/dL";
  }
  return s + tail;
}

}  // namespace

TEST_CASE("TokenScan: the old loop's answers on every span of the golden lines, asked in four orders") {
  std::vector<Line> lines;
  for (auto& text : golden_support::all_criterion_lines()) lines.push_back(tokenized(std::move(text)));
  // Lines with the word itself, at the start, the end, twice, in capitals (the golden lines hold few).
  for (const char* text : {"Respectively ≥1.5 and ≥1.4 mg/dL", "serum creatinine ≥1.5 and ≥1.4 mg/dL in males and females respectively",
                           "ALT > 3 x ULN and AST > 2 x ULN respectively, or bilirubin > 2 RESPECTIVELY in men",
                           "respectively respectively", "hemoglobin < 9 g/dL, respectively, platelets < 100"})
    lines.push_back(tokenized(text));
  lines.push_back(tokenized(thresholds(40, " in males and females respectively")));
  std::size_t asked = 0, with_word = 0;
  for (const Line& l : lines) {
    if (l.tokens.size() > 120) continue;  // (all spans of a line: the square of its length, in four orders)
    for (int which = 0; which < 3; ++which) {
      const auto is = marks(l, which);
      if (which == 0 && std::find(is.begin(), is.end(), true) != is.end()) ++with_word;
      for (int order = 0; order < 4; ++order) asked += check_orders(l, is, order);
    }
  }
  CHECK(lines.size() > 2000);
  CHECK(with_word >= 6);
  CHECK(asked > 1000000);
}

TEST_CASE("TokenScan: each token read about once when every threshold of a long line asks to its end") {
  for (const int count : {1, 10, 100, 400, 1600}) {
    for (const char* tail : {"", " in males and females respectively"}) {
      const Line l = tokenized(thresholds(count, tail));
      const auto is = marks(l, 0);
      const std::size_t n = l.tokens.size();
      std::size_t reads = 0, old_reads = 0;
      const auto counted = [&](std::size_t x) { ++reads; return static_cast<bool>(is[x]); };
      const auto old_counted = [&](std::size_t x) { ++old_reads; return static_cast<bool>(is[x]); };
      TokenScan scan;
      // Each threshold's end, as comparison asks: the token after its unit (every token asked, so at least those).
      for (std::size_t b = 0; b < n; ++b) {
        const bool kept = scan.any_in(b, n, counted);
        CHECK(kept == old_any_in(b, n, old_counted));
      }
      CAPTURE(count);
      CAPTURE(tail);
      CHECK(reads <= n);
      if (count >= 400) CHECK(old_reads > 50 * n);  // the old loop: the square of the length
    }
  }
}
