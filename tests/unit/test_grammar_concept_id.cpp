// engine::ConceptId, the id of a Has (up to 31 bytes held in place, longer ones out of line), against std::string,
// the type it replaced, as the oracle: the same bytes, the same comparisons, copies and moves that keep their bytes
// whichever of the two forms each side holds, and no memory kept after it is destroyed.
#include <doctest/doctest.h>

#include <malloc.h>

#include <compare>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/concept_id.hpp"

namespace {

using trialmatch::engine::ConceptId;

// Ids of every length from 0 to 80 (both forms and the edge between them at 31), the lexicon's own ids, and the
// golden lines' prefixes of up to 80 bytes (ids made from text).
std::vector<std::string> sample_ids() {
  std::vector<std::string> out;
  for (std::size_t n = 0; n <= 80; ++n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + (i * 7 + n) % 26);
    out.push_back(s);
  }
  for (const auto& c : trialmatch::engine::Lexicon::builtin().concepts()) out.push_back(c.id);
  const auto lines = golden_support::all_criterion_lines();
  for (std::size_t k = 0; k < lines.size(); k += 7)
    for (std::size_t n = 0; n <= 80 && n <= lines[k].size(); n += 3) out.push_back(lines[k].substr(0, n));
  return out;
}

void check_holds(const ConceptId& id, const std::string& s) {
  CHECK(id.view() == s);
  CHECK(std::string_view(id) == s);
  CHECK(id.str() == s);
  CHECK(id.size() == s.size());
  CHECK(id.empty() == s.empty());
  CHECK(id == s);
  CHECK(id == std::string_view(s));
  CHECK(id == s.c_str());
}

}  // namespace

TEST_CASE("ConceptId holds, copies and moves its bytes as std::string did") {
  const auto ids = sample_ids();
  REQUIRE(ids.size() > 2000);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const std::string& s = ids[k];
    const ConceptId made(s);
    check_holds(made, s);
    ConceptId copy(made);
    check_holds(copy, s);
    ConceptId moved(std::move(copy));
    check_holds(moved, s);
    CHECK(copy.empty());  // NOLINT: a moved-from id is empty, as a moved-from string is in practice
    // Assignments between ids of either form (the next sample's, often the other form), and back.
    const std::string& other = ids[(k * 31 + 17) % ids.size()];
    ConceptId target(other);
    target = made;
    check_holds(target, s);
    target = ConceptId(other);
    check_holds(target, other);
    target = std::move(moved);
    check_holds(target, s);
    const ConceptId& itself = target;
    target = itself;  // self-assignment keeps it
    check_holds(target, s);
    target.assign(target.view().substr(s.size() / 3));  // from its own bytes
    check_holds(target, s.substr(s.size() / 3));
    target = other;
    check_holds(target, other);
    // Comparisons as the strings compare.
    CHECK((made == ConceptId(other)) == (s == other));
    CHECK((made <=> ConceptId(other)) == (std::string_view(s) <=> std::string_view(other)));
  }
}

TEST_CASE("ConceptId keeps no memory once destroyed") {
  const auto ids = sample_ids();
  const std::size_t before = mallinfo2().uordblks;
  for (int round = 0; round < 20; ++round) {
    std::vector<ConceptId> held;
    for (const auto& s : ids) held.emplace_back(s);  // the vector's growth moves them
    std::vector<ConceptId> copies(held);
    for (std::size_t k = 0; k + 1 < held.size(); ++k) {
      copies[k] = std::move(held[k + 1]);
      held[k] = copies[k + 1];
    }
  }
  CHECK(mallinfo2().uordblks <= before + 4096);
}
