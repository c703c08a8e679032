// text_span and tail_from (grammar/src/text_span.hpp) build a view of a text's bytes without substr's bounds test:
// on every span of the golden lines (b <= e <= size, as every caller passes) they must give the view substr gave,
// the same bytes at the same place.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/text_span.hpp"
#include "golden_support.hpp"

namespace g = trialmatch::grammar;

TEST_CASE("text_span and tail_from give substr's view on every span of the golden lines") {
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  lines.emplace_back();  // (the empty line: its one span, [0, 0))
  std::size_t spans = 0;
  for (const std::string& text : lines) {
    const std::string_view line(text);
    const std::size_t n = line.size();
    for (std::size_t b = 0; b <= n; ++b) {
      const std::string_view former_tail = line.substr(b);
      const std::string_view tail = g::tail_from(line, b);
      if (tail.data() != former_tail.data() || tail.size() != former_tail.size()) {
        CAPTURE(text);
        CAPTURE(b);
        FAIL("tail_from and substr differ");
      }
      for (std::size_t end = b; end <= n; ++end) {
        const std::string_view former = line.substr(b, end - b);
        const std::string_view view = g::text_span(line, b, end);
        if (view.data() != former.data() || view.size() != former.size()) {
          CAPTURE(text);
          CAPTURE(b);
          CAPTURE(end);
          FAIL("text_span and substr differ");
        }
        ++spans;
      }
    }
  }
  CHECK(spans > 100000);
  MESSAGE("spans: ", spans);
}

// equals_lowered against the lowered copy it replaced (tokens.cpp's number words), on every span of the golden
// lines up to 8 bytes and the words it is asked for.
TEST_CASE("equals_lowered agrees with comparing a lowered copy") {
  static constexpr std::string_view words[] = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                               "ten", "eleven", "twelve", "twice", "half", "once", "thrice"};
  std::size_t compared = 0;
  for (const std::string& text : golden_support::all_criterion_lines()) {
    const std::string_view line(text);
    for (std::size_t b = 0; b < line.size(); ++b)
      for (std::size_t end = b; end <= line.size() && end - b <= 8; ++end) {
        std::string lowered(line.substr(b, end - b));
        for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const std::string_view w : words) {
          if (g::equals_lowered(line.substr(b, end - b), w) != (lowered == w)) {
            CAPTURE(text);
            CAPTURE(b);
            CAPTURE(end);
            FAIL("equals_lowered and the lowered copy differ");
          }
          ++compared;
        }
      }
  }
  CHECK(compared > 100000);
}
