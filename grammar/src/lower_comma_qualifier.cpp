// "History of insomnia, currently with medication", "Diabetes, requiring insulin", "Depression, currently on
// antidepressants": words after a comma that open with "currently" or a participle qualify the event before the
// comma; they are not one more item of a list. Read as a list, an exclusion excluded every patient with insomnia,
// treated or not (and, in the last, every patient on an antidepressant for any reason). With the event and the
// qualifier alone in the piece, the comma reads as "and": the event, qualified ("Depression, currently on
// antidepressants" asks both). With more items after the qualifier, which of them it takes is a person's to read
// (as for participles, lower_items.cpp), as where
// the qualifier's words run on over another connector.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::comma_qualifier(std::size_t b, std::size_t e, const std::vector<Item>& items, std::vector<Conn>& conns) {
  // (Not words that may open a list item of their own: "..., uncontrolled arrhythmia", "..., treated hypertension".)
  static constexpr std::string_view openers[] = {"currently", "presently", "now", "still", "requiring", "needing",
                                                 "accompanied", "followed", "complicated", "resulting", "caused",
                                                 "because of", "due to", "secondary to", "attributable to"};  // a cause
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::comma || items[k].text || !contains_has(items[k].node)) continue;
    std::size_t x = token_at(items[k].end, b, e);
    while (x < e && toks_[x].begin < items[k].end) ++x;
    if (x >= e || toks_[x].kind != Tok::comma) continue;
    ++x;
    if (x >= e || toks_[x].begin >= items[k + 1].end || !one_of(slice(toks_[x].begin, toks_[x].end), openers)) continue;
    if (items.size() != 2) return false;
    // (Unread words that run on over another connector may hold more items: "Diabetes, currently uncontrolled, or
    // hypertension".)
    for (std::size_t y = x; y < e && toks_[y].begin < items[k + 1].end; ++y) {
      const Tok c = toks_[y].kind;
      if (c == Tok::comma || c == Tok::semicolon || c == Tok::or_ || c == Tok::and_ || c == Tok::and_or || c == Tok::slash)
        return false;
    }
    conns[k] = Conn::and_;
  }
  return true;
}

}  // namespace trialmatch::grammar::detail
