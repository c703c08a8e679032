// Lead-ins whose last words say what kind of list follows their colon.
// - An exception: "Prior malignancy, except: basal cell carcinoma", "Any concomitant medication, with the exception
//   of: metformin". The items are what is allowed, not what the lead-in asks for. Read as a heading (the lead-in
//   dropped), the exception itself was asked for: an exclusion excluded every patient with a treated basal cell
//   carcinoma and let in one with a metastatic melanoma. What the lead-in asks for, less its items, is a person's
//   to read: the whole line, with every ';' item after the colon, stays text.
// - Examples: "Cardiovascular disease, such as: myocardial infarction; stroke", "e.g.:", "for example:". The items
//   are kinds of the lead-in's condition: the ';' items after the colon are one list (read apart, an inclusion
//   asked for every example). Read as a heading, the condition was dropped: "Type 2 diabetes treated with oral
//   agents, e.g.: metformin" let in anyone on metformin, and a patient with another kind failed; the line stays
//   text. ("including:" also heads lists of requirements, "Adequate organ function, including: ALT ...;
//   creatinine ...", and keeps its reading.) A lead-in that compares ("Moderate to severe pain (NRS0-10 >= 4) which is
//   unlikely to require surgery, such as: fractures; burns; dislocations") likewise: read on, every example was
//   required.
// - Sets: "Patients must meet one of the following sets of criteria: Set A: age >= 18; HbA1c >= 7%; Set B: ...". The
//   splitter writes nested sets on one line, and a lead-in among the items ("Set A:", "Cohort 1:") is the only trace
//   of which items go together. Read as one list, any single item of any set was enough (a patient of 18 with any
//   HbA1c was eligible); which items make a set is a person's to read.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

bool Lowering::lead_in_excepts(std::size_t b, std::size_t c) const {
  for (std::size_t k = b; k < c; ++k)
    if (toks_[k].kind == Tok::exception) return true;
  return false;
}

bool Lowering::lead_in_ends_with_examples(std::size_t b, std::size_t c) const {
  std::size_t last = c;
  while (last > b && (neutral(last - 1) || toks_[last - 1].kind == Tok::comma)) --last;
  if (last == b || toks_[last - 1].kind != Tok::examples) return false;
  const std::string_view w = slice(toks_[last - 1].begin, toks_[last - 1].end);
  return !(w.size() >= 6 && iequals(w.substr(0, 6), "includ"));
}

std::size_t Lowering::examples_colon(std::size_t b, std::size_t n) const {
  std::size_t depth = 0;
  for (std::size_t k = b; k < n; ++k) {
    const Tok kind = toks_[k].kind;
    if (kind == Tok::lparen) ++depth;
    else if (kind == Tok::rparen && depth > 0) --depth;
    else if (depth == 0 && (kind == Tok::semicolon || kind == Tok::period)) return n;
    else if (depth == 0 && kind == Tok::colon) return lead_in_ends_with_examples(b, k) ? k : n;
  }
  return n;
}

bool Lowering::items_hold_lead_ins(std::size_t b, std::size_t e) const {
  for (std::size_t k = b, depth = 0; k < e; ++k) {
    if (toks_[k].kind == Tok::lparen) ++depth;
    else if (toks_[k].kind == Tok::rparen && depth > 0) --depth;
    else if (depth == 0 && toks_[k].kind == Tok::colon) return true;
  }
  return false;
}

}  // namespace trialmatch::grammar::detail
