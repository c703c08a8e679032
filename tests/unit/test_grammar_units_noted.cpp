// The unit rule notes the unit of each plain spelling it reads (unit_spelling_length_noted, GrammarState::note_unit),
// and reading a quantity's token takes it from there instead of resolving the spelling again. The oracle is the old
// form, resolve_unit of the spelling (the bytes less a leading '-'): at every position of the golden lines, as
// written and in upper case; and every quantity token of those lines against the same token read where the notes
// have no room left (each unit resolved again, as before), with more units in a line than are noted too.
#include <doctest/doctest.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/custom_rules.hpp"
#include "../../grammar/src/tokens.hpp"
#include "../../grammar/src/units_read.hpp"
#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

namespace g = trialmatch::grammar;
using trialmatch::engine::Lexicon;

namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// What read_quantity resolved before: the spelling of the unit's bytes, less the hyphen of "6-month".
std::string_view spelling_of(std::string_view text, std::size_t begin, std::size_t end) {
  std::string_view s = text.substr(begin, end - begin);
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  return s;
}

// Units enough to fill the state's room (each "N mg" is a plain unit the rule notes), before a ';' that ends them.
constexpr std::string_view kRoomFilled = "1 mg ; 2 mg ; 3 mg ; 4 mg ; 5 mg ; 6 mg ; 7 mg ; 8 mg ; 9 mg ; ";

// Each quantity token of the line read alone (its units from the notes, where there is room) against the same
// token read after kRoomFilled (no room left: each unit resolved again from its spelling, the old form): the same
// unit, spelling, value and unknown flag. Returns the quantities with a unit compared.
std::size_t check_quantity_units(const std::string& line, const Lexicon& lexicon, const g::TokenizerTables& tables) {
  std::vector<g::Token> alone, resolved;
  g::tokenize(line, lexicon, alone, &tables);
  const std::string longer = std::string(kRoomFilled) + line;  // (alive while its tokens' views are read)
  g::tokenize(longer, lexicon, resolved, &tables);
  std::size_t compared = 0;
  for (const g::Token& t : alone) {
    if (t.kind != g::Tok::quantity || t.quantity.unit_spelling.empty()) continue;
    const auto at = static_cast<std::uint32_t>(t.begin + kRoomFilled.size());
    for (const g::Token& r : resolved) {
      if (r.begin != at || r.kind != g::Tok::quantity) continue;
      ++compared;
      if (r.quantity.unit != t.quantity.unit || r.quantity.unit_unknown != t.quantity.unit_unknown ||
          r.quantity.unit_spelling != t.quantity.unit_spelling || r.quantity.value != t.quantity.value) {
        INFO("line: \"" << line << "\" unit: \"" << t.quantity.unit_spelling << "\"");
        CHECK(std::string_view(r.quantity.unit) == std::string_view(t.quantity.unit));
        CHECK(r.quantity.unit_unknown == t.quantity.unit_unknown);
        CHECK(r.quantity.value == t.quantity.value);
      }
    }
  }
  return compared;
}

}  // namespace

TEST_CASE("a plain unit's spelling noted as read resolves as the spelling does, at every position of the golden lines") {
  std::size_t noted = 0, compared = 0;
  for (const std::string& written : golden_support::all_criterion_lines())
    for (const std::string& line : {written, upper(written)})
      for (std::size_t pos = 0; pos <= line.size(); ++pos) {
        g::GrammarState state{line, nullptr};
        const std::size_t length = g::unit_spelling_length_noted(state, pos);
        ++compared;
        if (length != g::unit_spelling_length(line, pos) || state.units_noted > 1) {  // (a check per position: millions)
          INFO("line: \"" << line << "\" @" << pos);
          CHECK(length == g::unit_spelling_length(line, pos));
          CHECK(state.units_noted <= 1);
        }
        if (state.units_noted == 0) continue;
        ++noted;
        const auto unit = state.unit_noted(pos, pos + length);
        const auto expected = g::resolve_unit(spelling_of(line, pos, pos + length));
        if (!unit || !expected || *expected != *unit || line[pos] == '(') {
          INFO("line: \"" << line << "\" @" << pos);
          CHECK(unit.has_value());
          CHECK(expected.has_value());
          CHECK(unit.value_or("(none)") == expected.value_or("(none)"));
          CHECK(line[pos] != '(');  // (in parentheses, the spelling read is not the token's: not noted)
        }
      }
  CHECK(noted > 1000);
  CHECK(compared > 100000);
}

TEST_CASE("the line's state keeps the first units it is given and finds each by its bytes") {
  g::GrammarState state{"", nullptr};
  CHECK(!state.unit_noted(0, 2));
  for (std::size_t i = 0; i < g::GrammarState::units_room + 3; ++i) state.note_unit(10 * i, 10 * i + 2, i % 2 ? "mg" : "kg");
  CHECK(state.units_noted == g::GrammarState::units_room);
  for (std::size_t i = 0; i < g::GrammarState::units_room; ++i) CHECK(state.unit_noted(10 * i, 10 * i + 2) == (i % 2 ? "mg" : "kg"));
  CHECK(!state.unit_noted(10 * g::GrammarState::units_room, 10 * g::GrammarState::units_room + 2));  // (no room: not noted)
  CHECK(!state.unit_noted(0, 3));
  CHECK(!state.unit_noted(1, 2));
  // The units the test below puts before a line fill the room.
  g::GrammarState filled{kRoomFilled, nullptr};
  for (std::size_t pos = 1; pos < kRoomFilled.size(); ++pos)
    if (kRoomFilled[pos - 1] == ' ' && kRoomFilled[pos] == 'm') CHECK(g::unit_spelling_length_noted(filled, pos) == 2);
  CHECK(filled.units_noted == g::GrammarState::units_room);
}

TEST_CASE("each quantity's unit read from the noted units is its spelling's, as read with no room for notes") {
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  std::size_t compared = 0;
  for (const std::string& written : golden_support::all_criterion_lines())
    for (const std::string& line : {written, upper(written)}) compared += check_quantity_units(line, lexicon, *tables);
  CHECK(compared > 500);
  // More quantities with units than the state notes (the rest resolved again), powers of ten, hyphens, parentheses.
  const std::string many =
      "ANC >= 1.5 x 10^9/L, platelets >= 100 x10^9/L, Hb 9 g/dL, 6-month, 24-h urine 3 g/day, creatinine 1.5 mg/dL, "
      "bilirubin 2 (mg/dL), eGFR 60 mL/min/1.73 m2, age 18 years, weight 50 kg, height 150 cm, BMI 30 kg/m2, "
      "QTc 470 ms, 3 times a week, 5 days a week, WBC 3.0 x 10^9/L, 2-week, 12 months";
  const std::size_t many_compared = check_quantity_units(many, lexicon, *tables);
  CHECK(many_compared > g::GrammarState::units_room + 2);
}
