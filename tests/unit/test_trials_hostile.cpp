// Hostile and broken trial files (issue 7): each problem names the input, the place and what was expected,
// a refused trial or line never takes the others with it, and the limits of limits.hpp hold.
#include <doctest/doctest.h>

#include <ctime>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "trialmatch/engine/limits.hpp"
#include "trialmatch/grammar/parser.hpp"
#include "trialmatch/matcher/match.hpp"
#include "trialmatch/matcher/trial.hpp"

namespace fs = std::filesystem;
namespace limits = trialmatch::engine::limits;
using nlohmann::json;
using namespace trialmatch::matcher;

namespace {

json api_study(const std::string& id, const std::string& criteria, const std::string& min_age = "18 Years") {
  return {{"protocolSection",
           {{"identificationModule", {{"nctId", id}, {"briefTitle", "Title of " + id}}},
            {"eligibilityModule", {{"eligibilityCriteria", criteria}, {"sex", "ALL"}, {"minimumAge", min_age}}}}}};
}

std::string problems_of(const LoadResult& r) {
  std::string out;
  for (const auto& p : r.problems) out += p.input + " | " + p.where + " | " + p.message + "\n";
  return out;
}

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// CPU time of this process: other processes on the machine do not count.
double seconds_since(std::clock_t start) { return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC; }

#ifdef NDEBUG
constexpr double allowed_seconds = 2;
#else
constexpr double allowed_seconds = 60;  // unoptimised and sanitised builds: only a hang fails
#endif

}  // namespace

TEST_CASE("unreadable trial files: one problem naming the input, the place and what was expected") {
  SUBCASE("200,000 nested arrays") {
    const auto r = read_trials(nested_arrays(200000), "deep.json");
    CHECK(r.trials.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].input == "deep.json");
    CHECK(r.problems[0].where == "byte 128");
    CHECK(r.problems[0].message.starts_with("arrays and objects nested deeper than 128 levels; expected a trial"));
  }
  SUBCASE("200,000 nested objects inside a study") {
    std::string deep;
    for (int i = 0; i < 200000; ++i) deep += "{\"a\":";
    deep += "1" + std::string(200000, '}');
    const auto r = read_trials("{\"protocolSection\": " + deep + "}", "deep.json");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message.starts_with("arrays and objects nested deeper than 128 levels"));
  }
  SUBCASE("truncated JSON") {
    const auto r = read_trials(api_study("NCT00000001", "* Consent").dump().substr(0, 60), "cut.json");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "byte 61");
    CHECK(r.problems[0].message.starts_with("invalid JSON; expected a trial"));
  }
  SUBCASE("a number JSON cannot hold") {
    const auto r = read_trials("{\"protocolSection\": {\"x\": 1e99999}}", "big.json");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].input == "big.json");
    CHECK(r.problems[0].message.find("number overflow") != std::string::npos);
  }
  SUBCASE("invalid UTF-8") {
    const auto r = read_trials("Title\n\nInclusion Criteria:\n- caf\xE9\n", "latin1.txt");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message.starts_with("binary or non-UTF-8 content; expected a trial"));
  }
}

TEST_CASE("NDJSON trials: a deep, broken or overflowing line is refused with its line; the others load") {
  const std::string content = api_study("NCT00000001", "* Consent").dump() + "\n" + nested_arrays(200000) + "\n" +
                              "{\"nctId\": 1e99999}\n" + api_study("NCT00000004", "* Consent").dump() + "\n";
  const auto r = read_trials(content, "studies.ndjson");
  CAPTURE(problems_of(r));
  REQUIRE(r.trials.size() == 2);
  CHECK(r.trials[0].id == "NCT00000001");
  CHECK(r.trials[1].id == "NCT00000004");
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].where == "line 2, column 129");
  CHECK(r.problems[0].message.starts_with("arrays and objects nested deeper than 128 levels"));
  CHECK(r.problems[1].where == "line 3");
  CHECK(r.problems[1].message.find("number overflow") != std::string::npos);
}

TEST_CASE("criteria per trial: a trial beyond the limit is refused on its own") {
  std::string many = "Inclusion Criteria:\n";
  for (std::size_t i = 1; i <= limits::max_criteria_per_trial + 1; ++i) many += "* Platelets >= " + std::to_string(i) + "\n";
  std::string at_limit = "Inclusion Criteria:\n";
  for (std::size_t i = 1; i <= limits::max_criteria_per_trial; ++i) at_limit += "* Platelets >= " + std::to_string(i) + "\n";
  const json page = {{"studies", {api_study("NCT00000001", many), api_study("NCT00000002", at_limit),
                                  api_study("NCT00000003", "* Consent")}}};
  const auto r = read_trials(page.dump(), "page.json");
  CAPTURE(problems_of(r));
  REQUIRE(r.trials.size() == 2);
  CHECK(r.trials[0].id == "NCT00000002");
  CHECK(r.trials[0].criteria.size() == limits::max_criteria_per_trial);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].input == "page.json");
  CHECK(r.problems[0].where == "/studies/0");
  CHECK(r.problems[0].message == "trial NCT00000001 has 2001 criteria, more than the limit of 2000; not loaded");
}

TEST_CASE("a 5 MB criterion line: read and compiled in time, kept as text with the reason") {
  std::string line = "Inclusion Criteria:\n* Platelets >= 100 x 10^9/L";
  while (line.size() < 5 * 1024 * 1024) line += " and hemoglobin >= 9 g/dL";
  line += "\n* Consent\n";
  const std::clock_t start = std::clock();
  const auto r = read_trials(api_study("NCT00000001", line).dump(), "huge.json");
  REQUIRE(r.trials.size() == 1);
  REQUIRE(r.trials[0].criteria.size() == 2);
  const trialmatch::grammar::Parser parser(trialmatch::engine::Lexicon::builtin());
  const CompiledTrial compiled = compile(r.trials[0], parser, parser.lexicon());
  CHECK(seconds_since(start) < allowed_seconds);
  std::vector<const CompiledCriterion*> texts;
  for (const auto& c : compiled.criteria)
    if (!c.structured) texts.push_back(&c);
  REQUIRE(texts.size() == 2);
  CHECK(texts[0]->criterion.text.size() > 5 * 1000 * 1000);
  CHECK(std::holds_alternative<trialmatch::engine::Text>(texts[0]->tree.kind));
  REQUIRE_FALSE(texts[0]->diagnostics.empty());
  CHECK(texts[0]->diagnostics[0].message.find("longer than the limit of 65536") != std::string::npos);
}

TEST_CASE("ages no one can hold: the study is refused with its field, nothing throws") {
  for (const std::string& age : {std::string(400, '9') + " Years", std::string(100000, '1') + " Years",
                                 std::string("18 ") + std::string(100000, 'y'), std::string(100000, ' ') + "x"}) {
    CAPTURE(age.substr(0, 30));
    LoadResult r;
    CHECK_NOTHROW(r = read_trials(api_study("NCT00000001", "* Consent", age).dump(), "age.json"));
    CHECK(r.trials.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "/protocolSection/eligibilityModule/minimumAge");
  }
  // The same on a registry page.
  const std::string page = "A trial\n\nAges Eligible for Study\n" + std::string(400, '9') + " Years\n\n"
                           "Inclusion Criteria:\n- Consent\n";
  CHECK_NOTHROW((void)read_trials(page, "page.txt"));
}

TEST_CASE("load_trials: a missing path, and a file beyond the size limit refused before it is read") {
  const fs::path dir = fs::temp_directory_path() / ("trialmatch_hostile_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "good.json") << api_study("NCT00000001", "* Consent").dump();
  {
    std::ofstream big(dir / "huge.json");
  }
  fs::resize_file(dir / "huge.json", limits::max_file_bytes + 1);  // sparse: no disk is used
  const auto r = load_trials(dir.string());
  CAPTURE(problems_of(r));
  REQUIRE(r.trials.size() == 1);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].input == (dir / "huge.json").string());
  CHECK(r.problems[0].message == "file of 1073741825 bytes is larger than the limit of 1073741824 bytes; not read");

  const auto missing = load_trials((dir / "no-such-folder").string());
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].input == (dir / "no-such-folder").string());
  CHECK(missing.problems[0].message == "no such file or folder");
  fs::remove_all(dir);
}
