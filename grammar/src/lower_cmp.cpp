// Comparisons of measured variables: "AST or ALT >3× ULN", "age between 3-35 years", "ECOG 0-2",
// "92% or higher", "Karnofsky score (for age ≥16 years) ≥70".
#include <cctype>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lower.hpp"
#include "lower_literal.hpp"
#include "lower_local_node.hpp"
#include "lower_scratch.hpp"
#include "lower_sex_starts.hpp"
#include "lower_units_kept.hpp"
#include "lower_util.hpp"
#include "trialmatch/engine/plausibility.hpp"
#include "trialmatch/engine/short_hash.hpp"
#include "trialmatch/engine/units.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar::detail {

using engine::Comparator;
using engine::Node;

namespace {

bool is_join(Tok k) {
  return k == Tok::and_ || k == Tok::or_ || k == Tok::and_or || k == Tok::slash || k == Tok::comma;
}

Conn conn_of(Tok k) {
  switch (k) {
    case Tok::and_: return Conn::and_;
    case Tok::or_: case Tok::and_or: return Conn::or_;
    case Tok::slash: return Conn::slash;
    default: return Conn::comma;
  }
}

// Measures written in one unit only, by everyone: a bare number is in that unit where it is
// plausible there ("HbA1c > 48" is mmol/mol, not %, and stays text).
bool customary_unit_only(const engine::Concept& var, double value) {
  // Units that have no rival spelling of another magnitude in criteria: a value in the plausible range
  // of the concept can only be in them ("GFR < 60", "platelets < 50", "QTc > 470", "temperature > 38").
  // A value outside ("platelets < 100,000", per µL; "temperature > 100.4", in °F) stays text.
  static constexpr std::string_view customary[] = {"kg/m2", "mm[Hg]", "%", "10*9/L", "mL/min", "mL/min/{1.73_m2}",
                                                   "ms", "/min", "Cel"};
  if (std::find(std::begin(customary), std::end(customary), var.unit) == std::end(customary)) return false;
  if (!var.plausible) return false;
  const auto unit = engine::units::read_unit(var.unit);
  return unit && engine::units::plausibility(var, value, *unit) != engine::units::Plausibility::implausible;
}


// plausibility(var, value, written) == implausible, asked with what cmp_into knows already: where it has asked for the
// factor from the written unit to the variable's (`factor_asked`: `factor` is conversion_factor's answer, nullopt
// where there is none) and the range is in the variable's unit, that factor is the one plausibility would compute;
// otherwise the range's unit is the written one where both are spelt the same ("Age ≤18": both "a"), or else read
// through unit_read's table, not read_unit's copy. (Each answer equals plausibility's:
// tests/unit/test_units_plausibility_range.cpp compares the engine's forms on every concept.)
bool implausible(const engine::Concept& var, double value, std::string_view unit, const engine::units::Unit& written,
                 bool factor_asked, const std::optional<double>& factor) {
  const auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
  };
  const std::string_view range_spelling = engine::units::range_unit_spelling(var);
  if (factor_asked && same(range_spelling, var.unit))
    return factor && engine::units::plausibility_in_range_unit(var, value * *factor) ==
                         engine::units::Plausibility::implausible;
  if (same(range_spelling, unit))
    return engine::units::plausibility(var, value, written, written) == engine::units::Plausibility::implausible;
  std::optional<engine::units::Unit> range_spare;
  const auto& range_unit = unit_read(range_spelling, range_spare);
  return range_unit &&
         engine::units::plausibility(var, value, written, *range_unit) == engine::units::Plausibility::implausible;
}

// "/10", "/ 30": a score written out of its maximum ("pain > 4/10", "MMSE 24/30").
bool out_of_scale(std::string_view spelling) {
  std::size_t i = 0;
  while (i < spelling.size() && spelling[i] == ' ') ++i;
  if (i >= spelling.size() || spelling[i] != '/') return false;
  ++i;
  while (i < spelling.size() && spelling[i] == ' ') ++i;
  const std::size_t digits = i;
  while (i < spelling.size() && spelling[i] >= '0' && spelling[i] <= '9') ++i;
  return i > digits && i == spelling.size();
}

// The list of the variables one comparison() names (comparison nests: a guard inside one reads another, which takes
// the next list); a rare long list does not keep its room.
using VariableList = std::vector<const engine::Concept*>;
void give_back_variables(VariableList& list) { keep_small(list, 16); }
using VariablesScratch = NestedScratch<VariableList, give_back_variables>;

}  // namespace

const std::optional<engine::units::Unit>& unit_read(std::string_view spelling,
                                                    std::optional<engine::units::Unit>& spare) {
  // Open addressing over a fixed array, filled to three quarters at most; an entry, once made, stays where it is.
  static constexpr std::size_t kSlots = 64, kMaxKept = 48, kMaxLength = 32;
  struct Slot {
    bool used = false;
    std::string spelling;
    std::optional<engine::units::Unit> unit;
  };
  struct Table {
    std::array<Slot, kSlots> slots;
    std::size_t kept = 0;
  };
  thread_local Table table;
  // The slot of the spelling asked last, asked first: a range's two bounds, and most comparisons after another, read
  // the same unit (its spelling is never empty, so an empty one is never taken for it).
  thread_local const Slot* last = nullptr;
  if (last != nullptr && last->spelling.size() == spelling.size() &&
      std::memcmp(last->spelling.data(), spelling.data(), spelling.size()) == 0)
    return last->unit;
  if (spelling.empty() || spelling.size() > kMaxLength) return spare = engine::units::read_unit(spelling);
  for (std::size_t x = engine::short_string_hash(spelling) % kSlots;; x = (x + 1) % kSlots) {
    Slot& slot = table.slots[x];
    if (!slot.used) {
      if (table.kept >= kMaxKept) return spare = engine::units::read_unit(spelling);
      slot.unit = engine::units::read_unit(spelling);
      slot.spelling.assign(spelling);
      slot.used = true;
      ++table.kept;
      last = &slot;
      return slot.unit;
    }
    if (slot.spelling == spelling) {
      last = &slot;
      return slot.unit;
    }
  }
}

const engine::Concept* age_concept(const engine::Lexicon& lexicon) {
  // Kept for the thread: a line's Lowering lives one line, and most lines that compare years ask it once. The kept
  // pointer is taken only where it is one of this lexicon's concepts and its id is "age": ids are unique, so it is
  // then the one find gives, whatever lexicon the thread parsed with before (one freed and another at its address).
  thread_local const engine::Concept* kept = nullptr;
  const std::vector<engine::Concept>& all = lexicon.concepts();
  const std::less<const engine::Concept*> before;
  if (kept != nullptr && !before(kept, all.data()) && before(kept, all.data() + all.size()) &&
      equals_literal(kept->id, "age"))
    return kept;
  const engine::Concept* found = lexicon.find("age");
  if (found != nullptr) kept = found;
  return found;
}

// "38 degrees Celsius (C)", "2 hours (hr)": the unit just written, abbreviated in parentheses at k.
bool Lowering::unit_restated_at(std::size_t k, std::size_t e, std::string_view ucum) const {
  if (ucum.empty() || k + 2 >= e || toks_[k].kind != Tok::lparen || toks_[k + 2].kind != Tok::rparen ||
      (toks_[k + 1].kind != Tok::word && toks_[k + 1].kind != Tok::filler))
    return false;
  const std::string_view w = slice(toks_[k + 1].begin, toks_[k + 1].end);
  if (const auto u = resolve_unit(w); u && *u == ucum) return true;
  // "(C)", "(F)": the degree sign left out
  const auto degrees = resolve_unit(std::string("\u00b0") + std::string(w));
  return degrees && *degrees == ucum && (ucum == "Cel" || ucum == "[degF]");
}

// Nouns that make a threshold about how a measure changed, not about the measure: "changes in body weight
// more than 10 pounds", "weight loss > 5%", "a decrease in eGFR of 25%" (the adjectives of a level,
// "increased ALT > 3 x ULN", "reduced LVEF < 40%", still name the measure itself).
bool change_word(std::string_view word) {
  static constexpr std::string_view words[] = {
      "change", "changes", "variation", "variations", "fluctuation", "fluctuations", "increase", "increases",
      "decrease", "decreases", "reduction", "reductions", "loss", "gain", "drop", "drops", "rise", "rises",
      "decline", "declines", "difference", "variability", "doubling", "fall", "improvement", "worsening",
      "deterioration", "delta", "reversibility", "increment", "increments", "improvements"};
  static constexpr WordList list(words);  // (asked of words of unread text: most refused by length and letter)
  return list.contains(word);
}

std::optional<Node> Lowering::cmp_node(const engine::Concept& var, Comparator c, const Quantity& q,
                                       std::uint32_t begin, std::uint32_t end) {
  // (Built where the caller receives it: the Cmp is made in its node, not moved into the optional.)
  std::optional<Node> result;
  if (!cmp_into(result.emplace(), var, c, q, begin, end)) result.reset();
  return result;
}

bool Lowering::cmp_into(Node& node, const engine::Concept& var, Comparator c, const Quantity& q, std::uint32_t begin,
                        std::uint32_t end) {
  // A unit borrowed from the threshold beside it ("< 3.5 or > 5.5 mEq/L") has no spelling here: problems
  // with it point at the whole comparison.
  Quantity borrowed;
  if (q.unit_end <= q.unit_begin && !q.unit.empty()) {
    borrowed = q;
    borrowed.unit_begin = begin;
    borrowed.unit_end = end;
    if (borrowed.unit_spelling.empty()) borrowed.unit_spelling = q.unit;
  }
  const Quantity& unit_q = borrowed.unit.empty() ? q : borrowed;
  // "> 140/90" on anything but a score ("MMSE 24/30" is out of 30): a second number, never a unit "per 90".
  if (!equals_literal(var.unit, "1") && number_after_slash(q.unit_spelling)) {
    std::string_view sp = q.unit_spelling;
    sp.remove_prefix(std::min(sp.find_first_not_of(' '), sp.size()));
    warn(fmt::format("'{}' after a threshold of '{}' is a second number, not a unit; kept as text", sp, var.id), begin, end);
    return false;
  }
  engine::Cmp& out = node.kind.emplace<engine::Cmp>();
  node.span = {begin, end};
  out.var = var.id;
  // (The Cmp was just made: its code is empty, and stays so where the variable has none, as age has none, with no
  // call to assign an empty one.)
  if (const std::string_view loinc = var.code("loinc"); !loinc.empty()) out.loinc.assign(loinc);
  out.cmp = c;
  out.value = q.value;
  if (q.unit_unknown) {
    warn(fmt::format("unit '{}' not known; '{}' kept as text", unit_q.unit_spelling, var.id), unit_q.unit_begin, unit_q.unit_end);
    return false;
  }
  if (q.relative_to != engine::RelativeTo::none) {
    if (var.kind != engine::ConceptKind::lab) {
      warn(fmt::format("a multiple of a normal limit does not fit '{}'", var.id), begin, end);
      return false;
    }
    out.relative_to = q.relative_to;
    return true;
  }
  std::string unit(q.unit);
  // "temperature > 38 degrees": the degrees of a temperature are °C, or °F where only those are plausible.
  if (equals_literal(unit, "deg") && !var.unit.empty()) {
    const auto canonical = engine::units::read_unit(var.unit);
    if (canonical && canonical->dimension == engine::units::Dimension::temperature) {
      std::string read;
      for (const char* candidate : {"Cel", "[degF]"}) {
        const auto u = engine::units::read_unit(candidate);
        if (u && engine::units::plausibility(var, q.value, *u) == engine::units::Plausibility::plausible) {
          read = candidate;
          break;
        }
      }
      if (read.empty()) {
        warn(fmt::format("'{}' of '{}' is neither a plausible °C nor °F", unit_q.unit_spelling, var.id), begin, end);
        return false;
      }
      warn(fmt::format("'{}' of '{}' read as {}", unit_q.unit_spelling, var.id, read), unit_q.unit_begin, unit_q.unit_end);
      unit = read;
    }
  }
  // "IOP > 20 mm", "BP < 140/90 mm": the "Hg" of a pressure left off; a length never measures one.
  if (equals_literal(unit, "mm") && equals_literal(var.unit, "mm[Hg]")) {
    warn(fmt::format("'{}' of '{}' read as mm[Hg]", unit_q.unit_spelling, var.id), unit_q.unit_begin, unit_q.unit_end);
    unit = "mm[Hg]";
  }
  bool convertible = true;
  // The written unit as read_unit reads it, where the conversion test below read it already (the plausibility
  // test reads the same string: read once per comparison, not twice). Both units are read through unit_read's
  // per-thread table (into the spares only where the table does not keep them).
  std::optional<engine::units::Unit> written_spare, canonical_spare;
  const std::optional<engine::units::Unit>* written_read = nullptr;
  // Set where the conversion test below found the factor from the written unit to the variable's: the plausible
  // range is most often in the variable's unit, and its test then takes that factor (the same double
  // conversion_factor gives it) instead of reading the range's unit and asking for the factor again.
  std::optional<double> factor_to_var_unit;
  bool var_unit_factor_asked = false;
  // Set where customary_unit_only has read the unit and found the value not implausible in it: the test below
  // would read the same unit and ask the same question again (both answers depend on their arguments alone).
  bool plausible_in_unit = false;
  if (unit.empty()) {
    // (The unit is empty here: its one byte written inline, where assigning a literal calls out of line.)
    if (equals_literal(var.id, "age")) unit.push_back('a');  // "Age ≤18": a bare age is in years
    else if (equals_literal(var.unit, "1")) unit.push_back('1');
    else if (!var.units_by_size.empty()) {
      // The lexicon says which unit a number of this size is in ("ANC ≥ 1500" per µL, "ANC ≥ 1.5" 10^9/L).
      const auto* span = var.unit_by_size(q.value);
      if (!span) {
        warn(fmt::format("no unit written for '{}', and {} is of no size its unit can be told from; kept as text",
                         var.id, q.value),
             begin, end);
        return false;
      }
      warn(fmt::format("no unit written for '{}': {} read in {}, the unit a number of that size is in", var.id,
                       q.value, span->unit),
           begin, end);
      unit = span->unit;
    } else if (customary_unit_only(var, q.value)) {  // "BMI > 30", "LVEF < 40", "SBP ≥ 140"
      unit = var.unit;
      plausible_in_unit = true;
    } else {
      warn(fmt::format("no unit written for '{}'; kept as text", var.id), begin, end);
      return false;
    }
  } else if (equals_literal(var.unit, "1")) {
    if (!equals_literal(unit, "%") && !equals_literal(unit, "1") && !out_of_scale(q.unit_spelling)) {
      warn(fmt::format("unit '{}' does not fit the score '{}'", unit_q.unit_spelling, var.id), unit_q.unit_begin, unit_q.unit_end);
      return false;
    }
    unit = "1";  // "Karnofsky ≥ 70%", "MMSE ≥ 24/30": the score's own scale
  } else if (is_time_unit(var.unit) != is_time_unit(unit)) {  // (asked only of a unit written: a bare one never is)
    warn(fmt::format("unit '{}' does not fit '{}'", unit_q.unit_spelling, var.id), unit_q.unit_begin, unit_q.unit_end);
    return false;
  } else if (!var.unit.empty()) {
    written_read = &unit_read(unit, written_spare);
    const auto& written = *written_read;
    // (A unit written as the variable's own is read once: read_unit's answer depends on the spelling alone.)
    const auto& canonical = unit == var.unit ? written : unit_read(var.unit, canonical_spare);
    if (written && canonical) {
      factor_to_var_unit = engine::units::conversion_factor(*written, *canonical, var.molar_mass);
      var_unit_factor_asked = true;
    }
    // Whether it converts is asked of every typed comparison; the reason is formatted only where it does not.
    if (written && canonical && !factor_to_var_unit) {
      const auto conv = engine::units::conversion(*written, *canonical, var.molar_mass);
      if (const auto* err = std::get_if<engine::units::ConversionError>(&conv)) {
        convertible = false;
        // "HbA1c > 48 mmol/mol", "potassium > 5.5 mEq/L", "FEV1 ≥ 70%": the threshold is kept as written; a
        // record in that unit is compared, any other is unknown with the reason (never a wrong factor).
        warn(fmt::format("unit '{}' cannot be converted to the {} of '{}' ({}): only a value recorded in {} is "
                         "compared",
                         unit_q.unit_spelling, var.unit, var.id, err->message, unit),
             unit_q.unit_begin, unit_q.unit_end);
      }
    }
  }
  if (var.plausible && convertible && !plausible_in_unit) {
    // A value its unit makes implausible is either a typo in the unit ("176.8 (mol/L)" for creatinine,
    // a lost µ), corrected with a warning, or a value to flag.
    if (!written_read) written_read = &unit_read(unit, written_spare);
    const auto& written = *written_read;
    if (written && implausible(var, q.value, unit, *written, var_unit_factor_asked, factor_to_var_unit)) {
      if (auto fix = engine::units::correct_unit_by_plausibility(var, q.value, unit)) {
        warn(fix->warning.empty() ? fmt::format("unit '{}' read as '{}' (likely typo)", q.unit_spelling, fix->unit.ucum)
                                  : std::move(fix->warning),
             unit_q.unit_begin, unit_q.unit_end);
        unit = std::move(fix->unit.ucum);
      } else {
        // "Haemoglobin ≥10mg/dL" (g/dL meant): compared as written it would pass every patient, and which
        // unit was meant is a guess, so a person reads it.
        warn(fmt::format("{} {} is outside the plausible range of '{}': kept as text", q.value, unit, var.id), begin, end);
        return false;
      }
    }
  }
  out.unit = std::move(unit);
  return true;
}

// "Age at diagnosis", "age at the time of first symptoms" in [from, to): an age at another moment than
// the matching (those moments, "at screening", "at enrollment", are filler phrases, never a bare "at").
bool Lowering::age_at_other_moment(std::size_t from, std::size_t to) const {
  for (std::size_t x = from; x + 1 < to; ++x)
    if (toks_[x + 1].kind == Tok::filler && is_measured(x) && equals_literal(toks_[x].entry->id, "age") &&
        iequals(slice(toks_[x + 1].begin, toks_[x + 1].end), "at"))
      return true;
  return false;
}

std::optional<std::size_t> Lowering::comparison(std::size_t i, std::size_t e, Node& out, bool* no_threshold_at_i) {
  // Most tokens the walk asks start none: no measure named, no number or comparator, and no threshold after fillers
  // (each reading below needs one of those: refused here before any is set up).
  if (const Tok k = toks_[i].kind; k != Tok::quantity && k != Tok::cmp && !is_measured(i) && !threshold_may_start(i, e)) {
    if (no_threshold_at_i) *no_threshold_at_i = true;  // (fresh_threshold(i, e) asks threshold_may_start first)
    return std::nullopt;
  }
  // (chained_comparison's own first test made here, the same: most tokens asked start no chain, and the call cost more
  // than the test.)
  if (toks_[i].kind == Tok::quantity && i + 2 < e && toks_[i + 1].kind == Tok::cmp && is_measured(i + 2))
    if (auto k = chained_comparison(i, e, out)) return k;
  // "> GINA 2", "greater than NYHA class 2": the comparator before a score's name and its value.
  if (toks_[i].kind == Tok::cmp && i + 2 < e && is_measured(i + 1) &&
      equals_literal(toks_[i + 1].entry->unit, "1") && toks_[i + 1].entry->kind == engine::ConceptKind::score) {
    std::size_t v = i + 2;
    while (v < e && toks_[v].kind == Tok::word && v < i + 4 && !class_value(v)) ++v;  // "class", "stage"
    if (v < e) {
      if (const auto value = class_value(v)) {
        const auto& var = *toks_[i + 1].entry;
        if (var.plausible && *value >= var.plausible->low && *value <= var.plausible->high) {
          Quantity q;
          q.value = *value;
          q.unit = "1";
          if (auto n = cmp_node(var, toks_[i].cmp, q, toks_[i].begin, toks_[v].end)) {
            out = std::move(*n);
            return v + 1;
          }
        }
      }
    }
  }
  std::size_t j = i;
  VariablesScratch vars_scratch;
  std::vector<const engine::Concept*>& vars = vars_scratch.get();
  // The tokens that named the first, the second and the last variable, and the connectors between them (the first,
  // the last, whether any is "or" or "and"): all that is asked of them (kept in place, not in lists made per call).
  std::size_t first_var_tok = 0, second_var_tok = 0, last_var_tok = 0;
  Conn first_join = Conn::none, last_join = Conn::none;
  bool or_join = false, and_join = false;
  // (On the heap, made where a guard is read: an empty optional<Node> here had its 216 bytes zeroed at every call,
  // ~10,000 a pass, for the few comparisons that have a guard inside.)
  std::unique_ptr<Node> inner_guard;
  if (j < e && is_measured(j)) {
    // A change of the measure is another quantity: the threshold is not the measure's.
    for (std::size_t x = j > 3 ? j - 3 : 0; x <= j + 1 && x < e; ++x)
      if (x != j && (toks_[x].kind == Tok::word || toks_[x].kind == Tok::filler) && change_word(slice(toks_[x].begin, toks_[x].end)))
        return std::nullopt;
    // "Age at diagnosis ≥ 18", "age at first symptom onset": the age at another moment, not today's.
    if (j + 1 < e && toks_[j + 1].kind == Tok::filler && age_at_other_moment(j, j + 2)) return std::nullopt;
    if (qualified_as_other_quantity(j)) return std::nullopt;
    // "school-aged children (aged 7-17)", "reproductive-aged": a word glued before "aged" says of whom.
    if (equals_literal(toks_[j].entry->id, "age") && toks_[j].begin >= 2 && text_[toks_[j].begin - 1] == '-' &&
        std::isalpha(static_cast<unsigned char>(text_[toks_[j].begin - 2])))
      return std::nullopt;
    vars.push_back(toks_[j].entry);
    first_var_tok = last_var_tok = j;
    ++j;
    for (;;) {
      while (j < e) {
        if (toks_[j].kind == Tok::lparen) {
          // "(ALT)": the abbreviation of the name before it
          if (j + 2 < e && is_measured(j + 1) && toks_[j + 1].entry == vars.back() && toks_[j + 2].kind == Tok::rparen) {
            j += 3;
            continue;
          }
          Node g;
          if (!inner_guard) {
            if (auto k = guard(j, e, g)) {
              inner_guard = std::make_unique<Node>(std::move(g));
              j = *k;
              continue;
            }
          }
          break;
        }
        if (neutral(j) || (is_measured(j) && toks_[j].entry == vars.back())) { ++j; continue; }
        break;
      }
      if (j < e && is_join(toks_[j].kind)) {
        std::size_t k = j + 1;
        while (k < e && (toks_[k].kind == Tok::filler)) ++k;
        if (k < e && is_measured(k) && toks_[k].entry != vars.back()) {
          const Conn join = conn_of(toks_[j].kind);
          if (vars.size() == 1) {
            first_join = join;
            second_var_tok = k;
          }
          last_join = join;
          or_join = or_join || join == Conn::or_;
          and_join = and_join || join == Conn::and_;
          vars.push_back(toks_[k].entry);
          last_var_tok = k;
          j = k + 1;
          continue;
        }
      }
      break;
    }
  }
  // "FEV1 [forced expiratory volume] / FVC [forced vital capacity] < 70%": two measures over a slash that the
  // lexicon names together are their ratio, not a list.
  if (vars.size() == 2 && first_join == Conn::slash) {
    const std::string together = std::string(slice(toks_[first_var_tok].begin, toks_[first_var_tok].end)) + "/" +
                                 std::string(slice(toks_[second_var_tok].begin, toks_[second_var_tok].end));
    const auto m = lexicon_.match_name_at(together, 0);
    if (m && m->entry && m->length == together.size() && engine::is_measured(m->entry->kind)) {
      vars = {m->entry};
      first_join = last_join = Conn::none;
      or_join = and_join = false;
    }
  }
  LocalMade<Threshold> th_made;  // (lower_local_node.hpp: not zero-filled first)
  Threshold& th = th_made.value;
  // (With no variable named the span is the walk's bare threshold's next, where this reading fails: kept for it. After
  // a variable's name it is asked by no other reading, and read without the memo.)
  auto k = vars.empty() ? fresh_threshold(j, e, th) : threshold_read(j, e, th);
  // "a minimum life expectancy of 12 weeks", "maximum BMI of 30": the bound named before the variable.
  if (!k && vars.size() == 1 && i > 0 && toks_[i - 1].kind == Tok::word) {
    const std::string w = lower_ascii(slice(toks_[i - 1].begin, toks_[i - 1].end));
    const bool minimum = equals_literal(w, "minimum") || equals_literal(w, "minimal");
    const bool maximum = equals_literal(w, "maximum") || equals_literal(w, "maximal");
    std::size_t q = j;
    while (q < e && toks_[q].kind == Tok::filler) ++q;
    if ((minimum || maximum) && q < e && toks_[q].kind == Tok::quantity && q > i + 1 &&
        equals_literal(slice(toks_[q - 1].begin, toks_[q - 1].end), "of")) {
      th.cmp = minimum ? Comparator::ge : Comparator::le;
      th.value = toks_[q].quantity;
      k = q + 1;
    }
  }
  // "Age (20-50)", "(age >/= 18)": the threshold in parentheses after its variable.
  if (!k && !vars.empty() && j + 1 < e && toks_[j].kind == Tok::lparen) {
    k = threshold(j + 1, e, th);
    if (k && (*k >= e || toks_[*k].kind != Tok::rparen)) k.reset();
    if (k) ++*k;
  }
  // "Weight exceeding the weight limit of the PET imaging table (500 pounds)": a limit named in words, its
  // value in parentheses after them.
  if (!k && vars.size() == 1 && j < e && toks_[j].kind == Tok::cmp) k = named_limit(j, e, th);
  if (!k && vars.size() == 1 && !inner_guard) {
    // (Without the zero-fill of a local Node: most names asked here have no class values, and both readings assign
    // their whole node where they read one.)
    LocalNode classes;
    if (auto c = class_values(j, e, *vars.front(), classes.node)) {
      out = std::move(classes.node);
      return c;
    }
    // (From right after the name: the capital "A" of "Child-Pugh A" was passed over as an article.)
    if (auto c = letter_class_values(last_var_tok + 1, e, *vars.front(), classes.node)) {
      out = std::move(classes.node);
      return c;
    }
  }
  if (!k && !vars.empty() && !inner_guard) {
    if (const auto r = normal_range_at(j, e)) {
      // "TSH within normal limits", "AST and ALT within the institutional normal range": between the
      // patient's own limits of normal (the evaluator reads them from the lab's range, or the lexicon's).
      // "FSH within normal limits (1-12 IU/l)": the limits written out are the ones meant.
      if (vars.size() == 1 && *r + 2 < e && toks_[*r].kind == Tok::lparen) {
        Threshold written;
        const auto w = fresh_threshold(*r + 1, e, written);
        if (w && written.high && *w < e && toks_[*w].kind == Tok::rparen) {
          const std::size_t mark = diags_.size();
          if (auto n = threshold_node(*vars.front(), written, toks_[i].begin, toks_[*w].end)) {
            out = std::move(*n);
            return *w + 1;
          }
          diags_.resize(mark);
          return std::nullopt;
        }
      }
      std::vector<Node> each;
      for (const engine::Concept* v : vars) {
        if (v->kind != engine::ConceptKind::lab) return std::nullopt;
        Quantity low, high;
        low.value = high.value = 1;
        low.relative_to = engine::RelativeTo::lln;
        high.relative_to = engine::RelativeTo::uln;
        auto lo = cmp_node(*v, Comparator::ge, low, toks_[i].begin, toks_[*r - 1].end);
        auto hi = cmp_node(*v, Comparator::le, high, toks_[i].begin, toks_[*r - 1].end);
        if (!lo || !hi) return std::nullopt;
        each.push_back(engine::make_all({std::move(*lo), std::move(*hi)}, {toks_[i].begin, toks_[*r - 1].end}));
      }
      const bool any = or_join;
      if (any && and_join) return std::nullopt;
      out = each.size() == 1 ? std::move(each.front())
            : any ? engine::make_any(std::move(each), {toks_[i].begin, toks_[*r - 1].end})
                  : flatten(engine::make_all(std::move(each), {toks_[i].begin, toks_[*r - 1].end}));
      return r;
    }
  }
  if (!k) {
    // (With no variable named, j is i: no measure is named at i. threshold(i, e) on a fresh Threshold is this
    // fresh_threshold's answer, the memo's: refused.)
    if (no_threshold_at_i && vars.empty()) *no_threshold_at_i = true;
    return std::nullopt;
  }
  if (vars.empty()) {
    // "> 3 months life expectancy", "Greater than 37 weeks gestation": the variable after its threshold.
    // (A guard, docs/lowering-guards.md: whether a class word stands before is asked only where variable_after reads
    // the answer, at an "of" among the fillers after the threshold, which it walks past a genitive's apostrophe first;
    // this passes any token of kind other there. Elsewhere class_word_before's look back was made for nothing.)
    const auto of_after = [&](std::size_t x) {
      if (x < e && toks_[x].kind == Tok::other) ++x;
      for (; x < e && toks_[x].kind == Tok::filler; ++x)
        if (equals_literal(slice(toks_[x].begin, toks_[x].end), "of")) return true;
      return false;
    };
    if (const auto after = variable_after(*k, e, th, of_after(*k) && class_word_before(i))) {
      vars.push_back(toks_[*after].entry);
      k = *after + 1;
      // "> 10% total body surface area (TBSA)": the name's abbreviation restated after it.
      if (*k + 2 < e && toks_[*k].kind == Tok::lparen && is_measured(*k + 1) && toks_[*k + 1].entry == vars.back() &&
          toks_[*k + 2].kind == Tok::rparen)
        *k += 3;
    }
  }
  if (!read_gestation(vars, i, th)) return std::nullopt;
  if (vars.empty()) {
    // "≥16 years of age", "older than 60", "18 years or older": the variable is the age.
    const bool time = is_time_unit(th.value.unit) || th.value.unit.empty();
    // (The age's concept is looked up where it is first needed: most pieces here are refused before.)
    const engine::Concept* age = nullptr;
    bool age_looked_up = false;
    const auto age_concept = [&] {
      if (!age_looked_up) age = detail::age_concept(lexicon_);
      age_looked_up = true;
      return age;
    };
    // "20-70 age", "18-65 years age": the age named after its values, ending the item.
    // (The age's concept is the one of id "age": asked by its id, the lexicon's lookup made only where it is taken.)
    if (*k < e && is_measured(*k) && equals_literal(toks_[*k].entry->id, "age") &&
        (th.value.unit.empty() || equals_literal(th.value.unit, "a"))) {
      const std::size_t after = skip_neutral(*k + 1, e);
      if (after >= e || toks_[after].kind == Tok::comma || toks_[after].kind == Tok::semicolon ||
          toks_[after].kind == Tok::period) {
        th.implies_age = true;
        ++*k;
      }
    }
    // A piece that is nothing but a span of years ("-  18-65 years") is the age the criterion asks for.
    const bool bare_years = equals_literal(th.value.unit, "a") && i == sequence_begin_ &&
                            skip_neutral(*k, e) == sequence_end_ && e == sequence_end_;
    // (The unit asked first: the readings of people's years, pure, are asked only of a time or no unit.)
    if (!time || !(th.implies_age || bare_years || years_item(i, *k, e, th) || names_people(i, *k, e, th)) || !age_concept())
      return std::nullopt;
    // "Age at the time of diagnosis 18 years or older": the years are that age's, not today's.
    if (age_at_other_moment(sequence_begin_, i)) return std::nullopt;
    vars.push_back(age_concept());
  }
  // "Systolic/diastolic blood pressure > 140/90": the two named over a slash take the pair in order.
  const bool pressures = vars.size() == 2 && first_join == Conn::slash && equals_literal(vars[0]->id, "systolic_bp") &&
                         equals_literal(vars[1]->id, "diastolic_bp");
  if ((vars.size() == 1 && equals_literal(vars.front()->id, "blood_pressure")) || pressures) {
    if (auto bp = pressure_pair(*k, e, th, toks_[i].begin)) {
      out = std::move(bp->first);
      return bp->second;
    }
  }
  // "at least one parent and one child, aged 12-18": an age in a piece about other people is theirs.
  for (const auto* var : vars)
    if (equals_literal(var->id, "age") && (other_person_named(i) || age_of_another_moment(i, *k, e)))
      return std::nullopt;
  // "HDL-C <50/40 mg/dl; F/M", "≥1.5 and ≥1.4 mg/dL in males and females respectively": a limit for each sex.
  if (vars.size() == 1 && !inner_guard) {
    // (Each reading asked only where its own first tests pass, lower_sex_starts.hpp: a guard, docs/lowering-guards.md.
    // Both refuse a range at once.)
    const bool pair_may = sex_pair_may_start(th.value.unit_spelling);
    const bool tail_may = respective_tail_may_start(toks_, *k, e);
    if (!th.high && (pair_may || tail_may)) {
      const std::size_t mark = diags_.size();
      std::optional<std::pair<Node, std::size_t>> sexes;
      if (pair_may) sexes = sex_pair(*k, e, *vars.front(), th, toks_[i].begin);
      if (!sexes && tail_may) sexes = respective_limits(*k, e, *vars.front(), th, toks_[i].begin);
      if (sexes) {
        out = std::move(sexes->first);
        return sexes->second;
      }
      if (diags_.size() != mark) diags_.resize(mark);  // (most often nothing was written: no call)
    }
    // "≥1.5 and 1.4 mg/dL in males or females respectively": values paired with a list the grammar could
    // not read; the first is not everyone's limit.
    // (Through the scan kept for the line: every comparison of a piece asks to its end.)
    if (respectively_scan_.any_in(*k, e, [&](std::size_t x) {
          return toks_[x].kind == Tok::word && iequals(slice(toks_[x].begin, toks_[x].end), "respectively");
        }))
      return std::nullopt;
  }
  borrow_unit(*k, e, th);
  if (*k + 2 < e && toks_[*k].kind == Tok::lparen && unit_restated_at(*k, e, th.high ? th.high->unit : th.value.unit))
    *k += 3;
  // "FEV1 <80% predicted": a percent of the predicted value, not the volume (lower_predicted.cpp).
  if (vars.size() == 1 && !equals_literal(vars.front()->unit, "%") && equals_literal(th.value.unit, "%") &&
      (!th.high || equals_literal(th.high->unit, "%")))
    if (const auto predicted = percent_predicted_at(*vars.front(), *k, e)) {
      if (!predicted->first) return std::nullopt;
      vars.front() = predicted->first;
      k = predicted->second;
    }
  // "Gestational age < 32 weeks of gestation": the variable named again after its value.
  if (vars.size() == 1) {
    std::size_t x = *k;
    if (x < e && toks_[x].kind == Tok::filler && iequals(slice(toks_[x].begin, toks_[x].end), "of")) ++x;
    else if (x < e && toks_[x].kind == Tok::other && (equals_literal(slice(toks_[x].begin, toks_[x].end), "'") ||
                                                     equals_literal(slice(toks_[x].begin, toks_[x].end), "\u2019")))
      ++x;  // "37 weeks' gestation"
    if (x < e && is_measured(x) && toks_[x].entry == vars.front()) k = x + 1;
  }
  const auto begin = toks_[i].begin;
  const auto end = toks_[*k - 1].end;
  // Built in `out` itself: nothing below refuses the reading once it is there.
  Node& joined = out;
  if (vars.size() == 1 && !th.high) {
    // One variable, one bound (most comparisons): no list of them. (Where none is read, `out` is the caller's to drop.)
    if (!cmp_into(joined, *vars.front(), th.cmp, th.value, begin, end)) return std::nullopt;
  } else if (vars.size() == 1) {
    // One variable, two bounds ("Age 18-64"): the all() of the bounds built in `out` itself, as make_all builds it (a
    // list of one per variable was made, moved from and destroyed). Both are read, each with its warnings, before
    // either answer is asked.
    std::vector<Node>& bounds = joined.kind.emplace<engine::All>().args;
    joined.span = {begin, end};
    bounds.resize(2);
    const bool low_read = cmp_into(bounds[0], *vars.front(), Comparator::ge, th.value, begin, end);
    const bool high_read = cmp_into(bounds[1], *vars.front(), th.high_cmp, *th.high, begin, end);
    if (!low_read || !high_read) return std::nullopt;
  } else {
    std::vector<Node> per_var;
    for (const auto* var : vars) {
      if (th.high) {
        // (Both bounds built in the list make_all takes: a list made from two nodes copied them. Both are read,
        // each with its warnings, before either answer is asked.)
        std::vector<Node> bounds(2);
        const bool low_read = cmp_into(bounds[0], *var, Comparator::ge, th.value, begin, end);
        const bool high_read = cmp_into(bounds[1], *var, th.high_cmp, *th.high, begin, end);
        if (!low_read || !high_read) return std::nullopt;
        per_var.push_back(engine::make_all(std::move(bounds), {begin, end}));
      } else {
        if (!cmp_into(per_var.emplace_back(), *var, th.cmp, th.value, begin, end)) return std::nullopt;
      }
    }
    if (per_var.size() == 1) {
      joined = std::move(per_var.front());
    } else {
      // "AST or ALT": any; "AST and ALT": all; "ALT/AST ≤ 3×ULN": each within the limit, while
      // "ALT/AST > 3×ULN" is either above it (the two readings are each other's negation).
      bool any = false;
      const Conn last = last_join;
      if (last == Conn::or_) any = true;
      else if (last == Conn::and_) any = false;
      else any = !th.high && (th.cmp == Comparator::gt || th.cmp == Comparator::ge);
      joined = any ? engine::make_any(std::move(per_var), {begin, end}) : engine::make_all(std::move(per_var), {begin, end});
    }
  }
  // "HbA1c > 47 mmol/mol (> 6.4%)", "weight < 45 kg (100 pounds)", "(or 6.5%)": the same bound restated in
  // another unit; either reading decides, so a record in either unit is compared.
  if (vars.size() == 1 && !th.high && *k + 2 < e && toks_[*k].kind == Tok::lparen) {
    std::size_t x = *k + 1;
    if (toks_[x].kind == Tok::or_) ++x;
    Comparator again = th.cmp;
    if (x < e && toks_[x].kind == Tok::cmp) again = toks_[x++].cmp;
    if (again == th.cmp && x + 1 < e && toks_[x].kind == Tok::quantity && toks_[x + 1].kind == Tok::rparen &&
        !toks_[x].quantity.unit.empty() && toks_[x].quantity.unit != th.value.unit) {
      const std::size_t mark = diags_.size();
      if (auto restated = cmp_node(*vars.front(), again, toks_[x].quantity, toks_[*k].begin, toks_[x + 1].end)) {
        joined = engine::make_any({std::move(joined), std::move(*restated)}, {begin, toks_[x + 1].end});
        k = x + 2;
      } else {
        diags_.resize(mark);
      }
    }
  }
  if (vars.size() == 1)
    if (const auto d = formula_after(*k, e, *vars.front())) k = *d;
  if (*k + 1 < e && unit_note_at(*k + 1)) k = *k + 5;  // "PEEP ≤ 8 cmH2O (1 cmH2O = 0.098 kPa)"
  if (inner_guard) joined = engine::make_if(std::move(*inner_guard), std::move(joined), {begin, end});
  // "Total bilirubin ≤ 1.5 × ULN (unless Gilbert's syndrome)", "INR ≤ 1.5 unless on anticoagulant therapy": the
  // limit holds for the patients without it.
  if (!inner_guard)
    if (*k + 1 < e && (toks_[*k].kind == Tok::lparen || toks_[*k].kind == Tok::exception))
      if (auto u = unless_after(*k, e)) {
        joined =
            engine::make_if(engine::make_not(std::move(u->first)), std::move(joined), {begin, toks_[u->second - 1].end});
        k = u->second;
      }
  return k;
}

// "within normal limits", "within the institutional normal range", "in the normal range", "WNL": the end of
// the phrase starting at j, if one does.
std::optional<std::size_t> Lowering::normal_range_at(std::size_t j, std::size_t e) const {
  auto word = [&](std::size_t x, std::initializer_list<std::string_view> words) {
    if (x >= e) return false;
    const std::string_view w = slice(toks_[x].begin, toks_[x].end);
    for (auto candidate : words)
      if (iequals(w, candidate)) return true;
    return false;
  };
  if (word(j, {"wnl"})) return j + 1;
  if (!word(j, {"within", "in"})) return std::nullopt;
  std::size_t x = j + 1;
  if (word(x, {"the"})) ++x;
  if (word(x, {"institutional", "laboratory", "local", "site"})) ++x;
  if (!word(x, {"normal", "reference"})) return std::nullopt;
  ++x;
  if (word(x, {"reference"})) ++x;
  if (!word(x, {"limits", "limit", "range", "ranges", "values"})) return std::nullopt;
  return x + 1;
}

}  // namespace trialmatch::grammar::detail
