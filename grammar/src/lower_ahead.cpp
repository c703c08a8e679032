// Plans: "Planned major surgery within the next 12 months", "planning to be pregnant in 6 months", "intend
// to become pregnant in the next 12 months". A plan word makes the events after it no events of the
// patient's past (relation_head keeps them text); with a window after them the plan is an event ahead of
// the reference date, which a window that looks ahead says whole. The piece is then read with the plan's
// words passed over and its window looking ahead; the reading stands only where it is typed throughout.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
}  // namespace

bool plan_word(std::string_view w) {
  static constexpr std::string_view words[] = {
      "planned", "planning", "plan", "plans", "intend", "intends", "intending", "intention", "intent", "scheduled",
      "anticipated", "anticipate", "anticipates", "expected", "wish", "wishes", "wishing", "desire", "desires",
      "desiring", "want", "wants", "wanting"};
  // Asked of every word of every piece: most are refused by length and first letter.
  static constexpr WordList list(words);
  return list.contains(w);
}

namespace {

// Words between the plan word and what is planned: "to be", "to become", "to undergo", "for a".
bool plan_link(std::string_view w) {
  static constexpr std::string_view words[] = {"to", "be", "become", "get", "getting", "becoming", "undergo",
                                               "undergoing", "have", "having", "for", "a", "an", "the", "any",
                                               "on", "receive", "start", "starting"};
  static constexpr WordList list(words);
  return list.contains(w);
}

}  // namespace

bool Lowering::ahead_of_entry(std::size_t from, std::size_t to, const std::string& before) const {
  if (before.empty()) return true;
  for (std::size_t x = from; x < to; ++x)
    if (toks_[x].kind == Tok::before) return false;
  return reference_is_entry(before);
}

std::optional<Node> Lowering::planned_ahead(std::size_t b, std::size_t e) {
  if (plan_word_ != kNone) return std::nullopt;  // reading one already
  // An event planned, and its window: "within", "in the next", or a guard word ("in 6 months").
  if (const TokKinds kinds = kinds_in(b, e);
      !kinds.has(Tok::name) || !(kinds.has(Tok::within) || kinds.has(Tok::ahead) || kinds.has(Tok::guard)))
    return std::nullopt;
  // Either case: plan_word and plan_link ignore ASCII case, so no word is copied.
  // (The token's bytes as a view, without substr's call: asked of every word of every piece.)
  auto text_of = [&](std::size_t x) { return std::string_view(text_.data() + toks_[x].begin, toks_[x].end - toks_[x].begin); };
  auto wordlike = [&](std::size_t x) {
    const Tok k = toks_[x].kind;
    return k == Tok::word || k == Tok::filler || k == Tok::range_to || k == Tok::guard;
  };
  // The window follows the plan word: a plan word after the last token that may open one (within, ahead, guard)
  // has none, and nothing is read from it; the words are asked only before that token. (The plan word asked
  // is still the piece's first: one after that token was never read.)
  std::size_t last_window = e;
  while (last_window > b && toks_[last_window - 1].kind != Tok::within && toks_[last_window - 1].kind != Tok::ahead &&
         toks_[last_window - 1].kind != Tok::guard)
    --last_window;
  const std::size_t words_end = last_window > b ? last_window - 1 : b;
  std::size_t p = b;
  while (p < words_end && !(wordlike(p) && plan_word(text_of(p)))) ++p;
  if (p >= words_end) return std::nullopt;
  std::size_t q = p + 1;
  while (q < e && !is_event(q) && wordlike(q) && plan_link(text_of(q))) ++q;
  // The window: the first after the planned events, "within ...", "in the next ...", or "in 6 months".
  std::size_t w = q;
  for (; w < e; ++w) {
    const Tok k = toks_[w].kind;
    if (k == Tok::within || k == Tok::ahead) break;
    engine::Amount amount;
    if (k == Tok::guard && iequals(text_of(w), "in") && window_amount(skip_neutral(w + 1, e), e, amount)) break;
    // Only events and the words joining them stand between the plan and its window.
    const bool joins = k == Tok::and_ || k == Tok::or_ || k == Tok::and_or || k == Tok::comma || k == Tok::slash;
    if (!is_event(w) && !joins && !neutral(w) && k != Tok::word) return std::nullopt;
  }
  if (w >= e || w == q) return std::nullopt;
  bool planned = false;
  for (std::size_t x = q; x < w; ++x) planned = planned || is_event(x);
  if (!planned) return std::nullopt;

  const std::size_t mark = diags_.size();
  if (ignored_.empty()) ignored_.assign(toks_.size(), false);
  IgnoredTokens before = ignored_;
  for (std::size_t x = p; x < q; ++x) ignored_[x] = true;
  plan_word_ = p;
  plan_window_ = w;
  auto read = piece(b, e);
  plan_word_ = kNone;
  plan_window_ = kNone;
  ignored_ = std::move(before);
  // Every event after the plan word is planned (timed ahead), and nothing is left unread.
  bool all_ahead = read && engine::fully_typed(*read);
  bool any_ahead = false;
  auto visit = [&](const Node& n, auto&& self) -> void {
    if (const auto* h = std::get_if<engine::Has>(&n.kind)) {
      if (n.span.begin >= toks_[p].end) all_ahead = all_ahead && h->within && h->ahead;
      any_ahead = any_ahead || (h->within && h->ahead);
    } else if (const auto* a = std::get_if<engine::All>(&n.kind)) {
      for (const auto& x : a->args) self(x, self);
    } else if (const auto* o = std::get_if<engine::Any>(&n.kind)) {
      for (const auto& x : o->args) self(x, self);
    } else if (const auto* nt = std::get_if<engine::Not>(&n.kind)) {
      self(*nt->arg, self);
    } else if (const auto* g = std::get_if<engine::If>(&n.kind)) {
      self(*g->cond, self);
      self(*g->then, self);
    }
  };
  if (read) visit(*read, visit);
  if (!all_ahead || !any_ahead) {
    diags_.resize(mark);
    return std::nullopt;
  }
  read->span = {toks_[b].begin, toks_[e - 1].end};
  return read;
}

}  // namespace trialmatch::grammar::detail
