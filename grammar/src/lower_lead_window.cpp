// A window in a lead-in times every item after its colon: "Any of the following within 6 months prior to enrollment:
// myocardial infarction, stroke", "Laboratory values (within 14 days of enrollment): ANC ≥ 1.5 × 10⁹/L". Dropped
// with the lead-in as a heading, the items were asked of the whole past (a myocardial infarction ten years ago
// excluded); kept beside them as text, they decided nothing. Each event or measure after the colon with no time of
// its own gets the window; anything else there (an age, a sex, a guard, a window of its own) leaves the lead-in to
// the reading that keeps it as text.
// A lead-in saying "current" does the same for the events: "Currently taking any of the following medications:
// warfarin, heparin" asks of current use (dropped as a heading, any use ever excluded).
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {
namespace {

// True where every leaf of n can take the window and at least one is typed.
bool takes_window(const engine::Node& n, bool timed_from_entry, bool& typed) {
  return std::visit(
      [&](const auto& k) -> bool {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, engine::All> || std::is_same_v<K, engine::Any>) {
          for (const auto& a : k.args)
            if (!takes_window(a, timed_from_entry, typed)) return false;
          return true;
        } else if constexpr (std::is_same_v<K, engine::Not>) {
          return takes_window(*k.arg, timed_from_entry, typed);
        } else if constexpr (std::is_same_v<K, engine::Has>) {
          typed = true;
          return !k.within && !k.ahead && k.before.empty() && k.dated_from.empty() && k.dated_to.empty();
        } else if constexpr (std::is_same_v<K, engine::Cmp>) {
          typed = true;
          // (A measured value's window counts back from the moment of matching only.)
          return timed_from_entry && !k.within && k.var != "age" && k.relative_to == engine::RelativeTo::none;
        } else if constexpr (std::is_same_v<K, engine::Text>) {
          return true;
        } else {
          return false;  // a guard, a sex
        }
      },
      n.kind);
}

void give_window(engine::Node& n, const engine::Amount& within, const std::string& before) {
  std::visit(
      [&](auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, engine::All> || std::is_same_v<K, engine::Any>) {
          for (auto& a : k.args) give_window(a, within, before);
        } else if constexpr (std::is_same_v<K, engine::Not>) {
          give_window(*k.arg, within, before);
        } else if constexpr (std::is_same_v<K, engine::Has>) {
          k.within = within;
          k.before = before;
        } else if constexpr (std::is_same_v<K, engine::Cmp>) {
          k.within = within;
        }
      },
      n.kind);
}

// True where every event leaf of n has no status or time of its own, and something is typed (measures, texts and
// negations pass through).
bool takes_status(const engine::Node& n, bool& typed) {
  return std::visit(
      [&](const auto& k) -> bool {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, engine::All> || std::is_same_v<K, engine::Any>) {
          for (const auto& a : k.args)
            if (!takes_status(a, typed)) return false;
          return true;
        } else if constexpr (std::is_same_v<K, engine::Not>) {
          return takes_status(*k.arg, typed);
        } else if constexpr (std::is_same_v<K, engine::Has>) {
          typed = true;
          return k.status.empty() && !k.within && !k.ahead && k.dated_from.empty() && k.dated_to.empty();
        } else if constexpr (std::is_same_v<K, engine::Cmp>) {
          typed = true;
          return true;  // ("Current laboratory values:" a value decides only while current, as every value)
        } else if constexpr (std::is_same_v<K, engine::Text>) {
          return true;
        } else {
          return false;  // a guard, a sex
        }
      },
      n.kind);
}

void give_status(engine::Node& n, std::string_view status) {
  std::visit(
      [&](auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, engine::All> || std::is_same_v<K, engine::Any>) {
          for (auto& a : k.args) give_status(a, status);
        } else if constexpr (std::is_same_v<K, engine::Not>) {
          give_status(*k.arg, status);
        } else if constexpr (std::is_same_v<K, engine::Has>) {
          k.status = std::string(status);
        }
      },
      n.kind);
}

}  // namespace

bool Lowering::says_current(std::size_t b, std::size_t c) const {
  // ("Active infection with any of the following:": the word may open a name the lexicon lists. "Current or past use
  // of any of the following:" asks of either.)
  static constexpr std::string_view current[] = {"active", "current", "currently", "ongoing"};
  static constexpr std::string_view past[] = {"past", "prior", "previous", "previously", "history", "former", "ever"};
  bool now = false;
  for (std::size_t k = b; k < c; ++k) {
    if (toks_[k].kind == Tok::status_history) return false;
    const std::string_view words = slice(toks_[k].begin, toks_[k].end);
    for (std::size_t pos = 0; pos < words.size();) {
      std::size_t end = pos;
      while (end < words.size() && words[end] != ' ' && words[end] != '-') ++end;
      const std::string_view w = words.substr(pos, end - pos);
      if (one_of(w, past)) return false;
      now = now || toks_[k].kind == Tok::status_active || one_of(w, current);
      pos = end + 1;
    }
  }
  return now;
}

bool Lowering::give_current_status(engine::Node& n) const {
  bool typed = false;
  if (!takes_status(n, typed) || !typed) return false;
  give_status(n, "active");
  return true;
}

std::optional<engine::Node> Lowering::windowed_lead_in(std::size_t lead, std::size_t colon, std::size_t e,
                                                       std::size_t depth) {
  std::size_t w = colon;
  for (std::size_t k = lead; k < colon; ++k)
    if (toks_[k].kind == Tok::within) {
      if (w != colon) return std::nullopt;  // two windows: which times what is a person's to read
      w = k;
    }
  if (w == colon || colon + 1 >= e) return std::nullopt;
  engine::Amount within;
  std::string before;
  const auto end = window(w, colon, within, before);
  if (!end) return std::nullopt;
  // The window ends the lead-in ("(within 14 days of enrollment):" may close a parenthesis first).
  std::size_t after = skip_neutral(*end, colon);
  if (after < colon && toks_[after].kind == Tok::rparen) after = skip_neutral(after + 1, colon);
  if (after != colon) return std::nullopt;
  const std::size_t mark = diags_.size();
  auto rest = sequence(colon + 1, e, depth + 1);
  bool typed = false;
  if (!rest || !takes_window(*rest, before.empty() || reference_is_entry(before), typed) || !typed) {
    diags_.resize(mark);
    return std::nullopt;
  }
  give_window(*rest, within, before);
  return rest;
}

}  // namespace trialmatch::grammar::detail
