// parenthesis_group reads the words in parentheses after an event only where they may give an event the lexicon
// names (s20seq, lower_sequence_scopes.cpp: may_name_events): the kinds of the event before them, or conditions
// listed beside it. The guard must let through every span whose reading gives such an event or a target of purpose:
// every span of up to eight tokens of every golden line it refuses is read as parenthesis_group reads it, and must give
// neither. And the lines the reading is written for read as they did.
#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

// The guard, and the reading it spares as parenthesis_group makes it (nested, lists read as alternatives).
struct NamedEventsProbe {
  static bool may_name_events(const Lowering& l, std::size_t b, std::size_t e) { return l.may_name_events(b, e); }
  static std::optional<engine::Node> read(Lowering& l, std::size_t b, std::size_t e) {
    const ListReading section = l.lists_;
    l.lists_ = ListReading::any;
    auto read = l.sequence(b, e, 1);
    l.lists_ = section;
    return read;
  }
  static std::size_t purpose_targets(const Lowering& l) { return l.purpose_targets_.size(); }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::detail::Lowering;
using g::detail::NamedEventsProbe;

// Whether the node holds an event whose concept the lexicon knows, with no window (what both of parenthesis_group's
// uses keep; looked for under negations and guards too, which neither keeps).
bool names_lexicon_event(const e::Node& n, const e::Lexicon& lexicon) {
  if (const auto* h = std::get_if<e::Has>(&n.kind)) return !h->within && lexicon.find(h->concept_id) != nullptr;
  if (const auto* a = std::get_if<e::All>(&n.kind)) {
    for (const auto& x : a->args)
      if (names_lexicon_event(x, lexicon)) return true;
  }
  if (const auto* o = std::get_if<e::Any>(&n.kind)) {
    for (const auto& x : o->args)
      if (names_lexicon_event(x, lexicon)) return true;
  }
  if (const auto* no = std::get_if<e::Not>(&n.kind)) return names_lexicon_event(*no->arg, lexicon);
  if (const auto* i = std::get_if<e::If>(&n.kind)) return names_lexicon_event(*i->then, lexicon);
  return false;
}

struct Counts {
  int spans = 0;
  int refused = 0;
};

void check_line(const std::string& text, std::size_t widest, Counts& counts) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  for (const auto lists : {g::ListReading::all, g::ListReading::any}) {
    e::Diagnostics diags;
    Lowering l(text, tokens, lexicon, 8, lists, g::PeopleHeadings::name_cohorts, diags);
    for (std::size_t b = 0; b < tokens.size(); ++b)
      for (std::size_t end = b + 1; end <= tokens.size() && end - b <= widest; ++end) {
        ++counts.spans;
        if (NamedEventsProbe::may_name_events(l, b, end)) continue;
        ++counts.refused;
        const std::size_t targets = NamedEventsProbe::purpose_targets(l);
        const auto read = NamedEventsProbe::read(l, b, end);
        CAPTURE(text);
        CAPTURE(b);
        CAPTURE(end);
        CHECK(!(read && names_lexicon_event(*read, lexicon)));
        CHECK(NamedEventsProbe::purpose_targets(l) == targets);
      }
  }
}

const g::Parser& parser() {
  static const g::Parser p(e::Lexicon::builtin());
  return p;
}

std::string read(const std::string& line, g::CriterionSection section) {
  return e::to_canonical(parser().parse(line, section).tree);
}

}  // namespace

TEST_CASE("parenthesis events: kinds or conditions listed after an event are read, in either section") {
  for (const auto section : {g::CriterionSection::inclusion, g::CriterionSection::exclusion}) {
    CHECK(read("Cardiovascular disease (heart failure, myocardial infarction or stroke)", section) ==
          "any(has heart_failure, has myocardial_infarction, has stroke)");
    CHECK(read("Hepatitis (hepatitis B or C)", section) == "any(has hepatitis_b, has hepatitis_c)");
    CHECK(read("Diabetes (type 1 or 2 diabetes)", section) == "any(has type_1_diabetes, has type_2_diabetes)");
    CHECK(read("Cardiovascular disease (heart failure or stroke) within 6 months", section) ==
          "any(has heart_failure within 6 mo, has stroke within 6 mo)");
    // Other conditions listed: the condition and its parentheses are one text.
    CHECK(read("Dementia (infection, vascular, hematological diseases)", section) ==
          "text[not_understood] \"Dementia (infection, vascular, hematological diseases)\"");
  }
}

TEST_CASE("parenthesis events: a span the guard refuses reads no event the lexicon names, nor a target") {
  const std::vector<std::string> lines = {
      "Cardiovascular disease (heart failure, myocardial infarction or stroke)",
      "Diabetes (type 1 or 2 diabetes)",
      "Diabetes (type I or II)",
      "Hepatitis (since 2015 or before 2010)",
      "Hepatitis (active or chronic, in the opinion of the investigator)",
      "Non-smoker (non smoker or former smoker)",
      "Anemia (transfusion to achieve hemoglobin > 9 g/dL)",
      "Renal failure (eGFR < 30 mL/min or creatinine > 2 mg/dL)",
      "Hypertension (systolic BP > 160 mmHg or diastolic BP > 100 mmHg)",
      "Stroke (grade III or IV, or stage 2)",
      "Heart failure (NYHA class III or IV)",
      "Infection (bacterial, viral or fungal) requiring treatment",
  };
  Counts counts;
  for (const auto& line : lines) check_line(line, 64, counts);
  CHECK(counts.refused > 20);
  CHECK(counts.refused < counts.spans);
}

TEST_CASE("parenthesis events: every golden line, its spans of up to eight tokens the guard refuses") {
  Counts counts;
  const auto lines = golden_support::all_criterion_lines();
  for (const auto& line : lines) check_line(line, 8, counts);
  CHECK(lines.size() > 1000);
  CHECK(counts.refused > 1000);
}
