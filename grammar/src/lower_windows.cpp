// Windows and guards: "within 6 weeks prior to screening", "in the past 2 years", "for subjects ≥16 years
// of age", "(for age <16 years)", "if combined with X"; and the reference event a window names.
#include <cctype>
#include <string>

#include "lower.hpp"
#include "lower_local_node.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {
constexpr std::string_view kArticles[] = {"the", "a", "an", "their", "his", "her"};
}  // namespace

std::size_t Lowering::reference_event(std::size_t i, std::size_t e, std::string& before) const {
  std::string out;
  std::size_t j = i;
  std::size_t last_word = e;  // the word before a mark such as "®"
  for (int n = 0; j < e && n < 6; ++j, ++n) {
    const Token& t = toks_[j];
    // "NovoMix® 30", "Humira™": a trademark sign is no word of the event's name.
    const std::string_view raw = slice(t.begin, t.end);
    if (t.kind == Tok::other && (raw == "®" || raw == "™") && j > i) continue;
    if (t.kind == Tok::word) last_word = j;
    // "Day 1", "Visit 2", "cycle 3": a number after a word names the event, it is no threshold.
    const bool after_word = j > i && (toks_[j - 1].kind == Tok::word || (last_word == j - 2 && toks_[j - 1].kind == Tok::other));
    const bool ordinal = t.kind == Tok::quantity && after_word && t.quantity.unit.empty() &&
                         !t.quantity.unit_unknown && t.quantity.relative_to == engine::RelativeTo::none &&
                         t.quantity.value >= 0 && t.quantity.value < 1000 &&
                         t.quantity.value == static_cast<int>(t.quantity.value);
    const bool consent = t.kind == Tok::judgement && !judges(j);  // "prior to signing informed consent"
    if (t.kind != Tok::word && t.kind != Tok::name && t.kind != Tok::filler && t.kind != Tok::subject && !ordinal &&
        !consent)
      break;
    if (one_of(raw, kArticles)) continue;  // (ASCII case ignored)
    // (The word written into the id where it goes, with no string of its own: ASCII letters in lower case, as
    // std::tolower in the "C" locale the program runs in, no call per byte; ' ' and '-' as '_'.)
    if (!out.empty()) out += '_';
    const std::size_t from = out.size();
    out.append(raw);
    for (std::size_t x = from; x < out.size(); ++x) {
      char& c = out[x];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      else if (c == ' ' || c == '-') c = '_';
    }
  }
  const std::size_t read_to = out.empty() ? i : j;
  before = std::move(out);
  return read_to;
}

namespace {
// Words that say the time is the latest stretch before now, wherever the writer put them: "in recent 3
// months", "within the 6 previous months", "during the pervious 3 months" (a common misspelling).
bool recency_word(std::string_view w) {
  static constexpr std::string_view words[] = {"recent", "most", "previous", "pervious", "preceding", "past", "last",
                                               "prior"};
  return one_of(w, words);
}
}  // namespace

// The time amount a window starts with at token j: "6 months", "6 previous months", "recent 3 months",
// "one (1) month"; the token after it.
std::optional<std::size_t> Lowering::window_amount(std::size_t j, std::size_t e, engine::Amount& amount) const {
  for (int n = 0; n < 2 && j < e && toks_[j].kind != Tok::quantity && recency_word(slice(toks_[j].begin, toks_[j].end)); ++n)
    ++j;
  // "within the past year", "in the last month": one period named without a number (the plural, "in the
  // past months", says no length).
  if (j < e && (toks_[j].kind == Tok::word || toks_[j].kind == Tok::filler)) {
    static constexpr std::pair<std::string_view, std::string_view> periods[] = {
        {"year", "a"}, {"month", "mo"}, {"week", "wk"}, {"day", "d"}};
    const std::string_view w = slice(toks_[j].begin, toks_[j].end);
    for (const auto& [word, ucum] : periods)
      if (iequals(w, word)) {
        amount = engine::Amount{1, std::string(ucum)};
        return j + 1;
      }
    if (iequals(w, "decade")) {
      amount = engine::Amount{10, "a"};
      return j + 1;
    }
  }
  if (j >= e || toks_[j].kind != Tok::quantity) return std::nullopt;
  const Quantity& q = toks_[j].quantity;
  if (is_time_unit(q.unit)) {
    amount = engine::Amount{q.value, std::string(q.unit)};
    return j + 1;
  }
  if (!q.unit.empty() || q.unit_unknown || q.relative_to != engine::RelativeTo::none || q.plus) return std::nullopt;
  std::size_t x = j + 1;
  // "one (1) month": the number restated in digits.
  if (x + 2 < e && toks_[x].kind == Tok::lparen && toks_[x + 1].kind == Tok::quantity &&
      toks_[x + 1].quantity.value == q.value && toks_[x + 1].quantity.unit.empty() && toks_[x + 2].kind == Tok::rparen)
    x += 3;
  // "6 previous months", "28 calendar days": a word between the number and its unit.
  if (x < e && (recency_word(slice(toks_[x].begin, toks_[x].end)) || iequals(slice(toks_[x].begin, toks_[x].end), "calendar"))) ++x;
  if (x >= e || (toks_[x].kind != Tok::word && toks_[x].kind != Tok::other)) return std::nullopt;
  const auto unit = resolve_unit(slice(toks_[x].begin, toks_[x].end));
  if (!unit || !is_time_unit(*unit)) return std::nullopt;
  amount = engine::Amount{q.value, std::string(*unit)};
  return x + 1;
}

// "within 6 weeks prior to screening", "in the past 2 years", "within 30 days of enrolment".
std::optional<std::size_t> Lowering::window(std::size_t i, std::size_t e, engine::Amount& within, std::string& before) const {
  const auto after_amount = window_amount(skip_neutral(i + 1, e), e, within);
  if (!after_amount) return std::nullopt;
  std::size_t j = *after_amount;
  before.clear();
  const std::size_t k = skip_neutral(j, e);
  if (k < e && toks_[k].kind == Tok::before) return reference_event(k + 1, e, before);
  // "within 30 days of enrolment", "within one month of the fracture": the event the time counts back from.
  if (j + 1 < e && toks_[j].kind == Tok::filler && slice(toks_[j].begin, toks_[j].end) == "of") {
    std::size_t r = j + 1;
    while (r < e && toks_[r].kind == Tok::filler && one_of(slice(toks_[r].begin, toks_[r].end), kArticles)) ++r;
    // A condition, a procedure or an exposure after "of" is a moment ("of the fracture", "of hospital
    // admission", "of surgery"); a treatment there is what the window times ("received within 72 hours of
    // targeted therapy").
    if (r < e && (toks_[r].kind == Tok::word || (is_event(r) && toks_[r].entry->kind != engine::ConceptKind::treatment)))
      return reference_event(j + 1, e, before);
  }
  return j;
}

// "for subjects ≥16 years of age", "(for age <16 years)", "in patients older than 60", "if combined with X".
std::optional<std::size_t> Lowering::guard(std::size_t i, std::size_t e, Node& cond) {
  std::size_t j = i;
  const bool paren = toks_[j].kind == Tok::lparen;
  if (paren) ++j;
  if (j >= e || toks_[j].kind != Tok::guard) return std::nullopt;
  ++j;
  while (j < e && (toks_[j].kind == Tok::subject || toks_[j].kind == Tok::filler)) ++j;
  if (j >= e) return std::nullopt;
  LocalNode c_made;  // (lower_local_node.hpp: not zero-filled first; most guards read no condition)
  Node& c = c_made.node;
  if (auto k = comparison(j, e, c)) {
    j = *k;
  } else if (is_event(j)) {
    c = has(*toks_[j].entry, toks_[j].begin, toks_[j].end);
    ++j;
  } else if (toks_[j].kind == Tok::sex_female || toks_[j].kind == Tok::sex_male) {
    // "Body fat >25% for men": a requirement on one sex only.
    c = Node{engine::Sex{toks_[j].kind == Tok::sex_female ? "female" : "male"}, {toks_[j].begin, toks_[j].end}};
    ++j;
  } else {
    return std::nullopt;
  }
  // "for Immune Thrombocytopenic Purpura (ITP) Patients": the event's abbreviation, and the people it names.
  if (std::holds_alternative<engine::Has>(c.kind) && j + 2 < e && toks_[j].kind == Tok::lparen &&
      toks_[j + 1].kind == Tok::name && toks_[j + 1].entry == toks_[j - 1].entry && toks_[j + 2].kind == Tok::rparen)
    j += 3;
  if (std::holds_alternative<engine::Has>(c.kind))
    while (j < e && toks_[j].kind == Tok::subject) ++j;
  // "In pregnancy or lactation": an event with an alternative after it is no condition read whole here
  // (the guard would take the first alternative and make the second a requirement).
  if (std::holds_alternative<engine::Has>(c.kind) && j < e && (toks_[j].kind == Tok::or_ || toks_[j].kind == Tok::and_or))
    return std::nullopt;
  // "for the T2D study group": an arm of the trial named after the event, which the event does not decide.
  {
    static constexpr std::string_view arms[] = {"study", "group", "groups", "arm", "arms", "cohort", "cohorts"};
    if (j < e && (toks_[j].kind == Tok::word || toks_[j].kind == Tok::filler) && one_of(slice(toks_[j].begin, toks_[j].end), arms))
      return std::nullopt;
  }
  // "if liver metastases are present", "if Gilbert's syndrome is documented": the event's presence restated.
  if (std::holds_alternative<engine::Has>(c.kind) && j + 1 < e && (toks_[j].kind == Tok::filler || toks_[j].kind == Tok::word)) {
    static constexpr std::string_view verbs[] = {"is", "are"};
    static constexpr std::string_view presence[] = {"present", "documented", "known", "confirmed", "diagnosed"};
    if (one_of(slice(toks_[j].begin, toks_[j].end), verbs) && (toks_[j + 1].kind == Tok::filler || toks_[j + 1].kind == Tok::word) &&
        one_of(slice(toks_[j + 1].begin, toks_[j + 1].end), presence))
      j += 2;
  }
  if (paren) {
    if (j >= e || toks_[j].kind != Tok::rparen) return std::nullopt;
    ++j;
  }
  cond = std::move(c);
  return j;
}

}  // namespace trialmatch::grammar::detail
