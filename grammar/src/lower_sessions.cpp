// Sessions of a duration per period: "> 3 x 30 min moderate exercise per week", "< 3 × 20 minutes of
// walking a week". The count is the threshold, per the period; the duration is what makes a session
// count, so it stays in the name with the activity ("sessions of 30 min moderate exercise"): read as a
// second condition it would say each session lasts that long, which "fewer than 3 x 30 min" does not.
#include <string>
#include <string_view>

#include "lower.hpp"
#include "lower_island_starts.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

namespace {

constexpr std::size_t kMaxActivityWords = 4;

// The UCUM unit of "week", "day", "month" as the period after "per".
std::string period_unit(std::string_view w) {
  static constexpr std::pair<std::string_view, std::string_view> periods[] = {
      {"week", "wk"}, {"day", "d"}, {"month", "mo"}, {"wk", "wk"}};
  for (auto [word, ucum] : periods)
    if (iequals(w, word)) return std::string(ucum);
  return {};
}

// "weekly", "daily": the period and "per" at once.
std::string periodic_unit(std::string_view w) {
  static constexpr std::pair<std::string_view, std::string_view> periods[] = {
      {"weekly", "wk"}, {"daily", "d"}, {"monthly", "mo"}};
  for (auto [word, ucum] : periods)
    if (iequals(w, word)) return std::string(ucum);
  return {};
}

}  // namespace

std::optional<Island> Lowering::sessions_island_at(std::size_t i, std::size_t e) const {
  // The Island is built only once the count, its sign and the duration are there (island_at asks this
  // of every token of an open reading).
  // The count: a whole number with no unit, then the sign "x", "×" or "times" (lower_island_starts.hpp).
  const std::size_t j = sessions_count_at(toks_, text_, i, e);
  if (j == e) return std::nullopt;
  const engine::Comparator cmp = j > i ? toks_[i].cmp : engine::Comparator::eq;
  const Quantity& count = toks_[j].quantity;
  // The duration of one session.
  const std::size_t d = j + 2;
  if (toks_[d].kind != Tok::quantity || toks_[d].quantity.unit_unknown || !is_time_unit(toks_[d].quantity.unit))
    return std::nullopt;
  // The activity, then the period: "per week", "a week", "/week", "weekly".
  std::size_t x = d + 1;
  std::string period;
  std::size_t period_b = e, period_e = e;
  for (; x < e && x <= d + kMaxActivityWords + 1; ++x) {
    const Tok k = toks_[x].kind;
    const std::string_view w = slice(toks_[x].begin, toks_[x].end);
    if (k == Tok::word && !(period = periodic_unit(w)).empty()) {
      period_b = x, period_e = x + 1;
      break;
    }
    const bool per = (k == Tok::word && (iequals(w, "per") || iequals(w, "each") || iequals(w, "every"))) ||
                     (k == Tok::filler && (iequals(w, "a") || iequals(w, "an"))) || k == Tok::slash;
    if (per && x + 1 < e && !(period = period_unit(slice(toks_[x + 1].begin, toks_[x + 1].end))).empty()) {
      period_b = x, period_e = x + 2;
      break;
    }
    if (k != Tok::word && k != Tok::filler && k != Tok::name) return std::nullopt;
  }
  if (period.empty()) return std::nullopt;
  Island out;
  out.b = i;
  out.th.cmp = cmp;
  out.e = period_e;
  out.th.value = count;
  out.th.value.unit = kept("/" + period);
  // The period's words are the unit; the name keeps the duration and the activity.
  out.counted = "sessions of " + trim(slice(toks_[d].begin, toks_[period_b - 1].end));
  return out;
}

}  // namespace trialmatch::grammar::detail
