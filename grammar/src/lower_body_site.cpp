// "With current or prior history of trauma or infection at femur", "Surgery or intra-articular injection of the
// knee within 6 months": a part of the body named after the last of several things that happen at a place (trauma,
// surgery, infection, an injection, a fracture) may be the place of each, as the trial's own site may
// (lower_trial_site.cpp). Read apart, the first was any trauma anywhere: a sprained wrist ten years ago excluded a
// patient from a femur-fracture trial. The alternatives from the first such event the "or"s and commas join to the
// one naming the part become one text (a person's to read).
// Read as before: events that have no place ("Diabetes or infection of the knee": diabetes stays), a part named
// right with the first event only ("Knee surgery or injection"), no part of the body after the last ("Surgery or
// infection within 6 months").
#include <vector>

#include "lower.hpp"
#include "lower_word_bytes.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// Things that happen at a place in the body: the last word of an alternative that a site after the list may reach.
bool placed_event_word(std::string_view w) {
  static constexpr std::string_view words[] = {
      "trauma", "traumas", "injury", "injuries", "surgery", "surgeries", "infection", "infections", "fracture",
      "fractures", "operation", "operations", "injection", "injections", "procedure", "procedures", "lesion",
      "lesions", "tumor", "tumors", "tumour", "tumours", "inflammation", "deformity", "deformities", "wound",
      "wounds", "radiotherapy", "radiation", "irradiation", "amputation"};
  static constexpr WordList list(words);
  return list.contains(w);
}

// A part of the body (singular or plural as written).
bool body_part_word(std::string_view w) {
  static constexpr std::string_view words[] = {
      "femur", "femurs", "tibia", "fibula", "humerus", "radius", "ulna", "pelvis", "spine", "knee", "knees", "hip",
      "hips", "shoulder", "shoulders", "ankle", "ankles", "wrist", "wrists", "elbow", "elbows", "hand", "hands",
      "foot", "feet", "leg", "legs", "arm", "arms", "eye", "eyes", "head", "neck", "face", "chest", "abdomen",
      "thigh", "thighs", "calf", "skull", "jaw", "mouth", "breast", "breasts", "limb", "limbs", "joint", "joints"};
  static constexpr WordList list(words);
  return list.contains(w);
}

// The last word of t that is no word of a window (time_words, or starting with a digit): words are runs of
// letters, digits, '-' and '_', as body_site_reaching's words_of cuts them. Empty if there is none.
template <std::size_t N>
std::string_view last_word_before_window(std::string_view t, const WordList<N>& time_words) {
  for (std::size_t q = t.size(); q > 0;) {
    if (!body_site_word_byte(t[q - 1])) { --q; continue; }
    std::size_t p = q;
    while (p > 0 && body_site_word_byte(t[p - 1])) --p;
    const std::string_view w = t.substr(p, q - p);
    if (!time_words.contains(w) && !(w[0] >= '0' && w[0] <= '9')) return w;
    q = p;
  }
  return {};
}

}  // namespace

void Lowering::body_site_reaching(std::size_t /*b*/, std::size_t /*e*/, std::vector<Item>& items, std::vector<Conn>& conns,
                                  std::vector<bool>& text_has_or) {
  // The words of item k: runs of letters, digits, '-' and '_' (its tokens may hold several: "of the knee").
  const auto words_of = [&](std::size_t k, std::size_t last) {
    std::vector<std::string_view> ws;
    const std::string_view t = text_.substr(items[k].begin, items[last].end - items[k].begin);
    for (std::size_t p = 0; p < t.size();) {
      if (!body_site_word_byte(t[p])) { ++p; continue; }
      std::size_t q = p;
      while (q < t.size() && body_site_word_byte(t[q])) ++q;
      ws.push_back(t.substr(p, q - p));
      p = q;
    }
    return ws;
  };
  for (std::size_t m = 1; m < items.size(); ++m) {
    // The last alternative (items g..m glued with no connector): a placed event, then "at/of/in/to (the) <part>"
    // ending it.
    if (m + 1 < items.size() && conns[m] == Conn::none) continue;
    std::size_t g = m;
    while (g > 0 && conns[g - 1] == Conn::none) --g;
    if (g == 0 || (conns[g - 1] != Conn::or_ && conns[g - 1] != Conn::comma)) continue;
    // (A window after the part is the list's: "... of the knee within 6 months".)
    static constexpr std::string_view time_words[] = {"within", "in", "during", "the", "last", "past", "previous",
                                                      "prior", "preceding", "day", "days", "week", "weeks", "month",
                                                      "months", "year", "years", "one", "two", "three", "six", "twelve"};
    // The alternative's last word before a window, read from its end: most name no part of the body, and their
    // words are not listed.
    static constexpr WordList time_list(time_words);
    if (!body_part_word(last_word_before_window(text_.substr(items[g].begin, items[m].end - items[g].begin), time_list)))
      continue;
    const std::vector<std::string_view> ws = words_of(g, m);
    std::size_t part = ws.size();
    while (part > 0 && (one_of(ws[part - 1], time_words) || (ws[part - 1][0] >= '0' && ws[part - 1][0] <= '9'))) --part;
    if (part < 3 || !body_part_word(ws[part - 1])) continue;
    std::size_t p = part - 2;
    static constexpr std::string_view determiners[] = {"the", "either", "both", "his", "her", "their", "a", "one"};
    if (one_of(ws[p], determiners) && p > 0) --p;
    static constexpr std::string_view prepositions[] = {"at", "of", "in", "on", "to"};
    if (!one_of(ws[p], prepositions) || p == 0 || !placed_event_word(ws[p - 1])) continue;
    std::size_t first = g;
    while (first > 0 && (conns[first - 1] == Conn::or_ || conns[first - 1] == Conn::comma) && !items[first - 1].text &&
           is_has(items[first - 1].node) && (first == 1 || conns[first - 2] != Conn::none)) {
      const std::vector<std::string_view> before = words_of(first - 1, first - 1);
      if (before.empty() || !placed_event_word(before.back())) break;
      --first;
    }
    if (first == g) continue;
    // (A text node held as a read item: an unread item would be read again for the events in its words.)
    merge_items_into_last(items, conns, text_has_or, first, m,
                          text_node(items[first].begin, items[m].end, engine::TextReason::not_understood));
    m = first;
  }
}

}  // namespace trialmatch::grammar::detail
