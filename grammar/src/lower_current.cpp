// Now or in a past window, on events the lexicon does not list:
//   "Patient is being administered immunomodulators currently or within the past three months"
//     -> has "immunomodulators" within 3 mo
//   "participating in an intervention study in current time or in the last 6 months" (the same)
// The window reaches the reference date, so what is current is inside it: the words for now add nothing. Only
// for unlisted events, which a patient's record never decides: for a listed event, "currently" asks its status,
// which the evaluator reads apart from the window (a condition recorded long ago with no status is outside a
// window but of unknown status), and the piece is read as before.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {

// True where every event of the node is unlisted and timed by `window`, joined by all/any to at least one such
// event and to text (which is unknown for everyone, as the events are).
bool only_unlisted_timed(const Node& n, const engine::Amount& window, bool& timed) {
  if (const auto* h = std::get_if<engine::Has>(&n.kind)) {
    timed = true;
    return !h->name.empty() && h->within && *h->within == window && !h->ahead;
  }
  if (std::holds_alternative<engine::Text>(n.kind)) return true;
  const std::vector<Node>* args = nullptr;
  if (const auto* a = std::get_if<engine::All>(&n.kind)) args = &a->args;
  if (const auto* o = std::get_if<engine::Any>(&n.kind)) args = &o->args;
  if (!args || args->empty()) return false;
  for (const auto& x : *args)
    if (!only_unlisted_timed(x, window, timed)) return false;
  return true;
}

}  // namespace

// The token after the words for now that start at token c ("currently", "at present", "in current time", "at
// the present time"), or c where none start there.
std::size_t Lowering::now_words(std::size_t c, std::size_t e) const {
  auto word = [&](std::size_t x, std::string_view w) {
    return x < e && toks_[x].kind != Tok::quantity && toks_[x].kind != Tok::name && iequals(slice(toks_[x].begin, toks_[x].end), w);
  };
  if (word(c, "currently") || word(c, "presently") || word(c, "now")) return c + 1;
  if (!word(c, "at") && !word(c, "in")) return c;
  std::size_t x = c + 1;
  if (word(x, "the") || word(x, "this")) ++x;
  if (word(x, "present") || word(x, "current")) ++x;
  if (word(x, "time")) return x + 1;
  if (x == c + 2 && word(c + 1, "present")) return x;  // "at present"
  return c;
}

std::optional<Node> Lowering::now_or_window(std::size_t b, std::size_t e) {
  // (A piece without "or" and a window has none of these: asked of every piece.)
  const TokKinds kinds = kinds_in(b, e);
  if (!kinds.has(Tok::within) || (!kinds.has(Tok::or_) && !kinds.has(Tok::and_or))) return std::nullopt;
  for (std::size_t c = b; c + 2 < e; ++c) {
    const Tok k = toks_[c].kind;
    if (k != Tok::word && k != Tok::filler && k != Tok::guard && k != Tok::status_active) continue;
    if (ignored(c)) return std::nullopt;  // inside its own reading
    const std::size_t after = now_words(c, e);
    if (after == c) continue;
    std::size_t o = after;
    if (o < e && toks_[o].kind == Tok::comma) ++o;
    if (o + 1 >= e || (toks_[o].kind != Tok::or_ && toks_[o].kind != Tok::and_or) || toks_[o + 1].kind != Tok::within) continue;
    engine::Amount window_read;
    std::string before;
    if (!window(o + 1, e, window_read, before)) return std::nullopt;

    const std::size_t mark = diags_.size();
    if (ignored_.empty()) ignored_.assign(toks_.size(), false);
    IgnoredTokens kept = ignored_;
    for (std::size_t x = c; x <= o; ++x) ignored_[x] = true;
    auto read = piece(b, e);
    ignored_ = std::move(kept);
    bool timed = false;
    if (!read || !only_unlisted_timed(*read, window_read, timed) || !timed) {
      diags_.resize(mark);
      return std::nullopt;
    }
    read->span = {toks_[b].begin, toks_[e - 1].end};
    return read;
  }
  return std::nullopt;
}

}  // namespace trialmatch::grammar::detail
