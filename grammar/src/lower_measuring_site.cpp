// Limits by site of measurement: "Oral temperature > 38 °C or < 36 °C or axillary temperature > 37 °C or < 35 °C".
// Where a line gives one measure limits for two or more sites, each limit is its site's: an axillary reading runs
// lower than an oral one, and a record names no site. Read as plain temperatures (the lead-in "Oral" dropped as
// not needed for the comparison, "axillary" kept beside one limit only), an axillary 35.5 °C, normal there, met
// "< 36" and the inclusion. Each comparison on that measure is held with its site word, as the reading already
// held "axillary" beside one: a value that meets a limit leaves it to a person, one that meets none decides.
// (One site alone, "Rectal temperature ≥ 38 °C", is how a fever is written: read as the measure, as before.)
#include <algorithm>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// A site word right before a measure's name.
struct Lowering::Site {
  std::string_view measure, word;  // word: as the list spells it (lower case)
  std::uint32_t begin, end;  // the site word's bytes
};

// Each comparison on a measure given limits by site: all(text "<its site>", cmp) — unknown where the value meets
// the limit (a person places the record), false where it does not (a value between the limits of every site
// meets none of them).
void Lowering::qualify_by_site(Node& n, const std::vector<Site>& sites, bool qualified) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) {
    if (qualified) return;
    const Site* site = nullptr;  // the last site word before the comparison
    for (const Site& s : sites)
      if (s.measure == c->var && s.begin <= n.span.begin) site = &s;
    if (!site) return;
    std::vector<Node> both;
    both.push_back(text_node(site->begin, site->end, engine::TextReason::not_understood));
    const engine::Span span = n.span;
    both.push_back(std::move(n));
    n = engine::make_all(std::move(both), span);
  } else if (auto* a = std::get_if<engine::All>(&n.kind)) {
    // "all(text "axillary", cmp temperature > 37)": qualified already by the reading.
    const bool has_site = std::any_of(a->args.begin(), a->args.end(), [&](const Node& x) {
      const auto* t = std::get_if<engine::Text>(&x.kind);
      return t && std::any_of(sites.begin(), sites.end(), [&](const Site& s) { return iequals(t->text, s.word); });
    });
    for (auto& x : a->args) qualify_by_site(x, sites, has_site);
  } else if (auto* o = std::get_if<engine::Any>(&n.kind)) {
    for (auto& x : o->args) qualify_by_site(x, sites, false);
  } else if (auto* g = std::get_if<engine::If>(&n.kind)) {
    qualify_by_site(*g->then, sites, false);
  } else if (auto* no = std::get_if<engine::Not>(&n.kind)) {
    qualify_by_site(*no->arg, sites, false);
  }
}

namespace {

// True where qualify_by_site would reach a comparison in n (through all, any, if's then and not).
bool reaches_cmp(const Node& n) {
  if (std::holds_alternative<engine::Cmp>(n.kind)) return true;
  if (const auto* a = std::get_if<engine::All>(&n.kind))
    return std::any_of(a->args.begin(), a->args.end(), reaches_cmp);
  if (const auto* o = std::get_if<engine::Any>(&n.kind))
    return std::any_of(o->args.begin(), o->args.end(), reaches_cmp);
  if (const auto* g = std::get_if<engine::If>(&n.kind)) return reaches_cmp(*g->then);
  if (const auto* no = std::get_if<engine::Not>(&n.kind)) return reaches_cmp(*no->arg);
  return false;
}

}  // namespace

void Lowering::limits_by_site(Node& tree) {
  // (A tree with no comparison has nothing to qualify: most lines are turned away here, before the token walk.)
  if (!reaches_cmp(tree)) return;
  static constexpr std::string_view site_words[] = {"oral", "axillary", "rectal", "tympanic", "sublingual", "core",
                                                    "skin", "ear", "forehead", "bladder", "esophageal", "oesophageal"};
  std::vector<Site> sites;  // each site word right before a measure's name
  for (std::size_t x = 0; x + 1 < toks_.size(); ++x) {
    const Tok k = toks_[x].kind;
    if ((k != Tok::word && k != Tok::filler) || !is_measured(x + 1)) continue;
    const std::string_view w = slice(toks_[x].begin, toks_[x].end);
    for (const std::string_view s : site_words)
      if (iequals(w, s)) sites.push_back({toks_[x + 1].entry->id, s, toks_[x].begin, toks_[x].end});
  }
  // Only measures given two sites or more.
  std::vector<Site> kept;
  for (const Site& s : sites)
    if (std::any_of(sites.begin(), sites.end(), [&](const Site& o) { return o.measure == s.measure && o.word != s.word; }))
      kept.push_back(s);
  if (!kept.empty()) qualify_by_site(tree, kept, false);
}

}  // namespace trialmatch::grammar::detail
