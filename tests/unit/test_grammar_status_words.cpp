// says_active (grammar/src/lower_status_words.hpp), the status has_into reads from a named span, skips the word scan
// where no two bytes side by side are "iv", "rr" or "go" (holds_status_pair: sixteen pairs a test with SSE2, reading
// the line around the span, else eight on the span alone). Its answer must be the former scan's (kept here as the
// oracle) on every span of the golden lines up to 48 bytes, all prefixes and suffixes, the same in capitals, each span
// within its line and alone; the pair tests must find exactly the span's pairs; and each status word is placed at
// every offset of spans that straddle the blocks read, alone and inside a text of status words.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/lower_status_words.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "golden_support.hpp"

namespace d = trialmatch::grammar::detail;

namespace {

// The former scan of has_into (lower.cpp before s24lex), word by word with no pair test first.
bool former_says_active(std::string_view named) {
  static constexpr std::string_view active_words[] = {"active", "current", "currently", "ongoing"};
  static constexpr std::array<unsigned char, 256> word_part = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned x = 0; x < 256; ++x)
      t[x] = (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') ? 1 : x == '-' ? 2 : 0;
    return t;
  }();
  const auto part = [&](std::size_t x) { return word_part[static_cast<unsigned char>(named[x])]; };
  std::size_t p = 0;
  while (p < named.size()) {
    while (p < named.size() && part(p) != 1) ++p;
    std::size_t q = p;
    while (q < named.size() && part(q) != 0) ++q;
    const std::size_t n = q - p;
    const char first = static_cast<char>(n > 0 ? named[p] | 0x20 : 0);
    if ((n == 6 || n == 7 || n == 9) && (first == 'a' || first == 'c' || first == 'o') &&
        d::one_of(named.substr(p, n), active_words))
      return true;
    p = q;
  }
  return false;
}

// Whether two bytes side by side are "iv", "rr" or "go" in any case, pair by pair.
bool any_status_pair(std::string_view s) {
  const auto lower = [](char ch) { return static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch); };
  for (std::size_t k = 0; k + 1 < s.size(); ++k) {
    const char x = lower(s[k]), y = lower(s[k + 1]);
    if ((x == 'i' && y == 'v') || (x == 'r' && y == 'r') || (x == 'g' && y == 'o')) return true;
  }
  return false;
}

std::string upper(std::string s) {
  for (char& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return s;
}

}  // namespace

TEST_CASE("says_active answers as the former word scan on every span of the golden lines") {
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  const std::size_t golden = lines.size();
  for (std::size_t k = 0; k < golden; ++k) lines.push_back(upper(lines[k]));
  long spans = 0, active = 0, paired = 0;
  const auto check = [&](std::string_view text, std::size_t b, std::size_t e) {
    const std::string_view span = text.substr(b, e - b);
    const bool expected = former_says_active(span);
    const std::string alone(span);  // (the span as the whole text: no bytes around it to read)
    if (d::says_active(text, b, e) != expected || d::says_active(alone, 0, alone.size()) != expected) {
      CAPTURE(std::string(span));
      FAIL("says_active and the former scan differ");
    }
    // The pair tests, of the span within its line and alone, each exactly the pairs of the span.
    const bool pair = any_status_pair(span);
    if (d::holds_status_pair(text, b, e) != pair || d::holds_status_pair(span) != pair ||
        d::holds_status_pair(alone, 0, alone.size()) != pair) {
      CAPTURE(std::string(span));
      FAIL("a pair test and the pairs of the span differ");
    }
    ++spans;
    active += expected;
    paired += pair;
  };
  for (const std::string& line : lines) {
    const std::string_view text = line;
    for (std::size_t b = 0; b <= text.size(); ++b)
      for (std::size_t e = b; e <= text.size() && e - b <= 48; ++e) check(text, b, e);
    for (std::size_t x = 0; x <= text.size(); ++x) {
      check(text, 0, x);
      check(text, x, text.size());
    }
  }
  // (Spans of both answers met, and most skip the scan.)
  CHECK(active > 10000);
  CHECK(paired < spans / 2);
  MESSAGE("spans: ", spans, ", active ", active, ", with a pair ", paired);
}

TEST_CASE("says_active finds each status word at every offset of spans of every length, and none glued to others") {
  const std::vector<std::string> words = {"active", "Current", "CURRENTLY", "onGoing", "ACTIVE"};
  // What stands around the word: separators keep it a word, letters and a hyphen after a letter glue it to another.
  const std::vector<std::string> around = {" ", "-", "(", "1", "x", ",", "/"};
  long checked = 0;
  for (const std::string& word : words)
    for (const std::string& left : around)
      for (const std::string& right : around)
        for (std::size_t before = 0; before <= 20; ++before)
          for (std::size_t after = 0; after <= 12; ++after) {
            std::string text(before, '.');
            if (before > 0) text.back() = left[0];
            text += word;
            std::string tail(after, ':');
            if (after > 0) tail.front() = right[0];
            text += tail;
            CAPTURE(text);
            CHECK(d::says_active(text, 0, text.size()) == former_says_active(text));
            // (Alone, between separators, each is a status word: the pair test must let it through.)
            if (left != "x" && left != "-" && right != "x" && right != "-") {
              CHECK(d::holds_status_pair(text));
              CHECK(d::says_active(text, 0, text.size()));
            }
            // The same words read as a span of a longer text, status words all around it.
            const std::string wide = "currently active " + text + " ongoing-active current";
            CHECK(d::says_active(wide, 17, 17 + text.size()) == former_says_active(text));
            ++checked;
          }
  MESSAGE("texts: ", checked);
}
