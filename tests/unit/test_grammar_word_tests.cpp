// The lowering's word tests made cheaper (lowerspeed22), each against the plain form it replaced as the oracle:
// consequence_at (lower_items.cpp's "..., resulting in ..." between two items) against lowering a copy of the words
// and searching it for each of the 15 phrases; WordList's one test of first letter and length together against
// one_of, on words that pass one of the two and not the other.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "../../grammar/src/lower_util.hpp"
#include "golden_support.hpp"

namespace g = trialmatch::grammar;

namespace {

// What lower_items.cpp did: the position in " " + lower(words) of the first occurrence of each phrase, the
// smallest of them (an index into that string: one more than the comma's offset in `words`), or npos.
std::size_t consequence_oracle(std::string_view written) {
  if (written.find(',') == std::string_view::npos) return std::string::npos;
  const std::string between = " " + g::detail::lower_ascii(written);
  static constexpr std::string_view phrases[] = {
      ", resulting in ", ", which resulting in ", ", that resulting in ",
      ", resulted in ",  ", which resulted in ",  ", that resulted in ",
      ", leading to ",   ", which leading to ",   ", that leading to ",
      ", led to ",       ", which led to ",       ", that led to ",
      ", causing ",      ", which causing ",      ", that causing "};
  std::size_t first = std::string::npos;
  for (std::string_view phrase : phrases) first = std::min(first, between.find(phrase));
  return first;
}

std::vector<std::string> golden_lines() { return golden_support::criterion_lines({"bounds", "constructions", "lct_registry", "seeds", "unlisted", "windows"}); }

void check_consequence(std::string_view w) {
  CAPTURE(w);
  const std::size_t oracle = consequence_oracle(w);
  const std::size_t at = g::detail::consequence_at(w);
  if (oracle == std::string::npos) {
    CHECK(at == std::string_view::npos);
  } else {
    CHECK(at + 1 == oracle);
  }
}

}  // namespace

TEST_CASE("lowering: consequence_at finds the comma the 15 phrases were searched for") {
  // Written for it, and near misses: no comma, no space after it, a phrase cut at the end, other case, a second
  // comma after a first that opens nothing, "which"/"that" before each consequence, a phrase inside another word.
  const std::vector<std::string> probes = {
      "", ",", ", ", " within 48 hours, resulting in ", " within 48 hours, resulting in an aPTT",
      ", Resulting In ", ",RESULTING IN ", ",resulting in ", ", resulting in", ", resulting  in ", ", which led to a",
      ", that causing x", ", leading to ", ", led to", ", led to ", ", LED TO ", ", which resulted in ", ", that ",
      ", which ", ", whichled to ", "a, b, causing c", "a, b, c, leading to d, resulting in e", ",, causing ",
      ", , causing ", "x,  causing ", ", re, resulted in ", ", thatcausing ", ", that that causing ", ", causing",
      ", causing \xC3\xA9", "\xC3\x89, led to x", ", which Led To ", ", WHICH resulted in y", ", ThAt LeAdInG tO z"};
  for (const auto& p : probes) check_consequence(p);
  // Every stretch of the golden lines that starts at a comma or a word, up to a few words on; and some of them
  // with a phrase written into them (the golden lines hold none), in either case, cut at a few places.
  std::size_t found = 0;
  std::vector<std::string> lines = golden_lines();
  const std::size_t golden = lines.size();
  for (std::size_t i = 0; i < golden; i += 25)
    for (const char* phrase : {", resulting in ", ", WHICH LED TO ", ", that Causing ", ", leading to", ",causing ",
                               ", which resulted in "}) {
      const std::string& line = lines[i];
      lines.push_back(line.substr(0, line.size() / 2) + phrase + line.substr(line.size() / 2));
    }
  for (const auto& line : lines)
    for (std::size_t p = 0; p < line.size(); ++p) {
      if (p > 0 && line[p - 1] != ' ' && line[p] != ',') continue;
      for (std::size_t n : {std::size_t{12}, std::size_t{20}, std::size_t{40}, std::string::npos}) {
        const std::string_view w = std::string_view(line).substr(p, n);
        check_consequence(w);
        found += g::detail::consequence_at(w) != std::string_view::npos ? 1 : 0;
      }
    }
  CHECK(found > 0);
}

TEST_CASE("lowering: a WordList refuses by first letter and length together, as one_of answers") {
  // "plan" and "intend": a word of p's length 6 or i's length 4 passes each test alone (a length some entry has,
  // a first letter some entry has) and is no entry.
  static constexpr std::string_view words[] = {"plan", "planned", "intend", "x", "zebra", "\xC3\xA9t\xC3\xA9"};
  static constexpr g::detail::WordList list(words);
  const std::vector<std::string> probes = {"plan", "PLAN", "plans", "planne", "planned", "PlAnNeD", "intend",
                                           "INTEND", "inte", "intent", "pl", "p", "i", "x", "X", "xx", "y", "zebra",
                                           "zebras", "zebr", "paused", "pleads", "planet", "",
                                           "\xC3\xA9t\xC3\xA9", "\xC3\xA9t\xC3\xA0", "\xC3\xA9t\xC3", "7plan",
                                           std::string(63, 'p'), std::string(64, 'p'), std::string(90, 'z')};
  for (const auto& p : probes) {
    CAPTURE(p);
    CHECK(list.contains(p) == g::detail::one_of(p, words));
  }
  // A list with entries of 63 bytes and more: lengths above 62 share one bit, the words are still compared.
  static constexpr std::string_view long_words[] = {
      "ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"};  // 69
  static constexpr g::detail::WordList long_list(long_words);
  CHECK(long_list.contains(std::string(69, 'p')));
  CHECK(long_list.contains(std::string(69, 'P')));
  CHECK(!long_list.contains(std::string(70, 'p')));
  CHECK(!long_list.contains(std::string(63, 'p')));
}
