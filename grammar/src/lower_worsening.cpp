// "Exacerbation of an underlying condition (i.e., chronic pain)", "Complications of a chronic disease (e.g.
// diabetes)": the words in parentheses name what the condition before them is, and the words before it say what
// of it is meant: its exacerbation, a flare, its complications. Read apart, the condition in parentheses alone
// excluded every patient with chronic pain, flaring or not. Where unread words that hold such a word are
// followed by a parenthesis whose read events restate or give examples of them, the words and the parenthesis
// are one text (a person's to read). "Exacerbation of COPD" is a lexicon name or stays unread already.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// What becomes of a condition rather than the condition: a patient with it need not have had that.
bool worsening_word(std::string_view w) {
  static constexpr std::string_view words[] = {"exacerbation", "exacerbations", "flare",        "flares",
                                               "flare-up",     "flare-ups",     "worsening",    "decompensation",
                                               "complication", "complications", "deterioration", "relapse"};
  static constexpr WordList list(words);
  return list.contains(w);
}

void Lowering::worsening_aside(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                               std::vector<bool>& text_has_or) {
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (!items[k].text || items[k + 1].text) continue;
    // Between the words and the event: a parenthesis opens, perhaps with "i.e.", "e.g.", "such as" and a comma.
    // (Asked first: the few bytes between two items turn away nearly every pair.)
    const std::string_view between = text_.substr(items[k].end, items[k + 1].begin - items[k].end);
    const std::size_t open = between.find('(');
    if (open == std::string_view::npos || between.find(')') != std::string_view::npos) continue;
    if (!trim_view(between.substr(0, open)).empty()) continue;
    static constexpr std::string_view offers[] = {"", "i.e.", "i.e.,", "ie", "ie,", "i.e", "e.g.", "e.g.,", "e.g",
                                                  "eg", "eg,", "such as", "namely", "including", "for example,"};
    if (!one_of(trim_view(between.substr(open + 1)), offers) || !contains_has(items[k + 1].node)) continue;
    bool worsening = false;
    for (std::size_t x = token_at(items[k].begin, b, e); x < e && toks_[x].begin < items[k].end && !worsening; ++x)
      worsening = toks_[x].begin >= items[k].begin && !ignored(x) && worsening_word(slice(toks_[x].begin, toks_[x].end));
    if (!worsening) continue;
    // The parenthesis closes after the last item it holds.
    const std::size_t close = text_.find(')', items[k + 1].begin);
    if (close == std::string_view::npos) continue;
    std::size_t m = k + 1;
    while (m + 1 < items.size() && items[m + 1].begin < close) ++m;
    join_items(items, conns, text_has_or, k, m);
    items[k].end = static_cast<std::uint32_t>(std::max<std::size_t>(items[k].end, close + 1));
    // (Held as a read text: an unread item would be read again, its condition on its own.)
    items[k].node = text_node(items[k].begin, items[k].end, engine::TextReason::not_understood);
    items[k].text = false;
  }
}

}  // namespace trialmatch::grammar::detail
