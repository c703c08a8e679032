// "Inhalation of beta2 agonists, anticholinergics and/or glucocorticoids within one month": a route of giving
// ("inhalation of", "inhaled", "oral", "topical", "intravenous", ...) opening a list of drugs may govern every drug
// the list names. Where the words after the route were not read but a later drug of the list was, that drug read
// alone named every route: an exclusion of every patient on oral prednisone. The words from the route to the last
// item the list's commas, "or", "and" join become one text (a person's to read). Only where the route opens its
// item (after "use of" at most) and every read item it would take is a treatment ("Oral ulcers, diabetes": kept).
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
bool route_word(std::string_view w) {
  static constexpr std::string_view routes[] = {"inhalation", "inhaled", "inhaling", "oral", "orally", "topical",
                                                "intravenous", "intramuscular", "subcutaneous", "intranasal",
                                                "nasal", "transdermal", "ophthalmic", "rectal", "sublingual"};
  // (Asked of the first word of every unread item: most are refused by length and first letter.)
  static constexpr WordList list(routes);
  return list.contains(w);
}
// "use of", "the": the words a route may follow at the head of its item.
bool route_lead(std::string_view w) {
  static constexpr std::string_view lead[] = {"use", "of", "the", "current", "prior", "previous"};
  static constexpr WordList list(lead);
  return list.contains(w);
}
}  // namespace

void Lowering::route_over_list(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                               std::vector<bool>& text_has_or) {
  // The item's first word is a route ("oral contraceptives", one name: its first word).
  const auto opens_with_route = [&](std::size_t item) {
    const std::string_view w = slice(items[item].begin, items[item].end);
    return route_word(w.substr(0, w.find_first_of(" ,-")));
  };
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if (!items[k].text) continue;
    std::size_t x = token_at(items[k].begin, b, e);
    while (x < e && toks_[x].begin < items[k].begin) ++x;
    // ("Use of inhaled ...", "the use of topical ...")
    for (int skip = 0; skip < 3 && x + 1 < e && toks_[x].begin < items[k].end; ++skip) {
      if (!route_lead(slice(toks_[x].begin, toks_[x].end))) break;
      ++x;
    }
    if (x >= e || toks_[x].begin >= items[k].end || !route_word(slice(toks_[x].begin, toks_[x].end))) continue;
    // (Routes alone, "oral, injected, inhaled or topical corticosteroids": the route words list routes, read as before.)
    if (x + 1 >= e || toks_[x + 1].begin >= items[k].end || toks_[x + 1].kind == Tok::comma || toks_[x + 1].kind == Tok::or_)
      continue;
    // The list ends before an item with a route of its own ("... or oral contraceptives within 3 months").
    std::size_t m = k;
    while (m + 1 < items.size() && conns[m] != Conn::slash && conns[m] != Conn::none && !opens_with_route(m + 1)) ++m;
    if (m == k) continue;
    bool all_treatments = true;
    for (std::size_t j = k + 1; j <= m && all_treatments; ++j) {
      if (items[j].text) continue;
      std::size_t y = token_at(items[j].begin, b, e);
      while (y < e && (toks_[y].begin < items[j].begin || toks_[y].kind != Tok::name) && toks_[y].begin < items[j].end) ++y;
      all_treatments = y < e && toks_[y].begin < items[j].end && toks_[y].kind == Tok::name &&
                       toks_[y].entry->kind == engine::ConceptKind::treatment;
    }
    if (!all_treatments) continue;
    join_items(items, conns, text_has_or, k, m);
    // (Held as a read text: an unread item would be read again, its drugs as unlisted events.)
    items[k].node = text_node(items[k].begin, items[k].end, engine::TextReason::not_understood);
    items[k].text = false;
  }
}

}  // namespace trialmatch::grammar::detail
