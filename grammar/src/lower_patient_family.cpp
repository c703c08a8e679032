// "history of malignant hyperthermia in patient or her family": an event had by the patient or by the patient's
// family. Read on, "in patient" opened a guard the grammar could not read, and the whole piece was one text (the
// line "ASA 3 or 4, ..., history of malignant hyperthermia in patient or her family, neurological disease, ..."
// lost every item). Read as any(the event, a text for a person): the patient's own record of the event decides
// "yes" in either section (the criterion is met by the patient's own history); without one, a relative's history
// is a person's to read (unknown). Only right after one event read alone, and only "in (the) patient(s) or
// (his/her/their/the) family (members)" to the end of the item (a comma, a semicolon, a closing parenthesis or
// the piece's end after it); anything else is read as before.
#include "lower.hpp"
#include "lower_sequence.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
bool patient_word(std::string_view w) {
  static constexpr std::string_view words[] = {"patient", "patients", "subject", "subjects", "participant",
                                               "participants"};
  return one_of(w, words);
}
bool possessive_word(std::string_view w) {
  static constexpr std::string_view words[] = {"his", "her", "their", "the", "its", "his/her"};
  return one_of(w, words);
}
}  // namespace

// At token i ("in"): one past the phrase's last token, or 0 where no such phrase starts at i.
std::size_t Lowering::patient_or_family_at(const SequenceState& s, std::size_t i) const {
  const std::size_t e = s.e;
  const auto word = [&](std::size_t x) { return slice(toks_[x].begin, toks_[x].end); };
  if (i + 4 > e || !iequals(word(i), "in")) return 0;
  if (s.items.empty() || s.items.back().text || s.pending != Conn::none ||
      !std::holds_alternative<engine::Has>(s.items.back().node.kind))
    return 0;
  std::size_t x = i + 1;
  if (iequals(word(x), "the")) ++x;
  if (x >= e || !patient_word(word(x))) return 0;
  ++x;
  if (x >= e || toks_[x].kind != Tok::or_ || !iequals(word(x), "or")) return 0;
  ++x;
  if (x < e && possessive_word(word(x))) ++x;
  if (x >= e || !iequals(word(x), "family")) return 0;
  ++x;
  if (x < e && (iequals(word(x), "members") || iequals(word(x), "member"))) ++x;
  // (The phrase ends its item: "in patient or family who ..." may say more of the family.)
  if (x < e && toks_[x].kind != Tok::comma && toks_[x].kind != Tok::semicolon && toks_[x].kind != Tok::rparen &&
      toks_[x].kind != Tok::period)
    return 0;
  return x;
}

Step Lowering::patient_or_family(SequenceState& s, std::size_t& i) {
  const std::size_t end = patient_or_family_at(s, i);
  if (end == 0) return Step::not_read;
  Item& event = s.items.back();
  const std::uint32_t begin = event.begin, last = toks_[end - 1].end;
  std::vector<Node> either;
  either.push_back(std::move(event.node));
  either.push_back(text_node(begin, last, engine::TextReason::not_understood));
  event.node = engine::make_any(std::move(either), {begin, last});
  event.end = last;
  i = end;
  return Step::next;
}

}  // namespace trialmatch::grammar::detail
