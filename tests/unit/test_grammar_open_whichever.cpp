// The open reading refuses a text whose window "whichever is shorter" bounds (no window read there is the one
// meant); it asks whichever_shorter only of a text that holds "hichever", found by its 'v' (lower_open_names.cpp). A
// text that holds it is refused, at either end of the text; the same text without it is read.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

TEST_CASE("grammar: an unlisted window that 'whichever' bounds is kept as text") {
  const trialmatch::grammar::Parser parser(trialmatch::engine::Lexicon::builtin());
  const auto is_text = [&](const std::string& line) {
    return std::holds_alternative<trialmatch::engine::Text>(parser.parse(line).tree.kind);
  };
  // Read where nothing bounds the window: the refusal below is the whichever test's.
  CHECK_FALSE(is_text("Plasmapheresis within 3 months"));
  CHECK_FALSE(is_text("Prior zorbitrant exposure within 28 days"));
  CHECK(is_text("Plasmapheresis within 3 months, whichever comes first"));
  CHECK(is_text("Prior zorbitrant exposure within 28 days or 5 half-lives whichever is shorter"));
  CHECK(is_text("Plasmapheresis within 3 months, WHICHEVER is earlier"));
  // "v" elsewhere in the text, before and after: the search goes on past each.
  CHECK(is_text("Prior vivid zorbitrant exposure within 28 days, whichever is sooner, verified"));
  CHECK_FALSE(is_text("Prior vivid zorbitrant exposure within 28 days, verified"));
}
