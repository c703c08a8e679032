// "Age < 18 years, inability to give consent, history of intraocular surgery, including photocoagulation
// (except uncomplicated cataract surgery), pregnant and nursing women": in an exclusion, a comma list of
// separate conditions some of which carry examples or an exception. Those items are left to a person;
// the others stand on their own, because any one of them excludes. Each item of such a list
// carries its aside in parentheses, which say where it ends.
//
// Read this way only where nothing can reach across the commas: no examples or exception outside
// parentheses (they may reach over every item after them, or except from every item before), no negation, relation word ("allergy to A, B"), condition word ("if"),
// heading colon, and no window after the first item (it may time the items before it).
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

std::optional<Node> Lowering::list_with_asides(std::size_t b, std::size_t e) {
  if (lists_ != ListReading::any || b >= e) return std::nullopt;
  // Most pieces have no aside at all: nothing to split.
  if (const TokKinds kinds = kinds_in(b, e); !kinds.has(Tok::examples) && !kinds.has(Tok::exception)) return std::nullopt;
  struct Item_ { std::size_t b, e; bool aside; };
  std::vector<Item_> list;
  std::size_t start = b;
  int depth = 0;
  bool any_aside = false;
  bool aside = false;
  for (std::size_t x = b; x <= e; ++x) {
    const Tok k = x < e ? toks_[x].kind : Tok::comma;
    if (x < e) {
      if (k == Tok::lparen) ++depth;
      if (k == Tok::rparen && depth > 0) --depth;
      const std::string_view w = slice(toks_[x].begin, toks_[x].end);
      // Outside parentheses, neither has an end: "infections such as hepatitis B, hepatitis C, etc." (the
      // head's words, "active infections", still govern each example).
      if ((k == Tok::exception || k == Tok::examples) && depth == 0) return std::nullopt;
      if (k == Tok::colon && depth == 0) return std::nullopt;
      if ((k == Tok::word || k == Tok::filler) && relation_head(w)) return std::nullopt;
      if (k == Tok::guard) {
        static constexpr std::string_view conditions[] = {"if", "when", "where", "only"};
        if (one_of(w, conditions)) return std::nullopt;
      }
      if (k == Tok::examples || k == Tok::exception) aside = true;
    }
    if (x == e || (k == Tok::comma && depth == 0)) {
      if (x > start) list.push_back({start, x, aside});
      any_aside = any_aside || aside;
      aside = false;
      start = x + 1;
    }
  }
  if (!any_aside || list.size() < 2) return std::nullopt;
  // The first item's head words may govern every item ("currently taking A, B (e.g. ...), C", "Women with
  // A, B, C"): its first condition must come first, after function words only.
  // (A lead-in the line start skipped as neutral, "History of", "Patients with", counts too.)
  std::size_t lead = list.front().b;
  while (lead > 0 && neutral(lead - 1) && toks_[lead - 1].kind != Tok::rparen) --lead;
  for (std::size_t x = lead; x < list.front().e; ++x) {
    const Tok k = toks_[x].kind;
    if (k == Tok::name || k == Tok::cmp || k == Tok::quantity || k == Tok::between) break;
    if (k == Tok::filler) {
      static constexpr std::string_view function_words[] = {"the", "a", "an", "any", "of"};
      if (one_of(slice(toks_[x].begin, toks_[x].end), function_words)) continue;
    }
    if (neutral(x) && k != Tok::filler && k != Tok::subject && k != Tok::status_history) continue;
    return std::nullopt;
  }
  for (std::size_t n = 0; n < list.size(); ++n) {
    for (std::size_t x = list[n].b, d = 0; x < list[n].e; ++x) {
      const Tok k = toks_[x].kind;
      if (k == Tok::lparen) ++d;
      if (k == Tok::rparen && d > 0) --d;
      if (k == Tok::negation && d == 0 && !list[n].aside) return std::nullopt;
      // A window in any later item, an aside's too, may time the items before it.
      if (n > 0 && (k == Tok::within || k == Tok::ahead || k == Tok::before || k == Tok::after)) return std::nullopt;
    }
  }
  std::vector<Node> alternatives;
  bool typed = false;
  const std::size_t diagnostics_before = diags_.size();
  for (const auto& item : list) {
    const std::uint32_t begin = toks_[item.b].begin;
    const std::uint32_t end = toks_[item.e - 1].end;
    if (item.aside) {
      bool judged = false;
      for (std::size_t x = item.b; x < item.e; ++x) judged = judged || judges(x);
      alternatives.push_back(text_node(begin, end, judged ? engine::TextReason::judgement : engine::TextReason::not_understood));
      continue;
    }
    auto read = piece(item.b, item.e);
    if (!read) read = text_node(begin, end, engine::TextReason::not_understood);
    typed = typed || engine::partly_typed(*read);
    alternatives.push_back(std::move(*read));
  }
  if (!typed) {
    diags_.resize(diagnostics_before);
    return std::nullopt;
  }
  Node out = join(std::move(alternatives), true, {toks_[b].begin, toks_[e - 1].end});
  out.span = {toks_[b].begin, toks_[e - 1].end};
  return out;
}

}  // namespace trialmatch::grammar::detail
