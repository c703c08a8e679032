// "primary open-angle glaucoma and secondary pseudoexfoliative glaucoma, in which ...": a primary and a secondary
// kind of a disease exclude each other in one patient, so the "and" between them lists the people the trial
// takes (either kind), not two conditions each must have. Read as "and" in an inclusion, a patient with the
// secondary glaucoma alone failed. Where an item opening with "primary" and one opening with "secondary" (either
// order) are joined by "and" in a list read as "all", the two become one unread text (which of them, or both, a
// person reads). ("Diabetes and hypertension": both asked, as before; "primary or secondary ...": an "or".)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// The item's first word, lower-cased by comparison: true where it is `word`.
bool opens_with(std::string_view text, const Item& it, std::string_view word) {
  const std::string_view words = trim_view(text.substr(it.begin, it.end - it.begin));
  return words.size() > word.size() && iequals(words.substr(0, word.size()), word) && words[word.size()] == ' ';
}

}  // namespace

void Lowering::primary_and_secondary(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or) const {
  if (lists_ != ListReading::all) return;
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (conns[k] != Conn::and_) continue;
    const bool kinds = (opens_with(text_, items[k], "primary") && opens_with(text_, items[k + 1], "secondary")) ||
                       (opens_with(text_, items[k], "secondary") && opens_with(text_, items[k + 1], "primary"));
    if (!kinds) continue;
    join_items(items, conns, text_has_or, k, k + 1);
    items[k].text = true;
  }
}

}  // namespace trialmatch::grammar::detail
