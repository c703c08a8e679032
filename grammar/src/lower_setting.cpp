// A procedure alone as an inclusion: "vaginal delivery" (mothers of 6-month-old infants: the delivery of that
// infant), "ACL reconstruction surgery" (students having it this school year), "patients with median sternotomy"
// (elective cardiac surgery), "General anesthesia" (the study's anaesthesia). The line names the study's own
// procedure, planned, under way or the index one; read as `has` with no time it was met by any such procedure in the
// patient's past (a mother whose older child was born vaginally and this one by caesarean), and no record shows a
// planned one. The line is left to a person.
// (Not a procedure the lexicon keeps as a state, "Mechanically ventilated patients", asked of now already; not
// with a time, a status or a history word, "History of ACL reconstruction", "Prior sternotomy", "Patients
// undergoing TKA" (asked active); not in an exclusion, where a past procedure is what "Cesarean section" means.)
#include "lower_setting.hpp"

#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

// names_study_procedure (lower_setting.hpp) for a tree of one event, `h`.
std::optional<std::uint32_t> names_study_procedure_has(const engine::Has& h, std::span<const Token> toks,
                                                       const engine::Lexicon& lexicon, std::string_view text) {
  if (!h.name.empty() || !h.status.empty() || h.within || !h.dated_from.empty() || !h.dated_to.empty() ||
      !h.except.empty() || h.onset)
    return std::nullopt;
  const engine::Concept* c = lexicon.find(h.concept_id);
  if (!c || c->kind != engine::ConceptKind::procedure || c->state) return std::nullopt;
  // Nothing else on the line but the people, a few plain words, punctuation and a list marker.
  static constexpr std::string_view plain[] = {"with", "a", "an", "the"};
  std::optional<std::uint32_t> words;  // the first word's byte
  for (std::size_t x = 0; x < toks.size(); ++x) {
    const Token& t = toks[x];
    const std::string_view w = text.substr(t.begin, t.end - t.begin);
    if (!words && (t.kind == Tok::name || t.kind == Tok::subject || t.kind == Tok::filler)) words = t.begin;
    switch (t.kind) {
      case Tok::name:
        if (t.entry->kind != engine::ConceptKind::procedure) return std::nullopt;
        break;
      case Tok::subject: case Tok::period: case Tok::range_to: break;
      case Tok::filler:
        if (!one_of(w, plain)) return std::nullopt;
        break;
      case Tok::quantity:  // "1." opening the line
        if (x != 0 && !(x == 1 && toks[0].kind == Tok::range_to)) return std::nullopt;
        if (x + 1 >= toks.size() || toks[x + 1].kind != Tok::period) return std::nullopt;
        break;
      case Tok::other:
        for (const char ch : w)
          if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) return std::nullopt;
        break;
      default:
        return std::nullopt;
    }
  }
  return words;
}

}  // namespace trialmatch::grammar::detail
