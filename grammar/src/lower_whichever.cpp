// Two windows on the same events, whichever is longer or shorter, where only one is a time:
//   "received X within 4 weeks or 5 PK half-lives of the treatment, whichever longer, before the first dose"
//     -> any(has X within 4 wk before ..., all(has X, text "5 PK half-lives of the treatment"))
//   "X within 12 weeks (or 5 half-lives of the drug, whichever is longer) prior to screening"  (the same)
//   "X within 4 weeks or 5 half-lives, whichever is shorter"
//     -> all(has X within 4 wk, text "5 half-lives")
// The window meant is max(4 weeks, 5 half-lives). With the half-life unknown, an event inside 4 weeks is inside
// it for sure (true), one beyond 4 weeks may or may not be (unknown), and with no event at all nothing is inside
// (false): any(events within 4 weeks, all(the events at any time, the other window as text)) gives exactly those
// truths, in an inclusion and in an exclusion alike. "Whichever is shorter" is min: outside 4 weeks is outside
// for sure (false), inside is unknown, which all(...) gives. Exact only where the events read are all timed by
// that window and nothing but one negation over them stands in the piece (the truth then grows with the window);
// any other reading of the piece is not used. "At least 4 weeks or 5 half-lives, whichever is longer, since the
// last dose" is the negation of the events within the longer window, read the same way.
#include "lower.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {

bool wordlike(Tok k) { return k == Tok::word || k == Tok::filler || k == Tok::guard; }

// True where the node is only events joined by all/any, each timed by `window` looking back.
bool only_timed_events(const Node& n, const engine::Amount& window) {
  if (const auto* h = std::get_if<engine::Has>(&n.kind)) return h->within && *h->within == window && !h->ahead;
  const std::vector<Node>* args = nullptr;
  if (const auto* a = std::get_if<engine::All>(&n.kind)) args = &a->args;
  if (const auto* o = std::get_if<engine::Any>(&n.kind)) args = &o->args;
  if (!args || args->empty()) return false;
  for (const auto& x : *args)
    if (!only_timed_events(x, window)) return false;
  return true;
}

}  // namespace

std::optional<Node> Lowering::whichever_window(std::size_t b, std::size_t e) {
  // The two windows are joined by "or", the window after it a number; an unclear clause ("whichever comes first")
  // only acts after "within": a piece with neither has nothing here. (piece() asks the same before the call.)
  if (const TokKinds kinds = kinds_in(b, e); !kinds.has(Tok::within) && !(kinds.has(Tok::or_) && kinds.has(Tok::quantity)))
    return std::nullopt;
  auto text_of = [&](std::size_t x) { return std::string_view(text_.data() + toks_[x].begin, toks_[x].end - toks_[x].begin); };
  std::size_t w = b;
  while (w < e && !(wordlike(toks_[w].kind) && toks_[w].end - toks_[w].begin == 9 && iequals(text_of(w), "whichever")))
    ++w;
  // (Read once: inside its own reading the clause is passed over.)
  if (w >= e || ignored(w)) return std::nullopt;
  // "whichever is longer", "whichever longer", "whichever is the greater", "whichever is shorter".
  std::size_t k = w + 1;
  while (k < e && wordlike(toks_[k].kind) && (iequals(text_of(k), "is") || iequals(text_of(k), "the") ||
                                              iequals(text_of(k), "comes") || iequals(text_of(k), "occurs")))
    ++k;
  if (k >= e || !wordlike(toks_[k].kind)) return std::nullopt;
  const std::string word = lower_ascii(text_of(k));
  static constexpr std::string_view longer_words[] = {"longer", "greater"};
  static constexpr std::string_view shorter_words[] = {"shorter", "lesser"};
  // "whichever is later", "whichever comes first": of windows counted back from a date, the later start is the
  // shorter window and the first the longer, or the writer meant the end: which one counts is unclear.
  static constexpr std::string_view unclear_words[] = {"later", "earlier", "first", "last", "sooner", "latest", "earliest"};
  if (one_of(word, unclear_words)) {
    for (std::size_t t = b; t < w; ++t)
      if (toks_[t].kind == Tok::within) return text_node(toks_[b].begin, toks_[e - 1].end, engine::TextReason::not_understood);
    return std::nullopt;
  }
  const bool longer = one_of(word, longer_words);
  if (!longer && !one_of(word, shorter_words)) return std::nullopt;
  ++k;
  // "5 half-lives (whichever is shorter)": the clause in parentheses of its own.
  const bool clause_in_parens = w > b && toks_[w - 1].kind == Tok::lparen;
  if (clause_in_parens) {
    if (k >= e || toks_[k].kind != Tok::rparen) return std::nullopt;
    ++k;
  }

  // Back to the "or" of the two windows: a few words, nothing that joins or compares.
  std::size_t clause_begin = clause_in_parens ? w - 1 : w;
  if (clause_begin > b && toks_[clause_begin - 1].kind == Tok::comma) --clause_begin;
  auto plain = [&](std::size_t x) {
    const Tok t = toks_[x].kind;
    return t != Tok::and_ && t != Tok::or_ && t != Tok::and_or && t != Tok::semicolon && t != Tok::cmp && t != Tok::colon &&
           t != Tok::within && t != Tok::ahead;
  };
  std::size_t o = clause_begin;
  for (int depth = 0; o > b;) {
    --o;
    const Tok t = toks_[o].kind;
    if (t == Tok::rparen) ++depth;
    else if (t == Tok::lparen && --depth < 0) return std::nullopt;
    else if (t == Tok::or_ && depth == 0) break;
    else if (t != Tok::within && !plain(o)) return std::nullopt;
    if (clause_begin - o > 12) return std::nullopt;
  }
  if (toks_[o].kind != Tok::or_) return std::nullopt;

  engine::Amount window_read;
  std::size_t alt_begin = 0, alt_end = 0;
  std::vector<std::pair<std::size_t, std::size_t>> passed;  // the token ranges the piece is read without
  engine::Amount after_or;
  if (const auto amount_end = window_amount(o + 1, e, after_or); amount_end && *amount_end == clause_begin) {
    // "within 5 half-lives or 4 weeks, whichever is longer": the time after "or", the other window before it,
    // right after "within".
    std::size_t t = o;
    while (t > b && toks_[t - 1].kind != Tok::within && o - t < 12 && plain(t - 1)) --t;
    if (t == b || toks_[t - 1].kind != Tok::within) return std::nullopt;
    alt_begin = t;
    alt_end = toks_[o - 1].kind == Tok::comma ? o - 1 : o;
    window_read = after_or;
    passed = {{alt_begin, o + 1}, {clause_begin, k < e && toks_[k].kind == Tok::comma ? k + 1 : k}};
  } else {
    // "within 4 weeks or 5 half-lives ...", "at least 4 weeks or 5 half-lives ... since": the time before "or".
    alt_begin = o + 1;
    if (alt_begin < clause_begin && toks_[alt_begin].kind == Tok::within) ++alt_begin;
    alt_end = clause_begin;
    // "(or 5 half-lives ..., whichever is longer)": the parentheses go with the clause.
    std::size_t from = o;
    if (from > b && toks_[from - 1].kind == Tok::lparen) {
      if (clause_in_parens || k >= e || toks_[k].kind != Tok::rparen) return std::nullopt;
      --from;
      ++k;
    } else if (from > b && toks_[from - 1].kind == Tok::comma) {
      --from;  // "within 30 days, or 5 half-lives, whichever is longer"
    }
    if (k < e && toks_[k].kind == Tok::comma) ++k;  // "..., whichever longer, before the first dose"
    // The window read right before it: "within 4 weeks", "within 4 weeks prior to the first dose", or a time
    // alone ("at least 4 weeks or 5 half-lives ... since the last dose").
    bool found = false;
    for (std::size_t t = b; t < from && !found; ++t) {
      if (toks_[t].kind != Tok::within) continue;
      std::string before;
      const auto end = window(t, e, window_read, before);
      found = end && *end == from;
    }
    if (!found && from > b && toks_[from - 1].kind == Tok::quantity && is_time_unit(toks_[from - 1].quantity.unit)) {
      window_read = engine::Amount{toks_[from - 1].quantity.value, std::string(toks_[from - 1].quantity.unit)};
      found = true;
    }
    if (!found) return std::nullopt;
    passed = {{from, k}};
  }
  if (alt_begin >= alt_end || toks_[alt_begin].kind != Tok::quantity || is_time_unit(toks_[alt_begin].quantity.unit))
    return std::nullopt;

  const std::size_t mark = diags_.size();
  if (ignored_.empty()) ignored_.assign(toks_.size(), false);
  IgnoredTokens kept = ignored_;
  for (const auto& [first, last] : passed)
    for (std::size_t x = first; x < last; ++x) ignored_[x] = true;
  auto read = piece(b, e);
  ignored_ = std::move(kept);
  // "No chemotherapy within 4 weeks or 5 half-lives, whichever is longer": the other window goes inside the
  // negation, with the events it times.
  Node* timed = read ? &*read : nullptr;
  if (timed)
    if (auto* negated = std::get_if<engine::Not>(&timed->kind)) timed = &*negated->arg;
  if (!read || !engine::fully_typed(*read) || !only_timed_events(*timed, window_read)) {
    diags_.resize(mark);
    return std::nullopt;
  }
  Node other = text_node(toks_[alt_begin].begin, toks_[alt_end - 1].end, engine::TextReason::not_understood);
  // Longer: beyond the typed window only an event at some time may still be inside the other one, so
  // any(events within 4 weeks, all(the events at any time, the other window)); with no such event at all the
  // answer is "no" (a washout is then met), where the other window alone would leave it unknown.
  // (Not for events the lexicon does not list: unknown at any time, as the other window is.)
  bool listed = true;
  auto all_listed = [&](const Node& n, auto&& self) -> void {
    if (const auto* h = std::get_if<engine::Has>(&n.kind)) listed = listed && h->name.empty();
    else if (const auto* a = std::get_if<engine::All>(&n.kind)) for (const auto& x : a->args) self(x, self);
    else if (const auto* o = std::get_if<engine::Any>(&n.kind)) for (const auto& x : o->args) self(x, self);
  };
  all_listed(*timed, all_listed);
  if (longer && listed) {
    Node ever = *timed;
    auto untime = [](Node& n, auto&& self) -> void {
      if (auto* h = std::get_if<engine::Has>(&n.kind)) {
        h->within.reset();
        h->before.clear();
      } else if (auto* a = std::get_if<engine::All>(&n.kind)) {
        for (auto& x : a->args) self(x, self);
      } else if (auto* o = std::get_if<engine::Any>(&n.kind)) {
        for (auto& x : o->args) self(x, self);
      }
    };
    untime(ever, untime);
    const engine::Span other_span = other.span;
    std::vector<Node> pair;
    pair.push_back(std::move(ever));
    pair.push_back(std::move(other));
    other = engine::make_all(std::move(pair), other_span);
  }
  std::vector<Node> both;
  // (Alternatives of alternatives are one list: any(A, B) or the other window is any(A, B, other).)
  auto* same = longer ? std::get_if<engine::Any>(&timed->kind) : nullptr;
  if (same) both = std::move(same->args);
  else both.push_back(std::move(*timed));
  both.push_back(std::move(other));
  const engine::Span span{toks_[b].begin, toks_[e - 1].end};
  Node either = longer ? engine::make_any(std::move(both), span) : engine::make_all(std::move(both), span);
  if (timed == &*read) return either;
  return engine::make_not(std::move(either), span);
}

}  // namespace trialmatch::grammar::detail
