// A compiled trial keeps its criteria encoded and decodes them on first read: what is decoded must be what
// was compiled, matching must not decode, and the encoded bytes are the library's own.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

#include "trialmatch/matcher/batch.hpp"
#include "trialmatch/matcher/library.hpp"
#include "trialmatch/matcher/patients.hpp"

using namespace trialmatch;
namespace fs = std::filesystem;

namespace {

const fs::path fixtures = fs::path(TRIALMATCH_SOURCE_DIR) / "fixtures";

std::vector<matcher::Trial> seed_sources() {
  const auto loaded = matcher::load_trials((fixtures / "trials" / "seeds").string());
  REQUIRE(loaded.problems.empty());
  REQUIRE(loaded.trials.size() == 5);
  return loaded.trials;
}

// The criteria as compile() built them before encoding: the list kept decoded.
matcher::CriterionList decoded_copy(const matcher::CriterionList& list) {
  std::vector<matcher::CompiledCriterion> items(list.begin(), list.end());
  return matcher::CriterionList(std::move(items));
}

void check_same(const matcher::CompiledCriterion& a, const matcher::CompiledCriterion& b) {
  CAPTURE(a.criterion.text);
  CHECK(a.criterion.section == b.criterion.section);
  CHECK(a.criterion.number == b.criterion.number);
  CHECK(a.criterion.text == b.criterion.text);
  CHECK(a.tree == b.tree);
  CHECK(a.diagnostics == b.diagnostics);
  CHECK(a.structured == b.structured);
}

engine::EvalOptions options() {
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  return o;
}

}  // namespace

TEST_CASE("compile() keeps the criteria encoded; they decode to what the grammar read") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  for (const matcher::Trial& source : seed_sources()) {
    CAPTURE(source.id);
    const matcher::CompiledTrial compiled = matcher::compile(source, parser, lexicon);
    CHECK(compiled.criteria.is_encoded());
    CHECK_FALSE(compiled.criteria.is_decoded());
    // The text criteria follow the structured ones, each with the grammar's own tree.
    const std::size_t structured = compiled.criteria.size() - source.criteria.size();
    REQUIRE(compiled.criteria.size() >= source.criteria.size());
    for (std::size_t k = 0; k < source.criteria.size(); ++k) {
      const auto& c = compiled.criteria[structured + k];
      const auto parsed = parser.parse(source.criteria[k].text, matcher::grammar_section(source.criteria[k].section));
      CHECK(c.criterion.text == source.criteria[k].text);
      CHECK(c.criterion.number == source.criteria[k].number);
      CHECK(c.tree == parsed.tree);
      CHECK(c.diagnostics == parsed.diagnostics);
      CHECK_FALSE(c.structured);
    }
    CHECK(compiled.criteria.is_decoded());
    CHECK(compiled.criteria.is_encoded());  // the encoded block stays: copies and the library use it
  }
}

TEST_CASE("the encoded criteria round-trip every kind of node, and a text node at its span or not") {
  std::vector<matcher::CompiledCriterion> items;
  auto add = [&](matcher::Section section, std::string text, engine::Node tree, bool structured = false) {
    matcher::CompiledCriterion c;
    c.criterion = {section, std::to_string(items.size() + 1), std::move(text)};
    c.tree = std::move(tree);
    c.structured = structured;
    items.push_back(std::move(c));
  };
  engine::Cmp cmp;
  cmp.var = "egfr";
  cmp.loinc = "62238-1";
  cmp.cmp = engine::Comparator::lt;
  cmp.value = 30.25;
  cmp.unit = "mL/min/{1.73_m2}";
  cmp.within = engine::Amount{3, "mo"};
  engine::Has has;
  has.concept_id = "live_vaccine";
  has.codes = {{"snomed", "1234"}, {"atc", "J07"}};
  has.within = engine::Amount{6, "wk"};
  has.before = "screening";
  has.status = "active";
  has.except = "influenza";
  const std::string line = "Willing to comply, and eGFR < 30.25";
  add(matcher::Section::inclusion, line,
      engine::make_all({engine::make_text("Willing to comply", engine::TextReason::judgement, {0, 17}),
                        engine::Node{cmp, {23, 35}}},
                       {0, 35}));
  // Text that differs from the words at its span (or whose span lies outside the text) is written out.
  add(matcher::Section::exclusion, "short",
      engine::make_any({engine::make_text("not the words", engine::TextReason::not_understood, {0, 5}),
                        engine::make_text("outside", engine::TextReason::not_understood, {3, 900}),
                        engine::make_not(engine::Node{has, {1, 2}}, {0, 5})}));
  add(matcher::Section::inclusion, "Sex: female", engine::Node{engine::Sex{"female"}, {}}, true);
  add(matcher::Section::exclusion, "guarded",
      engine::make_if(engine::Node{engine::Sex{"male"}, {}}, engine::make_text("", engine::TextReason::judgement, {2, 2})));
  items.back().diagnostics.push_back({engine::Severity::error, "expected a number", 3, 7});
  items.back().diagnostics.push_back({engine::Severity::warning, std::string(300, 'w'), 200, 100000});

  matcher::CriterionList mutable_list(items);
  CHECK_FALSE(mutable_list.is_encoded());
  mutable_list.compact();
  const matcher::CriterionList& list = mutable_list;
  REQUIRE(list.is_encoded());
  CHECK_FALSE(list.is_decoded());
  REQUIRE(list.size() == items.size());
  for (std::size_t k = 0; k < items.size(); ++k) check_same(list[k], items[k]);

  CHECK(list.is_decoded());
  CHECK(list.is_encoded());  // reading keeps the block
  // A copy of an encoded list decodes on its own; a list rebuilt from the block decodes the same.
  const matcher::CriterionList copy = list;
  CHECK_FALSE(copy.is_decoded());
  const auto rebuilt = matcher::CriterionList::encoded(list.block(), static_cast<std::uint32_t>(list.size()));
  for (std::size_t k = 0; k < items.size(); ++k) check_same(copy[k], items[k]), check_same(rebuilt[k], items[k]);

  // Only the structured prefix: none here (the first criterion is a text criterion).
  CHECK(list.structured_prefix().empty());
  // Changing the list decodes it for good.
  matcher::CriterionList changed = list;
  changed.push_back(items.front());
  CHECK_FALSE(changed.is_encoded());
  CHECK(changed.size() == items.size() + 1);
}

TEST_CASE("matching and screening read the bound trees only: nothing is decoded until a report reads it") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const auto library = matcher::read_library(
      matcher::library_bytes(matcher::compile_all(seed_sources(), parser, lexicon)), "seeds.tmlib");
  REQUIRE(library.problems.empty());
  const auto& trials = library.trials;
  const auto patients = matcher::load_patients((fixtures / "patients" / "example.json").string(), lexicon);
  REQUIRE(patients.patients.size() == 1);
  const engine::Patient& patient = patients.patients.front();
  const matcher::TrialIndex index(trials);
  const engine::PatientFacts facts(patient, lexicon, options().as_of);
  for (const auto& t : trials) (void)matcher::screen_trial(facts, t, options());
  const auto none = matcher::match_all(patient, trials, lexicon, options(), matcher::Detail::none);
  (void)index.screen(patient, lexicon, options());
  (void)index.match(patient, lexicon, options(), matcher::Detail::none);
  REQUIRE(facts.bound());
  std::size_t left_encoded = 0;
  for (const auto& t : trials) {
    CAPTURE(t.trial.id);
    CHECK(t.criteria.is_encoded());
    // A criterion the bound array cannot hold (an unbound tree) is evaluated from its tree: that decodes.
    bool every_tree_bound = t.bound.trees() == t.criteria.size();
    for (std::uint32_t root = 0, k = 0; every_tree_bound && k < t.bound.trees(); ++k, root = t.bound.next(root))
      every_tree_bound = t.bound.bound(root);
    if (every_tree_bound) CHECK_FALSE(t.criteria.is_decoded());
    left_encoded += !t.criteria.is_decoded();
  }
  CHECK(left_encoded > 0);
  // A result's criterion decodes its trial when read, and reads what was compiled.
  const auto& first = none.front();
  REQUIRE(!first.criteria.empty());
  CHECK(first.criteria.front().criterion->criterion.number == first.trial->criteria[0].criterion.number);
  CHECK(first.trial->criteria.is_decoded());
}

TEST_CASE("a library written from loaded (encoded) trials is the library it was loaded from") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  auto compiled = matcher::compile_all(seed_sources(), parser, lexicon);
  const std::string bytes = matcher::library_bytes(compiled);
  // The same trials with their criteria decoded (kept as vectors) write the same bytes.
  for (auto& t : compiled) t.criteria = decoded_copy(t.criteria);
  CHECK_FALSE(compiled.front().criteria.is_encoded());
  CHECK(matcher::library_bytes(compiled) == bytes);
  const auto loaded = matcher::read_library(bytes, "seeds.tmlib");
  REQUIRE(loaded.problems.empty());
  CHECK(matcher::library_bytes(loaded.trials) == bytes);
  for (std::size_t i = 0; i < compiled.size(); ++i) {
    CHECK_FALSE(loaded.trials[i].criteria.is_decoded());
    // The index's structured prefix is the leading structured criteria, decoded without the rest.
    const auto prefix = loaded.trials[i].criteria.structured_prefix();
    CHECK_FALSE(loaded.trials[i].criteria.is_decoded());
    for (std::size_t k = 0; k < prefix.size(); ++k) check_same(prefix[k], compiled[i].criteria[k]);
    CHECK((prefix.size() == compiled[i].criteria.size() || !compiled[i].criteria[prefix.size()].structured));
    REQUIRE(loaded.trials[i].criteria.size() == compiled[i].criteria.size());
    for (std::size_t k = 0; k < compiled[i].criteria.size(); ++k) check_same(loaded.trials[i].criteria[k], compiled[i].criteria[k]);
    CHECK(loaded.trials[i].criteria.is_decoded());  // read once, kept
    CHECK(loaded.trials[i].criteria.is_encoded());
  }
}

TEST_CASE("concurrent first reads decode once: every thread sees the same criteria") {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const auto trials = matcher::compile_all(seed_sources(), parser, lexicon);
  for (const auto& t : trials) {
    REQUIRE_FALSE(t.criteria.is_decoded());
    const matcher::CompiledCriterion* seen[4] = {};
    {
      std::vector<std::jthread> threads;
      for (auto& s : seen) threads.emplace_back([&t, &s] { s = &t.criteria.front(); });
    }
    for (const auto* s : seen) CHECK(s == seen[0]);
  }
}
