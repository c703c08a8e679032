// "Current skin condition (e.g., eczema or psoriasis)", "drugs that prolong the QT interval (e.g. amiodarone,
// sotalol)": examples in parentheses name kinds of the thing before them, so a patient with one of them has that
// thing. Read as any(the thing, the examples...): the thing as the lexicon names it, or a text a person decides.
// Exact in three-valued logic whatever the section: an example on record decides "yes"; none of them leaves the
// thing itself to decide.
#include <fmt/format.h>

#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

std::optional<std::pair<Node, std::size_t>> Lowering::examples_of(std::size_t i, std::size_t e, const Item& thing,
                                                                   std::size_t depth) {
  if (i == 0 || toks_[i].kind != Tok::examples) return std::nullopt;
  // In parentheses, or after a comma or colon to the end of the piece: "Conditions associated with chronic pain,
  // such as peripheral neuropathy and osteoarthritis".
  const bool parenthesized = toks_[i - 1].kind == Tok::lparen;
  if (!parenthesized && toks_[i - 1].kind != Tok::comma && toks_[i - 1].kind != Tok::colon) return std::nullopt;
  // A thing read as a comparison is not named by examples of events.
  if (!thing.text && !is_has(thing.node)) return std::nullopt;
  // "including" may name a part rather than a kind ("comply with the study protocol (including contraception)"):
  // only the words that offer examples.
  static constexpr std::string_view offers[] = {"e.g.", "e.g", "such as", "for example", "for instance",
                                                "including but not limited to"};
  if (!one_of(slice(toks_[i].begin, toks_[i].end), offers)) return std::nullopt;
  // Nor where the thing is a person's judgement or the object of a relation: "families in the midst of a crisis
  // (e.g. active suicide attempts)" are another person's, "allergy to antibiotics (e.g. penicillin)" is no
  // penicillin taken.
  // So with a change or a plan: "Change in use of systemic DLE therapy, e.g. systemic corticosteroids" is no use.
  for (std::size_t x = sequence_begin_; x < i; ++x) {
    const bool word = toks_[x].kind == Tok::word || toks_[x].kind == Tok::filler;
    const std::string_view w = slice(toks_[x].begin, toks_[x].end);
    if (judges(x) || (word && (relation_head(w) || change_word(w) || plan_word(w) || worsening_word(w)))) return std::nullopt;
  }
  std::size_t close = i + 1;
  for (int nested = 0; parenthesized && close < e; ++close) {
    if (toks_[close].kind == Tok::lparen) ++nested;
    if (toks_[close].kind == Tok::rparen && nested-- == 0) break;
  }
  if (!parenthesized) close = e;
  if (parenthesized && close >= e) return std::nullopt;
  // Nothing after the parenthesis but layout: what follows it may qualify the thing, the examples or both.
  for (std::size_t x = close + 1; x < e; ++x)
    if (!neutral(x) && toks_[x].kind != Tok::period) return std::nullopt;
  // "(e.g., eczema, psoriasis, etc.)": the closing "etc." says the list is open, as "e.g." did.
  std::size_t last = close;
  while (last > i + 1 && (toks_[last - 1].kind == Tok::examples || toks_[last - 1].kind == Tok::comma ||
                          toks_[last - 1].kind == Tok::period || toks_[last - 1].kind == Tok::or_ || neutral(last - 1)))
    --last;
  if (last <= i + 1) return std::nullopt;
  // (What is needed of the thing is copied first: the nested reading below works on the lowering's buffers.)
  const std::uint32_t thing_begin = thing.begin, thing_end = thing.end;
  const bool thing_text = thing.text;
  std::optional<Node> thing_node;
  if (!thing_text) thing_node = thing.node;
  // The examples are alternatives whatever the section reads lists as ("e.g. eczema and psoriasis").
  const ListReading section = lists_;
  const std::size_t diagnostics_before = diags_.size();
  // (A refused reading leaves no warning of its own behind: the caller reads the piece another way.)
  const auto refuse = [&] {
    diags_.resize(diagnostics_before);
    return std::nullopt;
  };
  lists_ = ListReading::any;
  auto listed = sequence(i + 1, last, depth + 1);
  lists_ = section;
  if (!listed || !engine::fully_typed(*listed)) return refuse();
  std::vector<Node> alternatives;
  alternatives.push_back(thing_text ? Node{} : std::move(*thing_node));
  if (is_has(*listed)) {
    alternatives.push_back(std::move(*listed));
  } else if (auto* any = std::get_if<engine::Any>(&listed->kind)) {
    for (auto& a : any->args) {
      if (!is_has(a)) return refuse();
      alternatives.push_back(std::move(a));
    }
  } else {
    return refuse();
  }
  // "Current skin condition (e.g., eczema)": a status word before the thing is the examples' too (eczema years
  // ago is no current skin condition).
  // ("History or current ...": either, so no status.)
  bool current = false, past = false;
  static constexpr std::string_view past_words[] = {"history", "past", "previous", "prior", "former"};
  for (std::size_t x = sequence_begin_; x < i; ++x) {
    current = current || toks_[x].kind == Tok::status_active;
    past = past || one_of(slice(toks_[x].begin, toks_[x].end), past_words);
  }
  // "Receiving dietary supplements (e.g. vitamins, probiotics)": the thing asked as current (a verb of present use,
  // lower_present_use.cpp) makes its examples current too (probiotics stopped in 2015 are not received now).
  if (!thing_text && is_has(alternatives.front()))
    current = current || std::get<engine::Has>(alternatives.front().kind).status == "active";
  current = current && !past;
  for (std::size_t a = 1; current && a < alternatives.size(); ++a)
    std::get<engine::Has>(alternatives[a].kind).status = "active";
  // (The thing's text is made last: a text node warns, which a refused reading must not leave behind.)
  if (thing_text) alternatives.front() = text_node(thing_begin, thing_end, engine::TextReason::not_understood);
  const std::uint32_t end = toks_[parenthesized ? close : e - 1].end;
  warn(fmt::format("examples of '{}': any of them is it", trim(slice(thing_begin, thing_end))), thing_begin, end);
  return std::pair{engine::make_any(std::move(alternatives), {thing_begin, end}), parenthesized ? close + 1 : e};
}

}  // namespace trialmatch::grammar::detail
