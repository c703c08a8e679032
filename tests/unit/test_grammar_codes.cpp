// The codes of a line's events: written into its final tree once it is read (the lowering notes the concepts of
// the events it builds and writes their primary codes at the end), the same as written into each event built.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace {

using trialmatch::engine::Has;
using trialmatch::engine::Node;

const trialmatch::grammar::Parser& parser() {
  static const trialmatch::grammar::Parser p(trialmatch::engine::Lexicon::builtin());
  return p;
}

void collect_has(const Node& n, std::vector<const Has*>& out) {
  if (const auto* h = std::get_if<Has>(&n.kind)) out.push_back(h);
  else if (const auto* a = std::get_if<trialmatch::engine::All>(&n.kind))
    for (const auto& x : a->args) collect_has(x, out);
  else if (const auto* o = std::get_if<trialmatch::engine::Any>(&n.kind))
    for (const auto& x : o->args) collect_has(x, out);
  else if (const auto* no = std::get_if<trialmatch::engine::Not>(&n.kind)) collect_has(*no->arg, out);
  else if (const auto* g = std::get_if<trialmatch::engine::If>(&n.kind)) {
    collect_has(*g->cond, out);
    collect_has(*g->then, out);
  }
}

// The primary code of each of the four systems an event carries, from the lexicon's concept.
std::map<std::string, std::string> primary_codes(std::string_view id) {
  const auto* c = trialmatch::engine::Lexicon::builtin().find(id);
  REQUIRE(c != nullptr);
  std::map<std::string, std::string> out;
  for (const auto& [system, list] : c->codes)
    if ((system == "snomed" || system == "icd10" || system == "atc" || system == "cvx") && !list.empty() &&
        !list.front().empty())
      out[system] = list.front();
  return out;
}

// The event's codes are the map's entries, in the map's order (Has::codes is a sorted vector, not a map).
bool same_codes(const trialmatch::engine::Codes& codes, const std::map<std::string, std::string>& map) {
  return std::equal(codes.begin(), codes.end(), map.begin(), map.end(),
                    [](const auto& a, const auto& b) { return a.first == b.first && a.second == b.second; });
}

std::vector<const Has*> events(const trialmatch::grammar::ParsedCriterion& parsed) {
  std::vector<const Has*> out;
  collect_has(parsed.tree, out);
  return out;
}

}  // namespace

TEST_CASE("grammar codes: an event of a listed concept carries its primary codes") {
  const auto parsed = parser().parse("History of type 2 diabetes");
  const auto found = events(parsed);
  REQUIRE(found.size() == 1);
  CHECK(found[0]->concept_id == "type_2_diabetes");
  CHECK(!found[0]->codes.empty());
  CHECK(same_codes(found[0]->codes, primary_codes("type_2_diabetes")));
}

TEST_CASE("grammar codes: events under a negation, in alternatives and in a guard carry theirs") {
  for (const std::string line : {"No history of stroke or epilepsy", "Not pregnant or breastfeeding",
                                 "Hepatitis B or hepatitis C infection within 6 months",
                                 "If female, no pregnancy; no tuberculosis"}) {
    CAPTURE(line);
    const auto parsed = parser().parse(line, trialmatch::grammar::CriterionSection::exclusion);
    const auto found = events(parsed);
    REQUIRE(!found.empty());
    for (const Has* h : found) {
      CAPTURE(h->concept_id);
      REQUIRE(h->name.empty());
      CHECK(same_codes(h->codes, primary_codes(h->concept_id)));
    }
  }
}

TEST_CASE("grammar codes: more concepts in a line than the lowering notes apart still carry their codes") {
  // (More than 16 different concepts: past the lowering's list, the rest are found by their ids.)
  const std::string line =
      "History of bacterial infection, fungal infection, viral infection, HIV infection, hepatitis B, hepatitis C, "
      "syphilis, tuberculosis, sepsis, leukemia, lymphoma, multiple myeloma, prostate cancer, breast cancer, "
      "Down syndrome, Fanconi anemia, aplastic anemia, Gilbert syndrome, thalassemia, sickle cell disease";
  const auto parsed = parser().parse(line, trialmatch::grammar::CriterionSection::exclusion);
  const auto found = events(parsed);
  std::set<std::string> ids;
  for (const Has* h : found) ids.insert(h->concept_id.str());
  REQUIRE(ids.size() > 16);
  for (const Has* h : found) {
    CAPTURE(h->concept_id);
    CHECK(!h->codes.empty());
    CHECK(same_codes(h->codes, primary_codes(h->concept_id)));
  }
}

TEST_CASE("grammar codes: an event of an unlisted thing carries its words and no codes") {
  const auto parsed = parser().parse("Zorblatt syndrome within 6 months", trialmatch::grammar::CriterionSection::exclusion);
  const auto found = events(parsed);
  REQUIRE(found.size() == 1);
  CHECK(!found[0]->name.empty());
  CHECK(found[0]->codes.empty());
}

TEST_CASE("grammar codes: each line's codes are its own") {
  // The same parser, one line after another: the concepts noted for a line do not reach the next.
  const auto first = parser().parse("History of tuberculosis");
  const auto second = parser().parse("Zorblatt syndrome within 6 months");
  const auto third = parser().parse("History of sepsis");
  REQUIRE(events(first).size() == 1);
  REQUIRE(events(second).size() == 1);
  REQUIRE(events(third).size() == 1);
  CHECK(same_codes(events(first)[0]->codes, primary_codes("tuberculosis")));
  CHECK(events(second)[0]->codes.empty());
  CHECK(same_codes(events(third)[0]->codes, primary_codes("sepsis")));
}
