// Time elapsed since a treatment, as a whole piece:
//   "At least 4 weeks since last chemotherapy"        -> not(has chemotherapy within 4 wk)
//   "Less than 28 days since prior radiotherapy"      -> has radiotherapy within 28 d
// "since ≥ N" says the last one was more than N ago, so it is the negation of "within N". Only
// treatments, procedures and exposures: "6 months since diagnosis of diabetes" dates an onset, which
// a window on the event cannot say, and is left as text.
#include <algorithm>
#include <array>

#include "lower.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {
// Words that may stand between the duration, "since" and the events without changing what is timed.
constexpr std::array<std::string_view, 27> since_connectives = {
    "the", "of", "a", "an", "must", "have", "has", "had", "been", "be", "elapsed", "passed", "last", "most",
    "recent", "dose", "doses", "administration", "end", "completion", "prior", "previous", "any", "receipt",
    "discontinuation", "cessation", "stopping"};

bool is_connective(std::string_view word) {
  for (std::string_view c : since_connectives)
    if (iequals(word, c)) return true;
  return false;
}
}  // namespace

std::optional<Node> Lowering::elapsed_since(std::size_t b, std::size_t e) {
  // A comparator and "since" ("at least 4 weeks since ..."), or no reading.
  if (const TokKinds kinds = kinds_in(b, e); !kinds.has(Tok::cmp) || !kinds.has(Tok::after)) return std::nullopt;
  auto skip = [&](std::size_t i) {
    // (Tokens another reading passes over, "or 5 half-lives, whichever is longer", are skipped too.)
    while (i < e && (ignored(i) || ((toks_[i].kind == Tok::word || toks_[i].kind == Tok::filler || toks_[i].kind == Tok::status_history) &&
                                    is_connective(slice(toks_[i].begin, toks_[i].end)))))
      ++i;
    return i;
  };
  std::size_t i = skip(b);
  if (i >= e || toks_[i].kind != Tok::cmp) return std::nullopt;
  const engine::Comparator c = toks_[i].cmp;
  const bool at_least = c == engine::Comparator::ge || c == engine::Comparator::gt;
  if (!at_least && c != engine::Comparator::le && c != engine::Comparator::lt) return std::nullopt;
  ++i;
  if (i >= e || toks_[i].kind != Tok::quantity || !is_time_unit(toks_[i].quantity.unit)) return std::nullopt;
  const engine::Amount window{toks_[i].quantity.value, std::string(toks_[i].quantity.unit)};
  i = skip(i + 1);
  if (i >= e || toks_[i].kind != Tok::after || slice(toks_[i].begin, toks_[i].end) != "since") return std::nullopt;
  i = skip(i + 1);
  std::vector<Node> events;
  while (i < e) {
    if (!is_event(i)) return std::nullopt;
    const auto kind = toks_[i].entry->kind;
    if (kind != engine::ConceptKind::treatment && kind != engine::ConceptKind::procedure &&
        kind != engine::ConceptKind::exposure)
      return std::nullopt;
    Node h = has(*toks_[i].entry, toks_[i].begin, toks_[i].end);
    std::get<engine::Has>(h.kind).within = window;
    events.push_back(std::move(h));
    i = skip(i + 1);
    if (i < e && (toks_[i].kind == Tok::or_ || toks_[i].kind == Tok::and_ || toks_[i].kind == Tok::and_or ||
                  toks_[i].kind == Tok::comma || toks_[i].kind == Tok::slash)) {
      i = skip(i + 1);
      if (i >= e) return std::nullopt;
      continue;
    }
    break;
  }
  std::string before;
  if (i < e && toks_[i].kind == Tok::before) {
    i = reference_event(i + 1, e, before);
    for (auto& n : events) std::get<engine::Has>(n.kind).before = before;
  }
  i = skip_neutral(i, e);
  if (i != e || events.empty()) return std::nullopt;
  const engine::Span span{toks_[b].begin, toks_[e - 1].end};
  // Any of them within the window breaks "since ≥ N"; any within it meets "since < N".
  Node within = join(std::move(events), true, span);
  return at_least ? engine::make_not(std::move(within), span) : within;
}

// "Surgery less than 3 months ago", "radiotherapy or chemotherapy < 4 weeks ago": the last one less than that
// long ago is one within that window. Only treatments, procedures and exposures, as above ("diagnosed 12 months
// ago or less" dates an onset), only "less than" (a time more than N ago says nothing of what came after), and
// only alternatives ("surgery and radiotherapy" may ask for both).
std::optional<Node> Lowering::elapsed_ago(std::size_t b, std::size_t e) {
  // An event, a comparator and a time, or no reading (asked of every piece).
  if (const TokKinds kinds = kinds_in(b, e); !kinds.has(Tok::name) || !kinds.has(Tok::cmp) || !kinds.has(Tok::quantity))
    return std::nullopt;
  std::size_t i = skip_neutral(b, e);
  std::vector<Node> events;
  while (i < e && is_event(i)) {
    const auto kind = toks_[i].entry->kind;
    if (kind != engine::ConceptKind::treatment && kind != engine::ConceptKind::procedure &&
        kind != engine::ConceptKind::exposure)
      return std::nullopt;
    events.push_back(has(*toks_[i].entry, toks_[i].begin, toks_[i].end));
    i = skip_neutral(i + 1, e);
    if (i < e && (toks_[i].kind == Tok::or_ || toks_[i].kind == Tok::comma || toks_[i].kind == Tok::slash)) {
      i = skip_neutral(i + 1, e);
      if (i < e && toks_[i].kind == Tok::or_) i = skip_neutral(i + 1, e);  // ", or"
      continue;
    }
    break;
  }
  if (events.empty()) return std::nullopt;
  // "performed", "received": what was done, said again.
  static constexpr std::string_view done_words[] = {"performed", "received", "done", "given", "administered", "undergone"};
  while (i < e && (toks_[i].kind == Tok::word || toks_[i].kind == Tok::filler) && one_of(slice(toks_[i].begin, toks_[i].end), done_words))
    i = skip_neutral(i + 1, e);
  if (i + 2 >= e || toks_[i].kind != Tok::cmp) return std::nullopt;
  if (toks_[i].cmp != engine::Comparator::lt && toks_[i].cmp != engine::Comparator::le) return std::nullopt;
  const Token& amount = toks_[i + 1];
  if (amount.kind != Tok::quantity || !is_time_unit(amount.quantity.unit)) return std::nullopt;
  if ((toks_[i + 2].kind != Tok::word && toks_[i + 2].kind != Tok::filler) || !iequals(slice(toks_[i + 2].begin, toks_[i + 2].end), "ago"))
    return std::nullopt;
  if (skip_neutral(i + 3, e) != e) return std::nullopt;
  const engine::Amount window{amount.quantity.value, std::string(amount.quantity.unit)};
  for (auto& n : events) std::get<engine::Has>(n.kind).within = window;
  return join(std::move(events), true, engine::Span{toks_[b].begin, toks_[e - 1].end});
}

// "in the 6 months prior to the study": a window only when it names what it is before ("planning
// to become pregnant in 6 months" looks ahead).
std::optional<std::size_t> Lowering::past_window_in(std::size_t i, std::size_t e, engine::Amount& within,
                                                    std::string& before) {
  const std::string_view word = slice(toks_[i].begin, toks_[i].end);
  if (toks_[i].kind != Tok::guard || (word != "in" && word != "In")) return std::nullopt;
  auto j = window(i, e, within, before);
  if (!j || before.empty()) return std::nullopt;
  return j;
}

}  // namespace trialmatch::grammar::detail
