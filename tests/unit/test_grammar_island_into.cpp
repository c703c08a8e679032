// The open reading's islands built where they are kept (grammar/src/lower_islands.cpp): class_island_into against
// the form it replaced, class_island_at returning its Island (kept here as the oracle), and island_into against
// island_at, at every token of every golden line and every end after it. class_island_into must leave `out` as made
// where it refuses: island_into goes on to the other readings in the same Island.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/lower_island_starts.hpp"
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

struct IslandIntoProbe {
  static bool class_island_into(const Lowering& l, std::size_t i, std::size_t e, Island& out) {
    return l.class_island_into(i, e, out);
  }
  static bool island_into(const Lowering& l, std::size_t i, std::size_t e, Island& out) {
    return l.island_into(i, e, out);
  }
  static std::optional<Island> island_at(const Lowering& l, std::size_t i, std::size_t e) { return l.island_at(i, e); }
  // island_into's guards before the scale reading at a comparator and the sessions reading (s37open).
  static bool scale_word_token(const Lowering& l, std::size_t x) { return l.scale_word_token(l.toks_[x]); }
  static bool sessions(const Lowering& l, std::size_t i, std::size_t e) { return l.sessions_island_at(i, e).has_value(); }

  // The oracle: class_island_at as it was, an Island built and returned.
  static std::optional<Island> class_island_at(const Lowering& l, std::size_t i, std::size_t e) {
    const auto& toks_ = l.toks_;
    static constexpr std::string_view scale_words[] = {"grade", "grades", "stage", "stages", "class", "classes", "score",
                                                       "scores", "group", "groups", "axis", "type", "types"};
    bool plural = false;
    auto scale_word = [&](std::size_t x) -> std::string_view {
      if (x >= e || (toks_[x].kind != Tok::word && toks_[x].kind != Tok::filler)) return {};
      const std::string_view w = l.slice(toks_[x].begin, toks_[x].end);
      if (!Lowering::may_be_scale_word(w)) return {};
      for (std::string_view s : scale_words) {
        if (!iequals(w, s)) continue;
        plural = s.back() == 's' && s != "class" && s != "axis";
        return plural ? s.substr(0, s.size() - (s == "classes" ? 2 : 1)) : s;
      }
      return {};
    };
    std::size_t j = i;
    std::optional<engine::Comparator> cmp;
    if (toks_[j].kind == Tok::cmp) cmp = toks_[j++].cmp;
    const std::string_view word = scale_word(j);
    if (word.empty()) return std::nullopt;
    Island out;
    out.b = i;
    out.class_word = std::string(word);
    ++j;
    const bool score = out.class_word == "score";
    if (score) {
      if (j >= e || toks_[j].kind != Tok::filler || l.slice(toks_[j].begin, toks_[j].end) != "of") return std::nullopt;
      ++j;
    }
    if (!cmp && j < e && toks_[j].kind == Tok::cmp) cmp = toks_[j++].cmp;
    std::vector<double> values;
    bool span = false;
    while (j < e) {
      const auto v = l.class_value(j);
      if (!v || *v < 0 || *v > (score ? 1000 : 10)) break;
      if (score && toks_[j].kind != Tok::quantity) break;
      if ((out.class_word == "type" || out.class_word == "axis") && toks_[j].kind == Tok::quantity) break;
      values.push_back(*v);
      ++j;
      if (cmp || span || j + 1 >= e) break;
      const Tok sep = toks_[j].kind;
      if (sep == Tok::range_to && values.size() == 1 && l.class_value(j + 1)) { span = true; ++j; continue; }
      if ((sep == Tok::or_ || sep == Tok::and_or || sep == Tok::comma || sep == Tok::slash ||
           (sep == Tok::and_ && plural)) &&
          l.class_value(j + 1)) {
        ++j;
        continue;
      }
      break;
    }
    if (values.empty() || (span && values.size() != 2)) return std::nullopt;
    if (j + 1 < e && toks_[j].kind == Tok::range_to && toks_[j].begin == toks_[j - 1].end &&
        toks_[j + 1].begin == toks_[j].end && !l.class_value(j + 1))
      return std::nullopt;
    if (!cmp && !span && values.size() == 1 && j < e && toks_[j].kind == Tok::cmp_post) cmp = toks_[j++].cmp;
    out.e = j;
    out.th.value.unit = "1";
    if (cmp) {
      out.th.cmp = *cmp;
      out.th.value.value = values.front();
    } else if (span) {
      if (values[0] > values[1]) return std::nullopt;
      out.th.value.value = values[0];
      out.th.high = out.th.value;
      out.th.high->value = values[1];
    } else if (values.size() == 1) {
      out.th.cmp = engine::Comparator::eq;
      out.th.value.value = values.front();
    } else {
      out.one_of = values;
    }
    return out;
  }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::Tok;
using g::detail::Island;
using g::detail::IslandIntoProbe;
using g::detail::Lowering;

bool same_quantity(const g::Quantity& a, const g::Quantity& b) {
  return a.value == b.value && std::string_view(a.unit) == std::string_view(b.unit) &&
         std::string_view(a.unit_spelling) == std::string_view(b.unit_spelling) && a.relative_to == b.relative_to &&
         a.unit_unknown == b.unit_unknown && a.plus == b.plus && a.above == b.above && a.ten_power == b.ten_power &&
         a.unit_begin == b.unit_begin && a.unit_end == b.unit_end;
}

// Every field of the two Islands.
bool same_island(const Island& a, const Island& b) {
  const auto& x = a.th;
  const auto& y = b.th;
  const bool th = x.cmp == y.cmp && same_quantity(x.value, y.value) && x.high.has_value() == y.high.has_value() &&
                  (!x.high || same_quantity(*x.high, *y.high)) && x.high_cmp == y.high_cmp &&
                  x.implies_age == y.implies_age;
  const bool within = a.within.has_value() == b.within.has_value() &&
                      (!a.within || (a.within->value == b.within->value && a.within->unit == b.within->unit));
  const bool dated = a.dated.has_value() == b.dated.has_value() &&
                     (!a.dated || (a.dated->from == b.dated->from && a.dated->to == b.dated->to &&
                                   a.dated->end == b.dated->end));
  return a.b == b.b && a.e == b.e && th && within && a.ahead == b.ahead && a.before == b.before &&
         a.class_word == b.class_word && a.one_of == b.one_of && a.counted == b.counted && dated;
}

struct Counts {
  int class_read = 0, class_refused = 0, islands = 0;
  int scale_guarded = 0, sessions_guarded = 0, sessions_read = 0;  // spans the guards refuse; sessions read
};

void check_line(const std::string& text, Counts& counts) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  e::Diagnostics diags;
  const Lowering l(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
  const Island as_made;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    for (std::size_t end = i + 1; end <= tokens.size(); ++end) {
      CAPTURE(text);
      CAPTURE(i);
      CAPTURE(end);
      // The scale reading: the old form's Island where it reads one; `out` as made where it refuses.
      const std::optional<Island> old_class = IslandIntoProbe::class_island_at(l, i, end);
      Island into;
      const bool read = IslandIntoProbe::class_island_into(l, i, end, into);
      CHECK(read == old_class.has_value());
      if (read && old_class) CHECK(same_island(into, *old_class));
      if (!read) CHECK(same_island(into, as_made));
      ++(read ? counts.class_read : counts.class_refused);
      // island_into's guards (grammar/src/lower_islands.cpp, docs/lowering-guards.md): where one refuses, its reading
      // refuses too. At a comparator, the scale reading needs its scale word right after it.
      if (tokens[i].kind == Tok::cmp && !(i + 1 < end && IslandIntoProbe::scale_word_token(l, i + 1))) {
        ++counts.scale_guarded;
        CHECK_FALSE(read);
      }
      // At a comparator or a number, the sessions reading needs its count and the sign after it.
      if (tokens[i].kind == Tok::cmp || tokens[i].kind == Tok::quantity) {
        const bool sessions = IslandIntoProbe::sessions(l, i, end);
        counts.sessions_read += sessions ? 1 : 0;
        if (g::detail::sessions_count_at(tokens, text, i, end) == end) {
          ++counts.sessions_guarded;
          CHECK_FALSE(sessions);
        }
      }
      // The island in place, against the one returned.
      const std::optional<Island> returned = IslandIntoProbe::island_at(l, i, end);
      Island built;
      const bool found = IslandIntoProbe::island_into(l, i, end, built);
      CHECK(found == returned.has_value());
      if (found && returned) CHECK(same_island(built, *returned));
      counts.islands += found ? 1 : 0;
    }
}

}  // namespace

TEST_CASE("islands built in place: the scale reading and island_into give the Islands the returned forms gave") {
  Counts counts;
  for (const std::string& line : golden_support::all_criterion_lines()) check_line(line, counts);
  // Lines made to reach each refusal of the scale reading after its word: no "of" after "score", no value, a value
  // with a subclass, a span the wrong way round; and the readings after a comparator the scale reading refuses.
  for (const char* line : {"score 5 or more", "score of twelve", "Grade of 2", "grade unknown", "class II-IVa disease",
                           "grade 2-3b toxicity", "stage 4-2 cancer", ">grade", "> score of 9", "≥ 2 sessions a week",
                           "< stage of 3 months", "type 2 diabetes", "Axis I disorder", "skin types III-IV",
                           "stages III and IV", "grades 1, 2 or 3 neuropathy", "score of 9 or 10", "> 3 groups",
                           // the readings island_into's guards pass (s37open): a scale after a comparator, sessions
                           "> grade 2 neuropathy", "≥ Grade II", "< stage III", "> 3 x 30 min moderate exercise per week",
                           "< 3 × 20 minutes of walking a week", "3 times 45 minutes of exercise weekly",
                           "at least 2 X 30 min/week"})
    check_line(line, counts);
  CHECK(counts.scale_guarded > 1000);
  CHECK(counts.sessions_guarded > 1000);
  CHECK(counts.sessions_read >= 3);
  CHECK(counts.class_read > 100);
  CHECK(counts.class_refused > 50000);
  CHECK(counts.islands > 5000);
  MESSAGE("scale readings " << counts.class_read << ", refused " << counts.class_refused << "; islands "
                            << counts.islands << "; guarded: scale " << counts.scale_guarded << ", sessions "
                            << counts.sessions_guarded << "; sessions read " << counts.sessions_read);
}
