// Ages and durations written in two parts: compound durations and the obstetric weeks-and-days notation
// become one exact quantity in the tokens; sub-grades and suspended hyphens in the trees.
#include <doctest/doctest.h>

#include <string>
#include <vector>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/tokens.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace g = trialmatch::grammar;
using trialmatch::engine::Lexicon;

namespace {

// The quantities of a line, as "value unit".
std::vector<std::string> quantities(const std::string& line) {
  std::vector<std::string> out;
  for (const auto& t : g::tokenize(line, Lexicon::builtin()))
    if (t.kind == g::Tok::quantity)
      out.push_back(std::to_string(static_cast<long>(t.quantity.value)) + " " +
                    (t.quantity.unit_unknown ? std::string("?") : std::string(t.quantity.unit)));
  return out;
}

std::string tree(const std::string& line) {
  static const g::Parser parser(Lexicon::builtin());
  return trialmatch::engine::to_canonical(parser.parse(line, g::CriterionSection::inclusion).tree);
}

}  // namespace

TEST_CASE("tokens: a duration in two units is one quantity in the smaller, where the ratio is exact") {
  CHECK(quantities("23 weeks 6 days") == std::vector<std::string>{"167 d"});
  CHECK(quantities("1 year and 6 months") == std::vector<std::string>{"18 mo"});
  CHECK(quantities("2 hours + 30 minutes") == std::vector<std::string>{"150 min"});
  // Not a compound: the second part as large as the unit, a month of days (not exact), the wrong order.
  CHECK(quantities("2 weeks 7 days") == std::vector<std::string>{"2 wk", "7 d"});
  CHECK(quantities("1 month 3 days") == std::vector<std::string>{"1 mo", "3 d"});
  CHECK(quantities("6 months 1 year") == std::vector<std::string>{"6 mo", "1 a"});
  // After "between", the "and" is the range's.
  CHECK(quantities("between 1 year and 6 months") == std::vector<std::string>{"1 a", "6 mo"});
}

TEST_CASE("tokens: completed weeks and days over seven, only where weeks follow") {
  CHECK(quantities("34 6/7 weeks") == std::vector<std::string>{"244 d"});
  CHECK(quantities("33+6 weeks") == std::vector<std::string>{"237 d"});
  CHECK(quantities("16 0/7 to 22 0/7 weeks") == std::vector<std::string>{"16 wk", "22 wk"});
  CHECK(quantities("24+0 to 33+6 weeks") == std::vector<std::string>{"24 wk", "237 d"});
  // No weeks after it: a Gleason sum, a count.
  CHECK(quantities("Gleason 3+4").size() == 2);
  CHECK(quantities("34+6 days").front() != "244 d");
}

TEST_CASE("grammar: a unit suspended on a hyphen, and sub-grades refused") {
  CHECK(tree("aged between 18- and 65-years") == "all(cmp age >= 18 a, cmp age <= 65 a)");
  CHECK(tree("ECOG 0-1 for 10- to 13-year-olds") ==
        "if(all(cmp age >= 10 a, cmp age <= 13 a), all(cmp ecog >= 0 1, cmp ecog <= 1 1))");
  // "3-wall" has no unit to lend: nothing is suspended.
  CHECK(tree("combined 2- to 3-wall intraosseous defect").rfind("text", 0) == 0);
  CHECK(tree("NYHA ≥ 2a").rfind("text", 0) == 0);
  CHECK(tree("TICI 2b-3").rfind("text", 0) == 0);
}

TEST_CASE("grammar: values on a scale, the age named after its values, a unit restated in parentheses") {
  CHECK(tree("Stages of the disease 2-3 of Hoehn and Yahr") ==
        "all(cmp hoehn_yahr_stage >= 2 1, cmp hoehn_yahr_stage <= 3 1)");
  // With no class word before the values, "of" may count something else.
  CHECK(tree("2-3 of Hoehn and Yahr").rfind("text", 0) == 0);
  CHECK(tree("20-70 age") == "all(cmp age >= 20 a, cmp age <= 70 a)");
  CHECK(tree("temperature > 38 degrees Celsius (C) or < 36 degrees C") ==
        "any(cmp temperature > 38 Cel, cmp temperature < 36 Cel)");
  // Child-Pugh classes are letters; numbers 2 and 3 are no class of it (its score runs 5-15).
  CHECK(tree("Child-pugh class 2 or 3").rfind("text", 0) == 0);
}

TEST_CASE("grammar: classes glued to their score's abbreviation are a set, never a list of requirements") {
  CHECK(tree("ASAI ,ASAII, ASAIII") == "any(cmp asa_class == 1 1, cmp asa_class == 2 1, cmp asa_class == 3 1)");
  CHECK(tree("Hawaii").rfind("text", 0) == 0);  // capitals only: a word ending in "ii" is no class
}
