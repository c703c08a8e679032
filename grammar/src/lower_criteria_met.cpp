// Named diagnostic criteria met for a condition: the criteria say how the diagnosis is made, the condition is had.
//   "Meets DSM-5 criteria for anorexia nervosa"                                       -> has anorexia_nervosa
//   "Subjects diagnosed according to the American College of Rheumatology 2016 diagnostic criteria for
//    fibromyalgia"                                                                    -> has fibromyalgia
// As "fibromyalgia according to the ACR 2016 criteria" already reads (lower_sequence_readings.cpp), with the
// condition after the criteria. "criteria of X" is found after the items are read (criteria_met); "criteria for
// X" where the sequence meets "for", which after unread words would join them with its object (criteria_for_at). Only where the unread words open with the verb of meeting them ("meets",
// "meeting", "fulfilled", "satisfies", "according to"), end with "criteria for" or "criteria of" right before a
// condition of the lexicon, and hold no other name, value, list or negation between: "meet the following
// criteria", "meets criteria for bariatric surgery" (a procedure: qualifying for it is not having had it), "does
// not meet criteria for" keep their text.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "lower.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
bool meeting_verb(std::string_view w) {
  static constexpr std::string_view verbs[] = {"meet", "meets", "meeting", "met", "fulfil", "fulfils", "fulfill",
                                               "fulfills", "fulfilling", "fulfilled", "satisfy", "satisfies",
                                               "satisfying", "satisfied", "according"};
  return one_of(w, verbs);
}
}  // namespace

// The unread words from token `first` to token `condition`: a verb of meeting, the criteria's name, "criteria for"
// or "criteria of", at most an article; nothing else (no name, value, list word or punctuation but a slash or
// brackets), and no negation in the piece before them.
bool Lowering::meeting_criteria(std::size_t b, std::size_t first, std::size_t condition) const {
  std::size_t x = first;
  if (x >= condition || !meeting_verb(slice(toks_[x].begin, toks_[x].end))) return false;
  // (A negation anywhere before: "does not meet criteria for", "no patient meeting criteria for"; the piece may
  // begin after it, where a negation's scope is read as a piece of its own.)
  for (std::size_t y = std::min(b, x >= 3 ? x - 3 : 0); y < x; ++y)
    if (toks_[y].kind == Tok::negation) return false;
  if (iequals(slice(toks_[x].begin, toks_[x].end), "according")) {
    if (x + 1 >= condition || !iequals(slice(toks_[x + 1].begin, toks_[x + 1].end), "to")) return false;
    ++x;
  }
  if (condition - first > 16) return false;
  std::size_t criteria = condition;
  for (++x; x < condition; ++x) {
    const Token& t = toks_[x];
    const std::string_view w = slice(t.begin, t.end);
    if (criteria == condition && (iequals(w, "criteria") || iequals(w, "criterion"))) { criteria = x; continue; }
    if (criteria != condition) {
      // After "criteria": "for" or "of", then at most an article.
      static constexpr std::string_view articles[] = {"the", "a", "an"};
      const bool joins = iequals(w, "for") || iequals(w, "of");
      if (x == criteria + 1 ? !joins : (x != criteria + 2 || !one_of(w, articles))) return false;
      continue;
    }
    // (A year is part of the criteria's name, "ACR 2016"; so is an edition's number in digits right after a name
    // in capitals, "DSM 5". Any other number counts criteria: "meets two additional criteria for" is not the
    // condition's diagnosis.)
    const double v = t.quantity.value;
    const bool year = v >= 1900 && v <= 2100 && v == static_cast<int>(v);
    const auto capitals = [&](std::size_t y) {
      const std::string_view n = slice(toks_[y].begin, toks_[y].end);
      return n.size() >= 2 && std::all_of(n.begin(), n.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    };
    const bool name_number = t.kind == Tok::quantity && t.quantity.unit.empty() && !t.quantity.unit_unknown &&
                             std::isdigit(static_cast<unsigned char>(text_[t.begin])) &&
                             (year || (x > 0 && toks_[x - 1].kind == Tok::word && capitals(x - 1)));
    static constexpr std::string_view listing[] = {"following", "these", "above", "below", "listed"};
    if (!(t.kind == Tok::word || t.kind == Tok::filler || t.kind == Tok::other || t.kind == Tok::and_ ||
          t.kind == Tok::slash || t.kind == Tok::lparen || t.kind == Tok::rparen || name_number) ||
        one_of(w, listing))
      return false;
  }
  return criteria != condition && criteria + 1 < condition;
}

// A condition of the lexicon at token x (what the criteria are met for).
bool Lowering::names_condition(std::size_t x) const {
  return is_event(x) && toks_[x].entry->kind == engine::ConceptKind::condition;
}

void Lowering::criteria_met(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                            std::vector<bool>& text_has_or) {
  // (meeting_criteria needs a token "criteria" or "criterion" between the verb and the condition, both in the
  // piece: a piece with none is refused before its items are looked at, as most are.)
  // (The walk asks every token of most pieces: it keeps the tokens and the bytes in locals, tests a size of 8 or 9
  // with one comparison and reads the word from the bytes without slice()'s bounds test.)
  bool criteria = false;
  const Token* const tokens = toks_.data();
  const char* const bytes = text_.data();
  for (std::size_t x = b; x < e; ++x) {
    const std::uint32_t from = tokens[x].begin, size = tokens[x].end - from;
    if (size - 8 > 1) continue;  // (unsigned: 8 or 9 bytes)
    const std::string_view w(bytes + from, size);
    if (iequals(w, "criteria") || iequals(w, "criterion")) {
      criteria = true;
      break;
    }
  }
  if (!criteria) return;
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (!items[k].text || items[k + 1].text || conns[k] != Conn::none || text_has_or[k] || !is_has(items[k + 1].node))
      continue;
    const std::size_t first = token_at(items[k].begin, b, e), condition = token_at(items[k + 1].begin, b, e);
    if (condition >= e || !names_condition(condition) || !meeting_criteria(b, first, condition)) continue;
    warn(fmt::format("'{}' read as how the diagnosis is made", trim(slice(items[k].begin, items[k].end))),
         items[k].begin, items[k].end);
    items[k + 1].begin = items[k].begin;
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(k));
    conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(k));
    text_has_or.erase(text_has_or.begin() + static_cast<std::ptrdiff_t>(k));
  }
}

// At the guard "for" (token i) after the unread "meets DSM-5 criteria": the words go, the condition after "for"
// (and an article) is read next as any event. False where the words or what follows are not so.
bool Lowering::criteria_for_at(SequenceState& s, std::size_t& i) {
  if (s.items.empty() || !s.items.back().text || s.items.back().orphan || s.text_has_or.back() ||
      s.pending != Conn::none || !iequals(slice(toks_[i].begin, toks_[i].end), "for"))
    return false;
  std::size_t condition = i + 1;
  static constexpr std::string_view articles[] = {"the", "a", "an"};
  if (condition < s.e && one_of(slice(toks_[condition].begin, toks_[condition].end), articles)) ++condition;
  if (condition >= s.e || !names_condition(condition)) return false;
  // (The name must end there: "criteria for drug abuse of depressants, ..." names more than the condition, and
  // the piece is read as before.)
  if (const std::size_t next = condition + 1; next < s.e) {
    const Tok k = toks_[next].kind;
    if (k != Tok::comma && k != Tok::semicolon && k != Tok::period && k != Tok::or_ && k != Tok::and_ &&
        k != Tok::and_or && k != Tok::lparen && k != Tok::rparen && k != Tok::within && k != Tok::slash)
      return false;
  }
  const Item& words = s.items.back();
  if (!meeting_criteria(s.b, token_at(words.begin, s.b, s.e), condition)) return false;
  warn(fmt::format("'{}' read as how the diagnosis is made", trim(slice(words.begin, toks_[condition - 1].end))),
       words.begin, toks_[condition - 1].end);
  s.items.pop_back();
  s.text_has_or.pop_back();
  if (!s.conns.empty() && s.conns.size() >= s.items.size()) {
    s.pending = s.conns.back();
    s.conns.pop_back();
  }
  i = condition;
  return true;
}

}  // namespace trialmatch::grammar::detail
