// A lead-in that names people: "Children: 6 to 12 years of age", "Kidney donors: age 18-60", "Women: age 45-65".
// Alone in a trial it restates whom the trial takes, and is read as a heading. In a trial that names two or more
// groups of people this way ("Donors: ..." beside "Recipients: ..."), each names a cohort and what follows is for
// that cohort only: read as a heading, a recipient of 65 failed the donors' age limit and was called ineligible.
// Whether a trial names several groups is the trial's to tell (matcher/), so the lowering reads such a lead-in as a
// heading unless asked to read it as a cohort (PeopleHeadings), and tells every line's lead-in (people_heading()).
#include "lower_heading.hpp"

#include <algorithm>

#include "lower_util.hpp"
#include "trialmatch/grammar/people.hpp"

namespace trialmatch::grammar::detail {
namespace {

// People words that name every participant, whoever the trial takes.
constexpr std::string_view generic_people[] = {"participants", "participant", "subjects", "subject", "patients",
                                               "patient", "individuals", "individual", "persons", "person",
                                               "people", "cases"};
// People words that name one group a trial may take beside others.
constexpr std::string_view group_people[] = {
    "children", "child", "adults", "adult", "adolescents", "adolescent", "teenagers", "teens", "youths",
    "infants", "infant", "neonates", "neonate", "newborns", "newborn", "babies", "baby", "toddlers",
    "mothers", "mother", "fathers", "father", "parents", "parent", "women", "woman", "men", "man",
    "females", "female", "males", "male", "girls", "boys", "donors", "donor", "recipients", "recipient",
    "volunteers", "volunteer", "controls", "caregivers", "caregiver", "carers", "carer", "partners",
    "partner", "spouses", "siblings", "twins", "families", "relatives", "students", "nurses", "physicians",
    "clinicians", "staff", "residents", "survivors", "smokers", "athletes", "elderly", "probands", "dyads"};
// Words of a lead-in that say nothing of whom: criteria headings and the little words around them.
constexpr std::string_view heading_words[] = {
    "inclusion", "exclusion", "inclusions", "exclusions", "criteria", "criterion", "eligibility", "key", "main",
    "general", "additional", "specific", "study", "for", "of", "in", "the", "only", "among", "to", "and"};
// "All participants:", "For both groups:": for everyone, so no one group.
constexpr std::string_view everyone_words[] = {"all", "both", "each", "every", "any"};

// (The lists as WordLists where every line's lead-in is asked, and in people_group: most words are refused by length
// and first letter.)
constexpr WordList generic_people_list(generic_people);
constexpr WordList group_people_list(group_people);
constexpr WordList heading_word_list(heading_words);
constexpr WordList everyone_word_list(everyone_words);

bool people_word(std::string_view w) { return generic_people_list.contains(w) || group_people_list.contains(w); }

bool wordlike(Tok k) { return is_one_of(kLeadInWordKinds, k); }

}  // namespace

bool lead_in_names_people(std::string_view text, std::span<const Token> toks, std::size_t b, std::size_t c) {
  if (b >= c || c > toks.size()) return false;
  std::size_t last = c;
  for (std::size_t k = b; k < c; ++k) {
    if (!wordlike(toks[k].kind)) return false;
    const std::string_view w = text.substr(toks[k].begin, toks[k].end - toks[k].begin);
    if (everyone_word_list.contains(w)) return false;
    if (!heading_word_list.contains(w)) last = k;
  }
  return last != c && people_word(text.substr(toks[last].begin, toks[last].end - toks[last].begin));
}

std::string people_heading(std::string_view text, std::span<const Token> toks) {
  // The lead-in: a few words before the line's first colon, with something after it.
  constexpr std::size_t max_words = 8;
  std::size_t c = 0;
  while (c < toks.size() && c <= max_words && toks[c].kind != Tok::colon) ++c;
  if (c == 0 || c >= toks.size() || toks[c].kind != Tok::colon || c + 1 >= toks.size()) return {};
  if (!lead_in_names_people(text, toks, 0, c)) return {};
  return people_group(text.substr(toks[0].begin, toks[c - 1].end - toks[0].begin));
}

void people_heading_at(std::string& out, std::string_view text, std::span<const Token> toks, std::size_t c) {
  if (!lead_in_names_people(text, toks, 0, c)) return;
  out = people_group(text.substr(toks[0].begin, toks[c - 1].end - toks[0].begin));
}

}  // namespace trialmatch::grammar::detail

namespace trialmatch::grammar {

std::string people_group(std::string_view lead_in) {
  while (!lead_in.empty() && (lead_in.back() == ':' || lead_in.back() == ' ')) lead_in.remove_suffix(1);
  std::string key;
  std::string_view last;  // the last word that is not a criteria word
  bool words = false;
  for (std::size_t pos = 0; pos < lead_in.size();) {
    const std::size_t end = std::min(lead_in.find(' ', pos), lead_in.size());
    std::string_view w = lead_in.substr(pos, end - pos);
    pos = end + 1;
    if (w.empty()) continue;
    for (char ch : w)
      if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-' || (ch & 0x80))) return {};
    if (detail::everyone_word_list.contains(w)) return {};
    words = true;
    if (detail::heading_word_list.contains(w)) continue;
    last = w;
    if (detail::generic_people_list.contains(w)) continue;
    if (w.size() > 3 && (w.back() == 's' || w.back() == 'S')) w.remove_suffix(1);
    if (!key.empty()) key += ' ';
    for (char ch : w) key += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  // ("Non-smokers": the word after the hyphen names the people.)
  if (const auto hyphen = last.rfind('-'); hyphen != std::string_view::npos) last.remove_prefix(hyphen + 1);
  if (!words || last.empty() || !detail::people_word(last)) return {};
  return key.empty() ? std::string(generic_people_key) : key;
}

}  // namespace trialmatch::grammar
