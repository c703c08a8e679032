// "Cancer or other serious illness with a life expectancy < 6 months", "malignancy or life-threatening illness with
// life expectancy of <5 years": a comparison after a class of conditions ("illness", "disease", "condition") that
// ends a list of events joined by "or" may say which of all of them is meant: the events are kinds of the class.
// Read apart, the first event was asked alone: a breast cancer cured ten years ago excluded the patient. With
// "other" ("cancer or other serious illness") the events are kinds of the class for certain: each asks the
// comparison too, all(any(events, text class), comparison). Without it, whether the comparison reaches the events
// before is unsure: the events, the class and the comparison become one text (a person's to read).
// Read as before: no class word ("Cancer or heart failure with EF < 40%"), no list ("Any illness with life
// expectancy < 1 year"), words other than "with" between the class and the comparison.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

void Lowering::illness_with_measure(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                                    std::vector<bool>& text_has_or) {
  static constexpr std::string_view classes[] = {"illness", "illnesses", "disease", "diseases", "condition",
                                                 "conditions", "disorder", "disorders", "comorbidity", "comorbidities"};
  for (std::size_t m = 2; m < items.size(); ++m) {
    // Item m-1: unread words ending with a class word; item m: comparisons, after "with" alone.
    const std::size_t c = m - 1;
    if (!items[c].text || items[m].text || contains_has(items[m].node) || conns[c] != Conn::none) continue;
    if (conns[c - 1] != Conn::or_) continue;
    static constexpr std::string_view joins[] = {"with", "with a", "with an"};
    if (!one_of(trim_view(text_.substr(items[c].end, items[m].begin - items[c].end)), joins)) continue;
    std::string_view last_word, other;
    for (std::size_t x = b; x < e && toks_[x].begin < items[c].end; ++x) {
      if (toks_[x].end <= items[c].begin) continue;
      last_word = slice(toks_[x].begin, toks_[x].end);
      if (iequals(last_word, "other")) other = last_word;
    }
    // (The class word may end a longer token: take the last word of the item's text.)
    const std::string_view words = trim_view(text_.substr(items[c].begin, items[c].end - items[c].begin));
    const std::size_t space = words.find_last_of(" \t");
    last_word = space == std::string_view::npos ? words : words.substr(space + 1);
    if (!one_of(last_word, classes)) continue;
    if (other.empty()) other = words.starts_with("other ") || words.find(" other ") != std::string_view::npos ? "other" : "";
    std::size_t first = c;
    while (first > 0 && (conns[first - 1] == Conn::or_ || conns[first - 1] == Conn::comma) && !items[first - 1].text &&
           is_has(items[first - 1].node) && (first == 1 || conns[first - 2] != Conn::none))
      --first;
    if (first == c) continue;
    const engine::Span span{items[first].begin, items[m].end};
    Node read;
    if (!other.empty()) {
      std::vector<Node> kinds;
      for (std::size_t x = first; x < c; ++x) kinds.push_back(std::move(items[x].node));
      kinds.push_back(text_node(items[c].begin, items[c].end, engine::TextReason::not_understood));
      std::vector<Node> both;
      both.push_back(engine::make_any(std::move(kinds), span));
      both.push_back(std::move(items[m].node));
      read = flatten(engine::make_all(std::move(both), span));
    } else {
      read = text_node(items[first].begin, items[m].end, engine::TextReason::not_understood);
    }
    merge_items_into_last(items, conns, text_has_or, first, m, std::move(read));
    m = first + 1;
  }
}

}  // namespace trialmatch::grammar::detail
