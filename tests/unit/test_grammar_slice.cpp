// Lowering::slice (grammar/src/lower.hpp) builds the view of the line's bytes [b, e) without substr's bounds test:
// on every span of the golden lines (b <= e, both within the line, as every caller passes) it must give the view
// substr gave, the same bytes at the same place.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

// slice, a private member (Lowering's friend).
struct SliceProbe {
  static std::string_view slice(const Lowering& l, std::uint32_t b, std::uint32_t e) { return l.slice(b, e); }
};

}  // namespace trialmatch::grammar::detail

TEST_CASE("slice gives substr's view on every span of the golden lines") {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  lines.emplace_back();  // (the empty line: its one span, [0, 0))
  std::size_t spans = 0;
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    e::Diagnostics diags;
    const g::detail::Lowering lowering(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts,
                                       diags);
    const std::string_view line(text);
    const auto n = static_cast<std::uint32_t>(line.size());
    for (std::uint32_t b = 0; b <= n; ++b)
      for (std::uint32_t end = b; end <= n; ++end) {
        const std::string_view former = line.substr(b, end - b);
        const std::string_view view = g::detail::SliceProbe::slice(lowering, b, end);
        if (view.data() != former.data() || view.size() != former.size()) {
          CAPTURE(text);
          CAPTURE(b);
          CAPTURE(end);
          FAIL("slice and substr differ");
        }
        ++spans;
      }
  }
  CHECK(spans > 100000);
  MESSAGE("spans: ", spans);
}
