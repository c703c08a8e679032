// event_says_active (grammar/src/lower_event_status.hpp), has_into's status test: one or two status_pairs16 blocks
// for a span of up to 33 bytes, says_active (the oracle, lower_status_words.hpp) otherwise. Its answer must be
// says_active's, and its block pair test holds_status_pair's, on every span of the golden lines, the same in
// capitals, and on every span of texts that hold a status word (or a pair alone) at every offset, short texts and
// texts where the span ends at the text's end among them.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/lower_event_status.hpp"
#include "golden_support.hpp"

namespace d = trialmatch::grammar::detail;

namespace {

std::string upper(std::string s) {
  for (char& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return s;
}

// The spans of `text` on which event_says_active and says_active differ (all spans, b <= e <= size).
std::size_t differing_spans(std::string_view text, std::size_t& spans) {
  std::size_t differ = 0;
  for (std::size_t b = 0; b <= text.size(); ++b)
    for (std::size_t e = b; e <= text.size(); ++e) {
      ++spans;
      bool same = d::event_says_active(text, b, e) == d::says_active(text, b, e);
#if defined(__SSE2__)
      // (The pair test itself, which the word scan after it would hide: a pair outside a status word.)
      if (d::status_pairs_in_blocks(text, b, e))
        same = same && d::status_pair_in_blocks(text, b, e) == d::holds_status_pair(text, b, e);
#endif
      if (!same) {
        if (differ == 0) MESSAGE("differs at [" << b << ", " << e << ") of \"" << std::string(text) << "\"");
        ++differ;
      }
    }
  return differ;
}

}  // namespace

TEST_CASE("event_says_active answers as says_active on every span of the golden lines") {
  const auto lines = golden_support::all_criterion_lines();
  REQUIRE(lines.size() > 1000);
  std::size_t spans = 0, differ = 0, active = 0;
  for (const std::string& line : lines) {
    differ += differing_spans(line, spans);
    differ += differing_spans(upper(line), spans);
    for (std::size_t b = 0; b + 6 <= line.size(); ++b)
      active += d::event_says_active(line, b, std::min(line.size(), b + 33)) ? 1 : 0;
  }
  CHECK(differ == 0);
  CHECK(spans > 4'000'000);
  CHECK(active > 0);  // (some spans of the golden lines say a status: the test reaches the word scan)
}

TEST_CASE("event_says_active answers as says_active with a status word at every offset of a text") {
  std::size_t spans = 0, differ = 0;
  for (const std::string_view word : {"active", "Current", "currently", "ONGOING", "iv", "rr", "go", "inactive"})
    for (std::size_t size = word.size(); size <= 52; ++size)
      for (std::size_t at = 0; at + word.size() <= size; ++at) {
        std::string text(size, ' ');
        for (std::size_t x = 0; x < size; ++x) text[x] = "ab cd"[x % 5];
        text.replace(at, word.size(), word);
        differ += differing_spans(text, spans);
      }
  CHECK(differ == 0);
}
