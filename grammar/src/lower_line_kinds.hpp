#pragma once
// line()'s walk of a line's tokens (lower_pieces.cpp): their kinds, the words placed as sites of a measure, and the
// first filler restating the other section. (Asked of every token of every line: its own loop, one pointer and the
// kinds in registers, where the lambda it was reloaded the tokens' address and stepped an index beside it. A name and
// a filler are tested for one after the other: one bit test for both, then which, cost 40 k mispredicted branches a
// pass more. The old form is the oracle in tests/unit/test_grammar_line_kinds.cpp.)
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lower.hpp"
#include "lower_section_verb.hpp"
#include "section_clash.hpp"

namespace trialmatch::grammar::detail {

struct LineKindsWalk {
  const Token* toks;  // the line's tokens
  std::string_view text;
  bool ask_restated;  // a filler restating the other section is looked for
  bool inclusion;     // the line is among the inclusion criteria
  std::size_t placed_sites = 0;  // names of a measure right after a word or filler (limits_by_site)
  std::size_t restated = 0;      // where the walk stopped: the restating filler

  // Adds the kinds of tokens [from, to) to `into` and counts their placed sites; false (and `restated` set) at the
  // first restating filler, whose kind is added and the tokens after it not walked.
  [[gnu::always_inline]] bool walk(std::size_t from, std::size_t to, TokKinds& into) {
    // (Through locals: stores to the members in the loop made it read the tokens' address again at every token.)
    TokKinds kinds = into;
    std::size_t sites = placed_sites;
    bool whole = true;
    const Token* const first = toks;
    for (const Token *t = toks + from, *end = toks + to; t < end; ++t) {
      const Tok k = t->kind;
      kinds.add(k);
      if (k == Tok::name) {
        // (A word or filler right before a measured name may be a site of that measure: limits_by_site.)
        if (t != first && (t[-1].kind == Tok::word || t[-1].kind == Tok::filler) && engine::is_measured(t->entry->kind))
          ++sites;
        continue;
      }
      // (The length first: most fillers are short, and the test is a call. And the first two bytes of its verb:
      // most long fillers are moments, "at the time of screening", lower_section_verb.hpp.)
      if (k == Tok::filler && ask_restated && t->end - t->begin >= 11 && may_open_with_section_verb(text, *t) &&
          restates_other_section(text, *t, inclusion)) {
        restated = static_cast<std::size_t>(t - first);
        whole = false;
        break;
      }
    }
    into = kinds;
    placed_sites = sites;
    return whole;
  }
};

}  // namespace trialmatch::grammar::detail
