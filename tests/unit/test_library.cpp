// The compiled library: what is saved is what is matched, and damage is reported, not guessed around.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "trialmatch/matcher/library.hpp"
#include "trialmatch/matcher/patients.hpp"

using namespace trialmatch;
namespace fs = std::filesystem;

namespace {

const fs::path fixtures = fs::path(TRIALMATCH_SOURCE_DIR) / "fixtures";

std::vector<matcher::CompiledTrial> seed_trials() {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const auto loaded = matcher::load_compiled({(fixtures / "trials" / "seeds").string()}, parser, lexicon, 2);
  REQUIRE(loaded.problems.empty());
  REQUIRE(loaded.trials.size() == 5);
  return loaded.trials;
}

// Everything a report shows of a result, as one comparable string.
std::string describe(const std::vector<matcher::TrialResult>& results) {
  std::string out;
  for (const auto& r : results) {
    out += r.trial->trial.id + " " + matcher::to_string(r.verdict) + "\n";
    for (const auto& c : r.criteria) {
      out += "  " + c.criterion->criterion.number + " " + matcher::to_string(c.outcome) + " " +
             engine::to_canonical(c.criterion->tree) + "\n";
      for (const auto& e : c.evaluation().evidence) out += "    " + e.var + " " + e.fact + " " + e.threshold + " " + e.note + "\n";
      for (const auto& m : c.evaluation().missing) out += "    missing " + m + "\n";
    }
  }
  return out;
}

// Where the first record starts: after the 16-byte header and the two tables of names (a LEB128 count, then
// each name as a LEB128 length and its bytes).
std::size_t first_record(const std::string& bytes) {
  std::size_t at = 16;
  auto number = [&] {
    std::size_t v = 0;
    for (int shift = 0;; shift += 7) {
      const auto b = static_cast<unsigned char>(bytes.at(at++));
      v |= std::size_t{b & 0x7Fu} << shift;
      if (!(b & 0x80)) return v;
    }
  };
  for (int table = 0; table < 2; ++table)
    for (std::size_t k = number(); k > 0; --k) at += number();
  return at;
}

engine::EvalOptions options() {
  engine::EvalOptions o;
  o.as_of = *engine::parse_date("2026-11-21");
  return o;
}

}  // namespace

TEST_CASE("a compiled library gives the same match results as the source trials") {
  const auto& lexicon = engine::Lexicon::builtin();
  const auto source = seed_trials();
  const std::string bytes = matcher::library_bytes(source);
  CHECK(matcher::is_library(bytes));
  const auto loaded = matcher::read_library(bytes, "seeds.tmlib", 2);
  REQUIRE(loaded.problems.empty());
  REQUIRE(loaded.trials.size() == source.size());
  for (std::size_t i = 0; i < source.size(); ++i) {
    CAPTURE(source[i].trial.id);
    CHECK(loaded.trials[i].trial.id == source[i].trial.id);
    CHECK(loaded.trials[i].trial.min_age == source[i].trial.min_age);
    REQUIRE(loaded.trials[i].criteria.size() == source[i].criteria.size());
    for (std::size_t k = 0; k < source[i].criteria.size(); ++k) {
      CHECK(loaded.trials[i].criteria[k].tree == source[i].criteria[k].tree);
      CHECK(loaded.trials[i].criteria[k].diagnostics == source[i].criteria[k].diagnostics);
      CHECK(loaded.trials[i].criteria[k].criterion.text == source[i].criteria[k].criterion.text);
      CHECK(loaded.trials[i].criteria[k].structured == source[i].criteria[k].structured);
    }
  }
  std::size_t patients = 0;
  for (const auto& entry : fs::directory_iterator(fixtures / "patients")) {
    if (entry.path().extension() != ".json") continue;
    const auto load = matcher::load_patients(entry.path().string(), lexicon);
    for (const auto& patient : load.patients) {
      CAPTURE(entry.path().filename().string());
      ++patients;
      CHECK(describe(matcher::match_all(patient, loaded.trials, lexicon, options())) ==
            describe(matcher::match_all(patient, source, lexicon, options())));
    }
  }
  CHECK(patients >= 10);
}

TEST_CASE("--trials detection: a library file is recognised by its magic, other files are not") {
  const fs::path dir = fs::temp_directory_path() / "trialmatch_test_library";
  fs::create_directories(dir);
  const fs::path library = dir / "seeds.tmlib";
  {
    std::ofstream out(library, std::ios::binary);
    matcher::write_library(out, seed_trials());
  }
  CHECK(matcher::is_library_file(library.string()));
  CHECK_FALSE(matcher::is_library_file((fixtures / "trials" / "golden" / "000_8007e876fffa0622.json").string()));
  CHECK_FALSE(matcher::is_library_file((dir / "nothing-here").string()));
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  const auto mixed = matcher::load_compiled({library.string(), (fixtures / "trials" / "golden").string()}, parser, lexicon, 1);
  CHECK(mixed.problems.empty());
  CHECK(mixed.trials.size() == 10);
  fs::remove_all(dir);
}

TEST_CASE("a damaged library names the record and the byte, and keeps the good records") {
  const auto source = seed_trials();
  std::string bytes = matcher::library_bytes(source);
  SUBCASE("truncated") {
    bytes.resize(bytes.size() - 10);
    const auto loaded = matcher::read_library(bytes, "cut.tmlib");
    CHECK(loaded.trials.size() == 4);
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].input == "cut.tmlib");
    CHECK(loaded.problems[0].where.rfind("record 5 (byte ", 0) == 0);
    CHECK(loaded.problems[0].message == "the file ends early: expected 5 records, found 4");
  }
  SUBCASE("a record whose first string runs past its end") {
    // The id's length (a variable-length number: 4 bytes of 7 bits each and a last one) says 4 GiB - 1.
    const std::size_t first = first_record(bytes);
    for (int i = 0; i < 4; ++i) bytes[first + 4 + i] = static_cast<char>(0xFF);
    bytes[first + 4 + 4] = 0x0F;
    const auto loaded = matcher::read_library(bytes, "bad.tmlib");
    CHECK(loaded.trials.size() == 4);
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].where == "record 1 (byte " + std::to_string(first) + ")");
    CHECK(loaded.problems[0].message ==
          "not a compiled trial (byte 5 of the record: expected a trial id, found the end of the record); the record is skipped");
  }
  SUBCASE("a node kind out of range") {
    // The first record's last criterion ends with its tree; corrupt the tag of the first tree instead:
    // find it by writing a library of one trial with one criterion whose tree is a bare sex node.
    matcher::CompiledTrial t;
    t.trial.id = "T";
    matcher::CompiledCriterion c;
    c.tree = engine::Node{engine::Sex{"female"}, {}};
    t.criteria.push_back(c);
    std::string one = matcher::library_bytes({t});
    const std::size_t tag = one.size() - (1 + 1 + 1 + 1 + 6);  // tag, span (two one-byte numbers), string length, "female"
    CHECK(one[tag] == 6);
    one[tag] = 9;
    const auto loaded = matcher::read_library(one, "tag.tmlib");
    CHECK(loaded.trials.empty());
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].message.find("expected a node kind (0 to 7), found 9") != std::string::npos);
  }
  SUBCASE("a library of another format version") {
    bytes[7] = 1;
    CHECK(matcher::is_library(bytes));
    const auto loaded = matcher::read_library(bytes, "old.tmlib");
    CHECK(loaded.trials.empty());
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].where == "byte 7");
    CHECK(loaded.problems[0].message == "a library of format 1, this trialmatch reads format 9: compile it again with 'trialmatch compile'");
  }
  SUBCASE("a library of the previous format (8: windows from another event bound as from the reference date)") {
    bytes[7] = 8;
    const auto loaded = matcher::read_library(bytes, "v8.tmlib");
    CHECK(loaded.trials.empty());
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].input == "v8.tmlib");
    CHECK(loaded.problems[0].where == "byte 7");
    CHECK(loaded.problems[0].message == "a library of format 8, this trialmatch reads format 9: compile it again with 'trialmatch compile'");
  }
  SUBCASE("not a library at all") {
    const auto loaded = matcher::read_library("{\"id\": 1}", "trial.json");
    CHECK(loaded.trials.empty());
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].where == "byte 0");
  }
}

TEST_CASE("a measured value's window (cmp within) is kept in the library") {
  matcher::CompiledTrial t;
  t.trial.id = "W";
  engine::Cmp c;
  c.var = "egfr";
  c.cmp = engine::Comparator::lt;
  c.value = 30;
  c.unit = "mL/min/{1.73_m2}";
  c.within = engine::Amount{3, "mo"};
  matcher::CompiledCriterion k;
  k.tree = engine::Node{c, {}};
  t.criteria.push_back(k);
  const auto loaded = matcher::read_library(matcher::library_bytes({t}), "within.tmlib");
  REQUIRE(loaded.problems.empty());
  REQUIRE(loaded.trials.size() == 1);
  CHECK(loaded.trials[0].criteria[0].tree == k.tree);
  // Loading binds the trials' trees; one with a window is left to evaluate().
  CHECK(loaded.trials[0].bound.trees() == 1);
  CHECK_FALSE(loaded.trials[0].bound.bound(0));
}

TEST_CASE("a window that looks ahead (has within.ahead) is kept in the library, beside a past one") {
  matcher::CompiledTrial t;
  t.trial.id = "A";
  engine::Has ahead;
  ahead.concept_id = "pregnancy";
  ahead.within = engine::Amount{12, "mo"};
  ahead.ahead = true;
  engine::Has past = ahead;
  past.ahead = false;
  for (const auto& h : {ahead, past}) {
    matcher::CompiledCriterion k;
    k.tree = engine::Node{h, {}};
    t.criteria.push_back(k);
  }
  const auto loaded = matcher::read_library(matcher::library_bytes({t}), "ahead.tmlib");
  REQUIRE(loaded.problems.empty());
  REQUIRE(loaded.trials.size() == 1);
  CHECK(loaded.trials[0].criteria[0].tree == t.criteria[0].tree);
  CHECK(loaded.trials[0].criteria[1].tree == t.criteria[1].tree);
  CHECK(std::get<engine::Has>(loaded.trials[0].criteria[0].tree.kind).ahead);
  CHECK_FALSE(std::get<engine::Has>(loaded.trials[0].criteria[1].tree.kind).ahead);
  // The window ahead is left to evaluate(); the past one is bound.
  CHECK_FALSE(loaded.trials[0].bound.bound(0));
}
