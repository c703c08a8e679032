// "those who had a surgical intervention or intra-articular injection in the affected knee in the previous 6
// months": the site the trial treats ("the affected knee", "the study eye", "the target joint"), named after the
// last of several alternatives, may be the site of each; the events before it read alone were any surgery
// anywhere (an appendectomy three months ago excluded the patient). The alternatives from the first event the
// "or"s and commas join to the one naming the site become one text. ("Knee surgery or injection within 6
// months", "surgery or injection of the knee", "within the six half-life periods of the study drug": no site of the trial's,
// read as before.)
#include "lower.hpp"
#include "lower_trial_site_words.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

void Lowering::trial_site_reaching(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
  for (std::size_t m = 1; m < items.size(); ++m) {
    if (conns[m - 1] != Conn::or_ && conns[m - 1] != Conn::comma) continue;
    // (An event joined right before the item is asked for before its words are read, and the events before that
    // are listed only then: most items have none, and walking a long list back from each of its items was
    // quadratic.)
    if (items[m - 1].text || !is_has(items[m - 1].node)) continue;
    if (!names_trial_site(text_.substr(items[m].begin, items[m].end - items[m].begin))) continue;
    std::size_t first = m;
    while (first > 0 && (conns[first - 1] == Conn::or_ || conns[first - 1] == Conn::comma) && !items[first - 1].text &&
           is_has(items[first - 1].node))
      --first;
    // (A text node held as a read item: an unread item would be read again for the events in its words.)
    merge_items_into_last(items, conns, text_has_or, first, m,
                          text_node(items[first].begin, items[m].end, engine::TextReason::not_understood));
    m = first;
  }
}

}  // namespace trialmatch::grammar::detail
