// Concept::event_codes, the codes an event of a concept carries, made at load, against the walk of the concept's
// codes the lowering made for each event before (kept here as the oracle): the same pairs in the same order.
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"

namespace {

namespace e = trialmatch::engine;
using Pairs = std::vector<std::pair<std::string, std::string>>;

// The former Lowering::write_codes_of's walk: the primary code of each of four systems, in the map's order.
Pairs former_event_codes(const e::Concept& c) {
  static constexpr std::string_view systems[] = {"snomed", "icd10", "atc", "cvx"};
  Pairs out;
  for (const auto& [system, list] : c.codes) {
    if (list.empty() || list.front().empty() || std::find(std::begin(systems), std::end(systems), system) == std::end(systems))
      continue;
    out.emplace_back(system, list.front());
  }
  return out;
}

Pairs pairs_of(const e::Codes& codes) { return Pairs(codes.begin(), codes.end()); }

}  // namespace

TEST_CASE("lexicon event codes: every builtin concept's are the former walk's") {
  std::size_t coded = 0;
  for (const auto& c : e::Lexicon::builtin().concepts()) {
    INFO(c.id);
    CHECK(pairs_of(c.event_codes) == former_event_codes(c));
    coded += !c.event_codes.empty();
  }
  CHECK(coded > 100);  // most concepts carry codes of some event system
}

TEST_CASE("lexicon event codes: other systems, empty lists and codes, URLs and several codes a system") {
  const auto lex = e::Lexicon::from_json(R"({"concepts": [
    {"id": "a", "kind": "condition", "names": ["A thing"],
     "codes": {"loinc": "1-8", "cvx": "03", "http://snomed.info/sct": ["230690007", "12"], "icd10": ["J44", "J45"],
               "atc": [], "rxnorm": "99"}},
    {"id": "b", "kind": "treatment", "names": ["B drug"], "codes": {"atc": "H02AB07", "snomed": [""], "icd10": "", "umls": "C1"}},
    {"id": "c", "kind": "condition", "names": ["C thing"], "codes": {"loinc": "2-9"}},
    {"id": "d", "kind": "condition", "names": ["D thing"]},
    {"id": "e", "kind": "condition", "names": ["E thing"], "codes": {"http://hl7.org/fhir/sid/icd-10-cm": "a code longer than fifteen bytes"}}
  ]})");
  for (const auto& c : lex.concepts()) {
    INFO(c.id);
    CHECK(pairs_of(c.event_codes) == former_event_codes(c));
  }
  CHECK(pairs_of(lex.find("a")->event_codes) == Pairs{{"cvx", "03"}, {"icd10", "J44"}, {"snomed", "230690007"}});
  CHECK(pairs_of(lex.find("b")->event_codes) == Pairs{{"atc", "H02AB07"}});
  CHECK(lex.find("c")->event_codes.empty());
  CHECK(lex.find("d")->event_codes.empty());
  CHECK(pairs_of(lex.find("e")->event_codes) == Pairs{{"icd10", "a code longer than fifteen bytes"}});
}
