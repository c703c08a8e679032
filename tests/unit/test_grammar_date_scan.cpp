// rules::day_month_year's one-pass match ("1 January 2014", "1st of january 2000", "12 Dec. 2019") against the
// rule itself (PEGTL's seq<day_of_month, sp, ...>, its rule_t: the oracle): at every position of the golden
// criterion lines, in their case and in upper case, and on dates made of every part in every form, cut short and
// spoiled.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include <tao/pegtl.hpp>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/rules.hpp"
#include "golden_support.hpp"

namespace pegtl = tao::pegtl;
namespace r = trialmatch::grammar::rules;

namespace {

// Bytes the rule matches at the start of `text` (0: none), by PEGTL's steps through the rule's parts.
std::size_t by_rule(std::string_view text) {
  pegtl::memory_input in(text.data(), text.size(), "date");
  return pegtl::parse<r::day_month_year::rule_t>(in) ? static_cast<std::size_t>(in.current() - text.data()) : 0;
}

// The same by the rule's own match (the one pass).
std::size_t by_scan(std::string_view text) {
  pegtl::memory_input in(text.data(), text.size(), "date");
  return pegtl::parse<r::day_month_year>(in) ? static_cast<std::size_t>(in.current() - text.data()) : 0;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_CASE("a day, a month's name and a year read in one pass as the rule's steps read them") {
  std::size_t compared = 0, matched = 0;
  const auto compare = [&](std::string_view text) {
    // Every suffix: the rule is tried wherever a token starts (its first test is a digit).
    for (std::size_t i = 0; i < text.size(); ++i) {
      const std::string_view rest = text.substr(i);
      const std::size_t expected = by_rule(rest);
      if (by_scan(rest) != expected) {  // (a check per position would be millions of assertions)
        INFO("text: \"" << rest << "\"");
        CHECK(by_scan(rest) == expected);
      }
      ++compared;
      matched += expected != 0 ? 1 : 0;
    }
  };
  for (const std::string& line : golden_support::all_criterion_lines()) {
    compare(line);
    compare(upper(line));
  }
  const std::size_t golden_matched = matched;

  // Made dates: each part in its forms, with what may follow them.
  static constexpr std::string_view days[] = {"1", "01", "12", "31", "123", "7a", "x"};
  static constexpr std::string_view suffixes[] = {"", "st", "nd", "RD", "th", "s", "thx", "-"};
  static constexpr std::string_view blanks[] = {" ", "  ", "\t", " \n ", ""};
  static constexpr std::string_view ofs[] = {"", "of ", "OF  ", "of", "of,", "ofx ", "o "};
  static constexpr std::string_view months[] = {"january", "Jan", "JUNE", "jun", "may", "mayo", "sept", "sep",
                                                "septembre", "december", "dec", "de", "month", "oct"};
  static constexpr std::string_view marks[] = {"", ".", ",", ".,", ",.", ".."};
  static constexpr std::string_view years[] = {"2019", "1999", "2100", "20190", "201", "2019a", "2019-", "2019.",
                                               "19", "1899", ""};
  for (const std::string_view day : days)
    for (const std::string_view suffix : suffixes)
      for (const std::string_view blank : blanks)
        for (const std::string_view of : ofs)
          for (const std::string_view month : months)
            for (const std::string_view mark : marks)
              for (const std::string_view year : years) {
                const std::string date = std::string(day) + std::string(suffix) + std::string(blank) + std::string(of) +
                                         std::string(month) + std::string(mark) + std::string(blank) + std::string(year);
                // Whole, and cut short (the rule must refuse or stop where the text ends).
                const std::string_view cut = std::string_view(date).substr(0, date.size() / 2 + 1);
                for (const std::string_view text : {std::string_view(date), cut}) {
                  const std::size_t expected = by_rule(text);
                  if (by_scan(text) != expected) {
                    INFO("date: \"" << text << "\"");
                    CHECK(by_scan(text) == expected);
                  }
                  ++compared;
                  matched += expected != 0 ? 1 : 0;
                }
              }
  // The lines hold dates, and the made ones match in many forms.
  CHECK(golden_matched >= 5);
  CHECK(matched - golden_matched > 1000);
  CHECK(compared > 500000);
}
