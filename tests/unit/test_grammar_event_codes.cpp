// An event's codes (engine::Codes, a sorted vector of system -> code pairs) against the std::map<string, string>
// they were: the same entries in the same order after any mix of the writes its users make ([], emplace,
// emplace_hint, a list), and on every golden line the codes the lowering writes and the JSON reads back.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/engine/predicate_json.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace {

namespace e = trialmatch::engine;
using OldCodes = std::map<std::string, std::string>;

bool same(const e::Codes& codes, const OldCodes& map) {
  return codes.size() == map.size() && codes.empty() == map.empty() &&
         std::equal(codes.begin(), codes.end(), map.begin(), map.end(),
                    [](const auto& a, const auto& b) { return a.first == b.first && a.second == b.second; });
}

// Systems in and out of byte order, a prefix of another, empty, upper case and a byte above 0x7f.
constexpr std::string_view kSystems[] = {"snomed", "icd10", "atc", "cvx", "loinc", "", "a", "atc2", "SNOMED", "\xc3\xa9"};
constexpr std::string_view kCodes[] = {"230690007", "J44", "", "H02AB07", "03", "a code longer than fifteen bytes"};

void collect_has(const e::Node& n, std::vector<const e::Has*>& out) {
  if (const auto* h = std::get_if<e::Has>(&n.kind)) out.push_back(h);
  else if (const auto* a = std::get_if<e::All>(&n.kind))
    for (const auto& x : a->args) collect_has(x, out);
  else if (const auto* o = std::get_if<e::Any>(&n.kind))
    for (const auto& x : o->args) collect_has(x, out);
  else if (const auto* no = std::get_if<e::Not>(&n.kind)) collect_has(*no->arg, out);
  else if (const auto* g = std::get_if<e::If>(&n.kind)) {
    collect_has(*g->cond, out);
    collect_has(*g->then, out);
  }
}

// The former Lowering::write_codes_of, into the map: the primary code of each of four systems, in the map's order.
OldCodes old_written(const e::Concept& c) {
  static constexpr std::string_view systems[] = {"snomed", "icd10", "atc", "cvx"};
  OldCodes out;
  for (const auto& [system, list] : c.codes) {
    if (list.empty() || list.front().empty() || std::find(std::begin(systems), std::end(systems), system) == std::end(systems))
      continue;
    out.emplace_hint(out.end(), system, list.front());
  }
  return out;
}

}  // namespace

TEST_CASE("event codes: any mix of writes leaves the entries and order a std::map has") {
  std::uint32_t seed = 12345;
  const auto next = [&](std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  constexpr std::uint32_t kSystemCount = std::size(kSystems), kCodeCount = std::size(kCodes);
  for (int round = 0; round < 20000; ++round) {
    e::Codes codes;
    OldCodes map;
    const std::uint32_t writes = 1 + next(7);
    for (std::uint32_t w = 0; w < writes; ++w) {
      const std::string system(kSystems[next(kSystemCount)]);
      const std::string code(kCodes[next(kCodeCount)]);
      switch (next(5)) {
        case 0: codes[system] = code, map[system] = code; break;
        case 1: {
          const auto [at, added] = codes.emplace(system, code);
          const auto [old_at, old_added] = map.emplace(system, code);
          CHECK(added == old_added);
          CHECK(at->first == old_at->first);
          CHECK(at->second == old_at->second);
          break;
        }
        case 2: {
          const auto at = codes.emplace_hint(codes.end(), system, code);
          const auto old_at = map.emplace_hint(map.end(), system, code);
          CHECK(at->first == old_at->first);
          CHECK(at->second == old_at->second);
          break;
        }
        case 3: {
          const auto at = codes.emplace_hint(codes.begin(), system, code);
          const auto old_at = map.emplace_hint(map.begin(), system, code);
          CHECK(at->first == old_at->first);
          CHECK(at->second == old_at->second);
          break;
        }
        default: {
          const std::string other(kSystems[next(kSystemCount)]);
          codes = {{system, code}, {other, "x"}, {system, "second"}};
          map = {{system, code}, {other, "x"}, {system, "second"}};
          break;
        }
      }
      REQUIRE(same(codes, map));
    }
    for (const auto system : kSystems) {
      const auto at = codes.find(system);
      const auto old_at = map.find(std::string(system));
      REQUIRE((at == codes.end()) == (old_at == map.end()));
      if (at != codes.end()) CHECK(at->second == old_at->second);
    }
    e::Codes copy = codes;
    CHECK(copy == codes);
    if (!copy.empty()) {
      copy[copy.begin()->first] += "!";
      CHECK(!(copy == codes));
    }
  }
}

TEST_CASE("event codes: every golden line's events carry the codes the map form wrote, and JSON reads them back") {
  const auto& lexicon = e::Lexicon::builtin();
  const trialmatch::grammar::Parser parser(lexicon);
  int coded = 0, several = 0;
  for (const auto& line : golden_support::all_criterion_lines()) {
    for (const auto section : {trialmatch::grammar::CriterionSection::inclusion, trialmatch::grammar::CriterionSection::exclusion}) {
      const auto parsed = parser.parse(line, section);
      std::vector<const e::Has*> events;
      collect_has(parsed.tree, events);
      for (const auto* h : events) {
        const e::Concept* c = h->name.empty() ? lexicon.find(h->concept_id) : nullptr;
        const OldCodes expected = c ? old_written(*c) : OldCodes{};
        CHECK_MESSAGE(same(h->codes, expected), line);
        coded += !h->codes.empty();
        several += h->codes.size() > 1;
      }
      // The JSON form writes each system as a field and reads them back in its own order (snomed, icd10, atc, cvx).
      std::vector<const e::Has*> read_back;
      const e::Node again = e::node_from_json(e::to_json(parsed.tree));
      collect_has(again, read_back);
      REQUIRE(read_back.size() == events.size());
      for (std::size_t k = 0; k < events.size(); ++k) CHECK(read_back[k]->codes == events[k]->codes);
    }
  }
  CHECK(coded > 500);
  CHECK(several > 100);
}
