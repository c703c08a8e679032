// "has a psychiatric condition or symptoms (i.e., diagnosis of paranoid schizophrenia or active paranoid delusional
// thoughts, ...) that would interfere with study participation": a clause of result after a parenthesis of examples
// is said of the thing the parenthesis gives examples of, and through it of the events joined before it (as
// lower_result_clause.cpp reads "substance abuse or psychiatric disorder that prevents independent living"). The
// parenthesis opens in unread words and closes in the unread words of the clause; the events read inside it
// ("schizophrenia") stood between, so the clause reached only them and the condition before the "or" was read
// alone: any psychiatric disorder excluded, interfering or not. The unread words, the parenthesis and the clause
// become one unread item, which result_reaching then joins to the events before it.
// ("Psychiatric symptoms (e.g., schizophrenia or depression)": no clause after the parenthesis, read as before.)
#include <algorithm>

#include "lower_result_clause.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

void result_through_examples(std::string_view text, std::span<const Token> toks, std::vector<Item>& items,
                             std::vector<Conn>& conns, std::vector<bool>& text_has_or) {
  for (std::size_t m = 2; m < items.size(); ++m) {
    if (!items[m].text) continue;
    // The parenthesis closes in this item's words, the clause after it says what the thing prevents or affects.
    const std::string_view words = text.substr(items[m].begin, items[m].end - items[m].begin);
    const std::size_t close = words.find(')');
    if (close == std::string_view::npos || words.find('(') != std::string_view::npos) continue;
    Item clause;
    clause.begin = static_cast<std::uint32_t>(items[m].begin + close + 1);
    clause.end = items[m].end;
    if (!says_result(text, toks, clause)) continue;
    // It opened in the unread words of an earlier item, and nothing between opens or closes another.
    std::size_t k = m;
    bool opened = false;
    while (k > 0 && !opened) {
      --k;
      const std::string_view w = text.substr(items[k].begin, items[k].end - items[k].begin);
      if (w.find(')') != std::string_view::npos) break;
      opened = items[k].text && w.find('(') != std::string_view::npos;
      if (!opened && w.find('(') != std::string_view::npos) break;
    }
    if (!opened || k + 1 >= m) continue;
    // (The events inside are examples of the unread words before the parenthesis: a clause on the words.)
    const bool events_inside = std::any_of(items.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                                           items.begin() + static_cast<std::ptrdiff_t>(m),
                                           [](const Item& it) { return !it.text && contains_has(it.node); });
    if (!events_inside) continue;
    bool has_or = false;
    for (std::size_t x = k; x < m; ++x) has_or = has_or || conns[x] == Conn::or_ || text_has_or[x + 1];
    join_items(items, conns, text_has_or, k, m);
    text_has_or[k] = text_has_or[k] || has_or;
    items[k].text = true;
    items[k].orphan = false;
    m = k;
  }
}

}  // namespace trialmatch::grammar::detail
