// "those who had a surgical intervention or intra-articular injection in the affected knee in the previous 6
// months": the site the trial treats ("the affected knee", "the study eye", "the target joint"), named after the
// last of several alternatives, may be the site of each; the events before it read alone were any surgery
// anywhere (an appendectomy three months ago excluded the patient). The alternatives from the first event the
// "or"s and commas join to the one naming the site become one text. ("Knee surgery or injection within 6
// months", "surgery or injection of the knee", "within the six half-life periods of the study drug": no site of the trial's,
// read as before.)
#include <vector>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

bool word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
// (' ', or '\t' '\n' '\v' '\f' '\r', which are the bytes 9 to 13.)
bool space_byte(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Whether `words` names the trial's site: a preposition, "the", then "affected"/"target"/... before another word,
// or "study" before a part of the body ("in the affected knee", "of the study eye"). Words are runs of letters,
// digits and '_', and the three or four of a match are separated by white space only.
bool names_trial_site(std::string_view words) {
  static constexpr std::string_view prepositions[] = {"in", "of", "on", "to", "at", "into"};
  static constexpr std::string_view qualifiers[] = {"affected", "target", "index", "treated", "involved", "operated", "same"};
  // ("the study" alone is often the trial's drug or period: "the study drug", "during the study period".)
  static constexpr std::string_view parts[] = {"eye", "knee", "joint", "limb", "side", "hip", "shoulder", "leg",
                                               "arm", "hand", "foot", "tooth", "lesion", "area", "site"};
  // (Most items have no " the " at all: refused before their words are listed. The 't' tested first: most bytes
  // are none.)
  // (The shortest match, "in the same x", has 13 bytes: most items, one or two words, are refused by their size.)
  if (words.size() < 13) return false;
  bool has_the = false;
  for (std::size_t p = 1; !has_the && p + 4 < words.size(); ++p)
    has_the = (words[p] | 0x20) == 't' && space_byte(words[p - 1]) && (words[p + 1] | 0x20) == 'h' &&
              (words[p + 2] | 0x20) == 'e' && space_byte(words[p + 3]);
  if (!has_the) return false;
  struct Word { std::size_t begin, end; };
  std::vector<Word> ws;
  for (std::size_t p = 0; p < words.size();) {
    if (!word_byte(words[p])) { ++p; continue; }
    std::size_t q = p;
    while (q < words.size() && word_byte(words[q])) ++q;
    ws.push_back({p, q});
    p = q;
  }
  const auto text = [&](std::size_t k) { return words.substr(ws[k].begin, ws[k].end - ws[k].begin); };
  // Only white space between word k and the next.
  const auto spaced = [&](std::size_t k) {
    if (k + 1 >= ws.size() || ws[k + 1].begin == ws[k].end) return false;
    for (std::size_t x = ws[k].end; x < ws[k + 1].begin; ++x)
      if (!space_byte(words[x])) return false;
    return true;
  };
  for (std::size_t k = 0; k + 2 < ws.size(); ++k) {
    if (!one_of(text(k), prepositions) || !spaced(k) || !iequals(text(k + 1), "the") || !spaced(k + 1)) continue;
    if (one_of(text(k + 2), qualifiers) && spaced(k + 2)) return true;
    if (iequals(text(k + 2), "study") && spaced(k + 2) && one_of(text(k + 3), parts)) return true;
  }
  return false;
}

}  // namespace

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
