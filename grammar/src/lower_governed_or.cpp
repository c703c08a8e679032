// "Patient currently using any kind of e-device for step count or physical activity", "Inability to follow
// procedures due to psychological disorders or dementia", "any condition that could interfere with study procedures
// or dementia": unread words that end in what they govern (a purpose "for ...", a cause "due to ...", "because of
// ...", "secondary to ...", "caused by ...", "interfere with ...") may go on across a bare
// "or" / "and" to the event after it, one more object of the same words. Read alone, that event excluded every
// physically active patient, and every patient with dementia however well they follow procedures. The unread words
// and the item after the connector become one unread text with an "or" of its own: alone in the piece, or beside
// a typed item with no connector, the piece is a person's to read (finish_items).
// (A comma before the connector starts an item of its own: "Use of a device for glucose monitoring, or insulin
// pump" keeps the pump. Words with nothing after their governor, and a read item before the connector, are left
// as they were.)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

void Lowering::object_across_connector(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                                       std::vector<bool>& text_has_or) {
  // (Two-word governors the tokenizer keeps as words, by their first word: "owing to", "interfere with".)
  static constexpr std::string_view firsts[] = {"owing", "interfere", "interferes", "interfering"};
  static constexpr std::string_view seconds[] = {"to", "with"};
  // (A word as written: "for" is read as a guard word and "to" as a range word elsewhere.)
  const auto plain = [&](std::size_t x) {
    const Tok k = toks_[x].kind;
    return k == Tok::word || k == Tok::filler || k == Tok::guard || k == Tok::range_to;
  };
  // (A governor is a cause token, a plain "for", or a plain "to"/"with" after a plain first word: a piece with none
  // of them, as most, is refused before its items are looked at.)
  // (The walk asks every token of most pieces: it keeps the tokens and the bytes in locals and reads a word from the
  // bytes without slice()'s bounds test.)
  bool governor = false;
  const Token* const tokens = toks_.data();
  const char* const bytes = text_.data();
  for (std::size_t x = b; x < e; ++x) {
    const Token& t = tokens[x];
    const std::uint32_t size = t.end - t.begin;
    const Tok k = t.kind;
    if (k == Tok::related) {
      governor = true;
      break;
    }
    if (!(size == 3 || size == 5 || size >= 9) ||
        !(k == Tok::word || k == Tok::filler || k == Tok::guard || k == Tok::range_to))  // (plain)
      continue;
    // ("for" and the first words open with f, o or i: most words are refused by their first byte.)
    const int first = bytes[t.begin] | 0x20;
    if (first != 'f' && first != 'o' && first != 'i') continue;
    const std::string_view w(bytes + t.begin, size);
    if (iequals(w, "for") || one_of(w, firsts)) {
      governor = true;
      break;
    }
  }
  if (!governor) return;
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    // (An item of unread words alone, "Unstable mental or physical status that could interfere with ...", is one.)
    if (items[k].orphan || (!items[k].text && engine::partly_typed(items[k].node))) continue;
    // The unread phrase: the item and those glued to it with no connector ("due to" + "psychological disorders").
    std::size_t last = k;
    while (last + 1 < items.size() && conns[last] == Conn::none) ++last;
    if (last + 1 >= items.size() || (conns[last] != Conn::or_ && conns[last] != Conn::and_)) continue;
    if (slice(items[last].end, items[last + 1].begin).find_first_of(",;:") != std::string_view::npos) continue;
    bool governed = false, object = false;
    for (std::size_t x = token_at(items[k].begin, b, e); x < e && toks_[x].end <= items[last].end; ++x) {
      const std::string_view w = slice(toks_[x].begin, toks_[x].end);
      const bool governor =
          toks_[x].kind == Tok::related ||  // "due to", "secondary to", "because of", "caused by" (one token)
          (plain(x) &&
           // ("for 3 months": a duration, no purpose)
           ((iequals(w, "for") && !(x + 1 < e && (toks_[x + 1].kind == Tok::quantity || toks_[x + 1].kind == Tok::cmp))) ||
            (one_of(w, seconds) && x > 0 && toks_[x - 1].begin >= items[k].begin && plain(x - 1) &&
             one_of(slice(toks_[x - 1].begin, toks_[x - 1].end), firsts))));
      if (governor) {
        governed = true;
        object = false;
      } else if (governed && (plain(x) || toks_[x].kind == Tok::name || toks_[x].kind == Tok::other)) {
        object = object || !(plain(x) && one_of(w, firsts));  // ("due" of a "due to" still to come)
      }
    }
    if (!governed || !object) continue;
    // The item after the connector, with those glued to it, must name a thing (an event, or a condition before its
    // thresholds: "... or heart failure (NYHA class III or IV)"): "scheduled for surgery (robotic or laparoscopic)
    // and age >= 18" keeps the age.
    std::size_t m = last + 1;
    while (m + 1 < items.size() && conns[m] == Conn::none) ++m;
    bool names = false;
    for (std::size_t x = token_at(items[last + 1].begin, b, e); x < e && toks_[x].end <= items[m].end && !names; ++x) {
      if (toks_[x].kind == Tok::cmp || toks_[x].kind == Tok::quantity) break;
      names = toks_[x].kind == Tok::name && !engine::is_measured(toks_[x].entry->kind);
    }
    for (std::size_t x = last + 1; x <= m && !names; ++x) names = !items[x].text && contains_has(items[x].node);
    if (!names) continue;
    // (Unread words with an "or" of their own, as a text merged across "or" is: beside a typed item with no
    // connector, a person reads the whole piece.)
    join_items(items, conns, text_has_or, k, m);
    items[k].text = true;
    text_has_or[k] = true;
  }
}

}  // namespace trialmatch::grammar::detail
