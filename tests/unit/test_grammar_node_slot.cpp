// piece() and sequence() written where the reading goes (grammar/src/lower_node_slot.hpp: piece_into, sequence_into,
// as line() reads each piece into its tree): into a node that already holds another tree, they must give the same
// tree and the same warnings as into an optional, say "nothing read" where it is empty, and then leave the node as it
// was (line() reads its next piece into a tree a refused piece was given). Every span of up to 12 tokens of the
// golden lines, in both list readings.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_node_slot.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"
#include "tree_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

// The two ways of reading a piece (Lowering's friend).
struct NodeSlotProbe {
  static std::optional<engine::Node> piece(Lowering& l, std::size_t b, std::size_t e) { return l.piece(b, e); }
  static bool piece_into(Lowering& l, std::size_t b, std::size_t e, engine::Node& out) { return l.piece_into(b, e, out); }
  static std::optional<engine::Node> sequence(Lowering& l, std::size_t b, std::size_t e) { return l.sequence(b, e, 0); }
  static bool sequence_into(Lowering& l, std::size_t b, std::size_t e, engine::Node& out) {
    return l.sequence_into(b, e, 0, out);
  }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::detail::Lowering;
using g::detail::NodeSlotProbe;

using tree_support::warnings;

// What a node holds before a reading is written into it: a node as made (an empty list, which owns nothing, as
// line() gives its tree), a text, or a list of one (a reading of another kind or the same).
e::Node held_before(std::size_t k) {
  if (k % 3 == 0) return e::Node{};
  e::Node text = e::make_text("held before", e::TextReason::not_understood, {1, 2});
  if (k % 3 == 1) return text;
  std::vector<e::Node> one;
  one.push_back(std::move(text));
  return e::make_all(std::move(one), {3, 4});
}

struct Counts {
  int spans = 0;
  int read = 0;     // spans piece() read
  int refused = 0;  // spans it read nothing of
};

template <class Optional, class Into>
void check_both(Lowering& a, e::Diagnostics& a_diags, Lowering& b, e::Diagnostics& b_diags, std::size_t from,
                std::size_t to, std::size_t k, Optional optional, Into into, Counts& counts) {
  a_diags.clear();
  b_diags.clear();
  const std::optional<e::Node> expected = optional(a, from, to);
  const e::Node before = held_before(k);
  e::Node node = before;
  const bool read = into(b, from, to, node);
  CHECK(read == expected.has_value());
  if (read && expected) CHECK(node == *expected);
  if (!read) CHECK(node == before);
  CHECK(warnings(a_diags) == warnings(b_diags));
  ++counts.spans;
  ++(expected ? counts.read : counts.refused);
}

void check_line(const std::string& text, Counts& pieces, Counts& sequences) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  for (const auto lists : {g::ListReading::all, g::ListReading::any}) {
    e::Diagnostics a_diags, b_diags;
    Lowering a(text, tokens, lexicon, 8, lists, g::PeopleHeadings::name_cohorts, a_diags);
    Lowering b(text, tokens, lexicon, 8, lists, g::PeopleHeadings::name_cohorts, b_diags);
    for (std::size_t from = 0; from < tokens.size(); ++from)
      for (std::size_t to = from + 1; to <= tokens.size() && to - from <= 12; ++to) {
        CAPTURE(text);
        CAPTURE(from);
        CAPTURE(to);
        const std::size_t k = from + to;
        check_both(a, a_diags, b, b_diags, from, to, k, NodeSlotProbe::piece, NodeSlotProbe::piece_into, pieces);
        check_both(a, a_diags, b, b_diags, from, to, k, NodeSlotProbe::sequence, NodeSlotProbe::sequence_into,
                   sequences);
      }
  }
}

}  // namespace

TEST_CASE("pieces read into a node: as into an optional, and the node left as it was where nothing is read") {
  // Lines with pieces the readings refuse (neutral tokens alone, ", ;"), pieces read whole by the readings before the
  // items (a count, a lead-in, "with or without", a judgement), and plain ones.
  const std::vector<std::string> lines = {
      "Age >= 18 years; - ; ,",
      "At least two of the following: fever, cough, dyspnea",
      "Patients with or without diabetes, HbA1c < 8%",
      "Willing and able to comply with study procedures",
      "No history of the following: diabetes, stroke",
      "Hemoglobin < 9 g/dL (or < 5.6 mmol/L)",
  };
  Counts pieces, sequences;
  for (const auto& line : lines) check_line(line, pieces, sequences);
  for (const auto& line : golden_support::criterion_lines({"bounds", "constructions", "counts", "lct_registry", "seeds",
                                                             "windows", "lead_ins_s12"}))
    check_line(line, pieces, sequences);
  // (Both answers met: spans read and spans refused.)
  CHECK(pieces.read > 1000);
  CHECK(pieces.refused > 100);
  CHECK(sequences.refused > 100);
  MESSAGE("spans: ", pieces.spans, ", read ", pieces.read, ", refused ", pieces.refused);
}
