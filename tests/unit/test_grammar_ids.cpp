// The ids of unlisted names: cut to a length, always valid UTF-8.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace {

// True where `s` is well-formed UTF-8 (no sequence cut short, no stray continuation byte).
bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

}  // namespace

TEST_CASE("grammar: an unlisted name's id is cut between characters, never inside one") {
  const trialmatch::grammar::Parser parser(trialmatch::engine::Lexicon::builtin());
  // The id's length limit falls inside the "…" of the elided name (and inside an "ï" in the second line).
  for (const std::string& line :
       {std::string("Present radiographic evidence of moderate-severe bone loss in at least 30% of the dentition."),
        std::string("Initiation of L-thyroxine treatment in patients with s-TSH below upper normal limit (with assay in "
                    "current use, that is TSH < 4 mU/L)"),
        std::string("Diagnosed treatment-naïve diabetic macular edema with central subfield thickness of the naïve "
                    "retina > 300 microns"),
        std::string("Present radiographic evidence of moderate-severe bone loss ïïïïïïïïïïïïïïïï > 30%")}) {
    CAPTURE(line);
    const auto parsed = parser.parse(line);
    bool seen = false;
    const auto visit = [&](const trialmatch::engine::Node& n, auto&& self) -> void {
      if (const auto* c = std::get_if<trialmatch::engine::Cmp>(&n.kind)) {
        seen = true;
        CHECK(c->var.size() <= 64);
        CHECK(valid_utf8(c->var));
      } else if (const auto* a = std::get_if<trialmatch::engine::All>(&n.kind)) {
        for (const auto& x : a->args) self(x, self);
      }
    };
    visit(parsed.tree, visit);
    CHECK(seen);
    CHECK(valid_utf8(trialmatch::engine::to_canonical(parsed.tree)));
  }
}
