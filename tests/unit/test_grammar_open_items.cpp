// The open reading builds an unlisted segment's node in its item, made empty in the list (lower_open.cpp), and sets
// the item's bytes by hand where the item's constructor set them before. The steps after the reading read those bytes:
// a reading of the whole line that is dropped keeps each part's own words as text, not the line up to the part's end
// (nor nothing).
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace {

// The texts of a tree, in order.
void texts_of(const trialmatch::engine::Node& n, std::vector<std::string>& texts) {
  namespace e = trialmatch::engine;
  if (const auto* all = std::get_if<e::All>(&n.kind))
    for (const auto& a : all->args) texts_of(a, texts);
  if (const auto* any = std::get_if<e::Any>(&n.kind))
    for (const auto& a : any->args) texts_of(a, texts);
  if (const auto* t = std::get_if<e::Text>(&n.kind)) texts.push_back(t->text);
}

}  // namespace

TEST_CASE("open reading: an unlisted segment's item keeps its segment's bytes") {
  using trialmatch::grammar::CriterionSection;
  const trialmatch::grammar::Parser parser(trialmatch::engine::Lexicon::builtin());
  // (An LCT line: its open reading of "second PTA ... within a week" and the dates is dropped again as text, cut at
  // the item's first byte. Left at 0, the text ran from the line's start.)
  const char* const line =
      "Inclusion Criteria (PTA group): T1D patients who received their first PTA, or second PTA only if their first "
      "graft was explanted within a week, between 2 January 2005 and 31 December 2017";
  std::vector<std::string> texts;
  texts_of(parser.parse(line, CriterionSection::inclusion).tree, texts);
  const std::vector<std::string> want{
      "Inclusion Criteria (PTA group): T1D patients who received their first PTA",
      "second PTA only if their first graft was explanted within a week, between 2 January 2005 and 31 December 2017"};
  CHECK(texts == want);
  // (Its last byte too: left at 0, the text of this LCT line, its reading dropped, was empty.)
  texts.clear();
  texts_of(parser.parse("ever encountered the acute illness, allergy reaction, immune, or rheumatic disease within one "
                        "month.",
                        CriterionSection::inclusion)
               .tree,
           texts);
  CHECK(texts == std::vector<std::string>{
                     "ever encountered the acute illness, allergy reaction, immune, or rheumatic disease within one month"});
}
