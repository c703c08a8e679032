// The segments of an open reading's text (lower_open.cpp): the tokens between its connectors outside islands and
// parentheses, with what the reading of each segment asks of its tokens, and what refuses the whole text, all found in
// one pass over the text's tokens. (A header of its own: tests/unit/test_grammar_open_segment_oracle.cpp runs the same
// pass and checks each segment's facts against a walk over the segment's own tokens, the form they had.)
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "lower.hpp"
#include "lower_util.hpp"
#include "tokens.hpp"

namespace trialmatch::grammar::detail {

// A segment of an open reading's text: the tokens between two of its connectors, and what the reading of each
// segment asks of its tokens, gathered in the pass that finds the segments (a second pass over each segment's tokens
// asked them again). A merge of two segments merges these: the tokens between them are connectors, of none of the
// kinds asked.
struct OpenSegment {
  static constexpr std::size_t kNoToken = static_cast<std::size_t>(-1);

  std::size_t b, e;
  std::size_t words = 0;  // word, filler, subject and name tokens outside the islands
  std::size_t measured = kNoToken;  // the first name token of a measured concept, or kNoToken
  bool judged = false;  // a judgement token that judgement_at reads as one
  bool stray_number = false;  // a number outside the islands that is no threshold (not incidental_number)

  // The segment followed by `next`, as one.
  void join(const OpenSegment& next) {
    e = next.e;
    words += next.words;
    if (measured == kNoToken) measured = next.measured;
    judged = judged || next.judged;
    stray_number = stray_number || next.stray_number;
  }
};

// What the pass tells of the whole text, besides its segments.
struct OpenTextFacts {
  // "20 g and 30 g for women and men respectively": two lists paired in order, which no segment pairs.
  bool respectively = false;
  // A negation outside parentheses (islands' parentheses included), not ignored: it may reach across the whole text, a
  // person reads it. (One inside parentheses, "for ≥ 48 hours (without interruption)", stays with its words.)
  bool negated = false;
  // A judgement outside the islands: it may reach over the whole text ("prior to consent" in an island does not).
  bool judged_outside = false;
  // The first guard outside the islands naming whom a part is for ("in the case of women"), checked once the segments
  // are known.
  std::optional<std::size_t> people_guard;
};

// One pass over [b, e): its segments (with their facts) and the connectors between them appended to `segments` and
// `conns` (both empty), and the text's facts returned. A text read `whole` (examples or an exception) is one segment.
// `ask` answers of a token: in_island(i), ignored(i), judges(i) (judgement_at), incidental(i) (incidental_number).
// (A template, inlined where open_reading calls it: the pass is hot, and a call of its own, its answers written
// through memory, cost more than the second walk it replaces saved.)
template <class Ask>
[[gnu::always_inline]] inline OpenTextFacts find_open_segments(std::span<const Token> toks, std::string_view text, std::size_t b, std::size_t e,
                                 bool whole, const Ask& ask, std::vector<OpenSegment>& segments,
                                 std::vector<Conn>& conns) {
  OpenTextFacts facts;
  std::size_t negation_depth = 0;  // parentheses open, islands' included
  int depth = 0;  // parentheses open outside islands
  std::size_t start = b;
  Conn pending = Conn::none;
  OpenSegment open_segment{b, b};  // what the tokens of the segment not closed yet tell (its ends set when it closes)
  const auto close_segment_at = [&](std::size_t i) {
    if (i <= start) return;
    if (!segments.empty()) {
      if (conns.empty()) conns.reserve(16);  // (only a text of two segments or more has a connector)
      conns.push_back(pending == Conn::none ? Conn::comma : pending);
    }
    open_segment.b = start;
    open_segment.e = i;
    segments.push_back(open_segment);
    open_segment = OpenSegment{i, i};
    pending = Conn::none;
  };
  for (std::size_t i = b; i < e; ++i) {
    const Tok k = toks[i].kind;
    // (Most tokens are of none of these kinds, and need no other test.)
    switch (k) {
      case Tok::lparen:
        ++negation_depth;
        if (!ask.in_island(i)) ++depth;
        continue;
      case Tok::rparen:
        if (negation_depth > 0) --negation_depth;
        if (!ask.in_island(i) && depth > 0) --depth;
        continue;
      case Tok::negation:
        facts.negated = facts.negated || (negation_depth == 0 && !ask.ignored(i));
        continue;
      case Tok::judgement:
        if (ask.judges(i)) {
          open_segment.judged = true;
          facts.judged_outside = facts.judged_outside || !ask.in_island(i);
        }
        continue;
      case Tok::guard:
        if (!facts.people_guard && !ask.in_island(i)) {
          // "in the case of women"
          const std::size_t w = i + 1 < e && toks[i + 1].kind == Tok::filler ? i + 2 : i + 1;
          if (w < e && (toks[w].kind == Tok::subject || toks[w].kind == Tok::sex_female || toks[w].kind == Tok::sex_male))
            facts.people_guard = i;
        }
        continue;
      case Tok::word:
        facts.respectively = facts.respectively ||
                             (toks[i].end - toks[i].begin == 12 &&
                              iequals(text.substr(toks[i].begin, toks[i].end - toks[i].begin), "respectively"));
        open_segment.words += ask.in_island(i) ? 0 : 1;
        continue;
      case Tok::filler: case Tok::subject:
        open_segment.words += ask.in_island(i) ? 0 : 1;
        continue;
      case Tok::name:
        if (open_segment.measured == OpenSegment::kNoToken && engine::is_measured(toks[i].entry->kind))
          open_segment.measured = i;
        open_segment.words += ask.in_island(i) ? 0 : 1;
        continue;
      case Tok::quantity:
        if (!open_segment.stray_number && !ask.in_island(i) && !ask.incidental(i)) open_segment.stray_number = true;
        continue;
      case Tok::and_: case Tok::or_: case Tok::and_or: case Tok::comma:
        break;
      default:
        continue;
    }
    if (whole || depth != 0 || ask.in_island(i) || ask.ignored(i)) continue;  // no connector
    close_segment_at(i);
    const Conn c = k == Tok::and_ ? Conn::and_ : k == Tok::comma ? Conn::comma : Conn::or_;
    if (pending == Conn::none || pending == Conn::comma) pending = c;
    else if (c == Conn::or_) pending = Conn::or_;
    start = i + 1;
  }
  close_segment_at(e);
  return facts;
}

}  // namespace trialmatch::grammar::detail
