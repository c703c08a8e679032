// "those who had a surgical intervention or intra-articular injection in the affected knee in the previous 6
// months": the site the trial treats ("the affected knee", "the study eye", "the target joint"), named after the
// last of several alternatives, may be the site of each; the events before it read alone were any surgery
// anywhere (an appendectomy three months ago excluded the patient). The alternatives from the first event the
// "or"s and commas join to the one naming the site become one text. ("Knee surgery or injection within 6
// months", "surgery or injection of the knee", "within the six half-life periods of the study drug": no site of the trial's,
// read as before.)
#include <regex>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

void Lowering::trial_site_reaching(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
  // ("the study" alone is often the trial's drug or period: "the study drug", "during the study period".)
  static const std::regex site(
      R"(\b(in|of|on|to|at|into)\s+the\s+((affected|target|index|treated|involved|operated|same)\s+\w|study\s+(eye|knee|joint|limb|side|hip|shoulder|leg|arm|hand|foot|tooth|lesion|area|site)\b))",
      std::regex::icase);
  for (std::size_t m = 1; m < items.size(); ++m) {
    if (conns[m - 1] != Conn::or_ && conns[m - 1] != Conn::comma) continue;
    const std::string words(text_.substr(items[m].begin, items[m].end - items[m].begin));
    if (!std::regex_search(words, site)) continue;
    std::size_t first = m;
    while (first > 0 && (conns[first - 1] == Conn::or_ || conns[first - 1] == Conn::comma) && !items[first - 1].text &&
           is_has(items[first - 1].node))
      --first;
    if (first == m) continue;
    Item& merged = items[m];
    merged.begin = items[first].begin;
    // (A text node held as a read item: an unread item would be read again for the events in its words.)
    merged.node = text_node(merged.begin, merged.end, engine::TextReason::not_understood);
    merged.text = false;
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(first), items.begin() + static_cast<std::ptrdiff_t>(m));
    conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(first), conns.begin() + static_cast<std::ptrdiff_t>(m));
    if (m < text_has_or.size())
      text_has_or.erase(text_has_or.begin() + static_cast<std::ptrdiff_t>(first),
                        text_has_or.begin() + static_cast<std::ptrdiff_t>(m));
    m = first;
  }
}

}  // namespace trialmatch::grammar::detail
