// The trial readers: ClinicalTrials.gov API v2 JSON, registry pages, the normalised JSON, and bad input.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "trialmatch/matcher/trial.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trialmatch::matcher;

namespace {

// A study as the API returns it (protocolSection and its modules), trimmed to what the reader uses.
json api_study(const std::string& id, json criteria, json min_age = "18 Years", json max_age = nullptr,
               const std::string& sex = "ALL") {
  json eligibility{{"eligibilityCriteria", std::move(criteria)}, {"sex", sex}, {"healthyVolunteers", false},
                   {"minimumAge", std::move(min_age)}, {"stdAges", {"ADULT"}}};
  if (!max_age.is_null()) eligibility["maximumAge"] = std::move(max_age);
  return {{"protocolSection",
           {{"identificationModule", {{"nctId", id}, {"briefTitle", "Title of " + id}}},
            {"statusModule", {{"overallStatus", "RECRUITING"}}},
            {"conditionsModule", {{"conditions", {"Crohn Disease"}}}},
            {"eligibilityModule", std::move(eligibility)}}}};
}

const char* criteria_text = "Inclusion Criteria:\n\n* Age \\>=18\n* Consent\n\nExclusion Criteria:\n\n* Pregnancy";

std::string problems_of(const LoadResult& r) {
  std::string out;
  for (const auto& p : r.problems) out += p.input + " | " + p.where + " | " + p.message + "\n";
  return out;
}

struct TempDir {
  fs::path path;
  TempDir() : path(fs::temp_directory_path() / ("trialmatch_trials_test_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& content) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << content;
  }
};

}  // namespace

TEST_CASE("API v2: one study, with every field read") {
  const auto r = read_trials(api_study("NCT01234567", criteria_text, "18 Years", "6 Months", "FEMALE").dump(), "s.json");
  REQUIRE_MESSAGE(r.problems.empty(), problems_of(r));
  REQUIRE(r.trials.size() == 1);
  const auto& t = r.trials[0];
  CHECK(t.id == "NCT01234567");
  CHECK(t.title == "Title of NCT01234567");
  CHECK(t.conditions == std::vector<std::string>{"Crohn Disease"});
  CHECK(t.min_age == trialmatch::engine::Amount{18, "a"});
  CHECK(t.max_age == trialmatch::engine::Amount{6, "mo"});
  CHECK(t.sex == "female");
  CHECK(t.healthy_volunteers == false);
  CHECK(t.status == "RECRUITING");
  CHECK(t.origin == "s.json");
  REQUIRE(t.criteria.size() == 3);
  CHECK(t.criteria[0].text == "Age >=18");
  CHECK(t.criteria[2].section == Section::exclusion);
}

TEST_CASE("API v2: ages in every unit, and N/A or absent") {
  for (const auto& [written, want] : std::vector<std::pair<json, std::optional<trialmatch::engine::Amount>>>{
           {"18 Years", trialmatch::engine::Amount{18, "a"}}, {"6 Months", trialmatch::engine::Amount{6, "mo"}},
           {"2 Weeks", trialmatch::engine::Amount{2, "wk"}}, {"30 Days", trialmatch::engine::Amount{30, "d"}},
           {"N/A", std::nullopt}, {nullptr, std::nullopt}}) {
    CAPTURE(written.dump());
    const auto r = read_trials(api_study("NCT01234567", "* Consent", written).dump(), "s.json");
    REQUIRE_MESSAGE(r.trials.size() == 1, problems_of(r));
    CHECK(r.trials[0].min_age == want);
  }
}

TEST_CASE("API v2: a page, an array and NDJSON all load every study") {
  const auto a = api_study("NCT00000001", criteria_text);
  const auto b = api_study("NCT00000002", criteria_text, "50 Years", "85 Years", "MALE");
  for (const auto& [content, name] : std::vector<std::pair<std::string, std::string>>{
           {json{{"studies", {a, b}}, {"nextPageToken", "x"}}.dump(2), "page.json"},
           {json::array({a, b}).dump(), "array.json"},
           {a.dump() + "\n" + b.dump() + "\n", "studies.ndjson"}}) {
    CAPTURE(name);
    const auto r = read_trials(content, name);
    CHECK_MESSAGE(r.problems.empty(), problems_of(r));
    REQUIRE(r.trials.size() == 2);
    CHECK(r.trials[1].id == "NCT00000002");
    CHECK(r.trials[1].sex == "male");
  }
  SUBCASE("the origin names the place in the file") {
    const auto r = read_trials(json{{"studies", {a, b}}}.dump(), "page.json");
    CHECK(r.trials[1].origin == "page.json /studies/1");
  }
}

TEST_CASE("API v2: the same fields flat, as a `fields=` selection returns them") {
  const json flat{{"nctId", "NCT00000003"}, {"briefTitle", "Flat"}, {"eligibilityCriteria", "* Consent"},
                  {"minimumAge", "12 Years"}, {"sex", "ALL"}, {"overallStatus", "COMPLETED"}};
  const auto r = read_trials(flat.dump(), "flat.json");
  REQUIRE_MESSAGE(r.trials.size() == 1, problems_of(r));
  CHECK(r.trials[0].min_age == trialmatch::engine::Amount{12, "a"});
  CHECK(r.trials[0].status == "COMPLETED");
}

TEST_CASE("bad input: a problem naming the file, the place and what was expected") {
  SUBCASE("an empty file") {
    const auto r = read_trials("  \n", "empty.txt");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].input == "empty.txt");
    CHECK(r.problems[0].message ==
          "the file is empty; expected a trial: ClinicalTrials.gov API v2 JSON, normalised trial JSON or a registry page saved as text");
  }
  SUBCASE("binary content") {
    const auto r = read_trials(std::string("\x89PNG\r\n\x1a\n\0\0\0", 11), "image.png");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message.starts_with("binary or non-UTF-8 content; expected a trial"));
  }
  SUBCASE("a JSON array of numbers") {
    const auto r = read_trials("[1, 2]", "numbers.json");
    CHECK(r.trials.empty());
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[1].where == "/1");
    CHECK(r.problems[1].message == "expected a study or trial object, found a number");
  }
  SUBCASE("an API study whose eligibilityCriteria is a number") {
    const auto r = read_trials(json{{"studies", {api_study("NCT00000001", 42), api_study("NCT00000002", "* Consent")}}}.dump(),
                               "page.json");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "/studies/0/protocolSection/eligibilityModule/eligibilityCriteria");
    CHECK(r.problems[0].message == "expected eligibilityCriteria text as a string, found a number");
    REQUIRE(r.trials.size() == 1);  // the other study still loads
    CHECK(r.trials[0].id == "NCT00000002");
  }
  SUBCASE("an age that is no age, and a sex that is none, keep the study out") {
    const auto r = read_trials(api_study("NCT00000001", "* Consent", "eighteen", nullptr, "BOTH-ISH").dump(), "s.json");
    CHECK(r.trials.empty());
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].where == "/protocolSection/eligibilityModule/minimumAge");
    CHECK(r.problems[0].message == "expected an age such as \"18 Years\", \"6 Months\" or \"N/A\", found \"eighteen\"");
    CHECK(r.problems[1].message == "expected ALL, FEMALE or MALE, found \"BOTH-ISH\"");
  }
  SUBCASE("NDJSON with a bad line: a problem with its line number, the other lines load") {
    const auto content = api_study("NCT00000001", "* Consent").dump() + "\n{\"nctId\": oops}\n" +
                         api_study("NCT00000003", "* Consent").dump() + "\n";
    const auto r = read_trials(content, "studies.ndjson");
    CHECK(r.trials.size() == 2);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where.starts_with("line 2, column "));
    CHECK(r.problems[0].message == "expected one JSON object per line: invalid JSON");
  }
  SUBCASE("broken JSON") {
    const auto r = read_trials("{\"studies\": [", "broken.json");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where.starts_with("byte "));
  }
  SUBCASE("an object that is neither a study nor a trial") {
    const auto r = read_trials("{\"patient\": 1}", "p.json");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "/");
  }
  SUBCASE("a page with no criteria") {
    const auto r = read_trials("Some Trial Title Here\n\nStatus\nRecruiting\n\nFAQs\nWhat is a clinical trial?\n", "page.txt");
    CHECK(r.trials.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message ==
          "no eligibility criteria found: expected a heading such as \"Inclusion Criteria\" followed by criteria");
  }
}

TEST_CASE("registry pages: fields by their labels, wherever the layout puts them") {
  const auto page =
      "Overview\n\nA Study of Something in Adults\n\nStatus:\nNot yet recruiting\nParticipant gender:\nFemale\n"
      "Accepts Healthy Volunteers?\nYes\nConditions\n\nSee the medical conditions this research targets.\n\nAsthma\n\n"
      "Minimum Age: 18 Years\nMaximum Age: 65 Years\nNCT ID: NCT09999999\n\nEligibility Criteria\n\nInclusion Criteria:\n"
      "1. Asthma for 1 year\nRead More\nExclusion Criteria:\n1. Smoking\nSponsors\n\nACME Pharma\n\nMore Related Trials\n"
      "Another study\nNCT01111111 RECRUITING PHASE1\n";
  const auto r = read_trials(page, "page.txt");
  REQUIRE_MESSAGE(r.trials.size() == 1, problems_of(r));
  const auto& t = r.trials[0];
  CHECK(t.id == "NCT09999999");
  CHECK(t.title == "A Study of Something in Adults");
  CHECK(t.conditions == std::vector<std::string>{"Asthma"});
  CHECK(t.min_age == trialmatch::engine::Amount{18, "a"});
  CHECK(t.max_age == trialmatch::engine::Amount{65, "a"});
  CHECK(t.sex == "female");
  CHECK(t.healthy_volunteers == true);
  CHECK(t.status == "NOT_YET_RECRUITING");
  REQUIRE(t.criteria.size() == 2);
  CHECK(t.criteria[0].text == "Asthma for 1 year");
  CHECK(t.criteria[1].text == "Smoking");
  SUBCASE("without an NCT id of its own, a related trial's id is not taken") {
    auto without = std::string(page);
    without.erase(without.find("NCT ID: NCT09999999\n"), std::string("NCT ID: NCT09999999\n").size());
    const auto r2 = read_trials(without, "page.txt");
    REQUIRE(r2.trials.size() == 1);
    CHECK(r2.trials[0].id.starts_with("TM-"));
  }
}

TEST_CASE("the normalised JSON: round trip, and errors naming the JSON pointer") {
  Trial t;
  t.id = "NCT05860595";
  t.title = "T";
  t.conditions = {"Beta-Thalassemia"};
  t.min_age = trialmatch::engine::Amount{3, "a"};
  t.sex = "all";
  t.criteria = {{Section::inclusion, "1", "Age 3-35"}, {Section::exclusion, "13.2", "History including: ALT >3\u00D7ULN"}};
  const auto j = to_json(t);
  CHECK(j["min_age"] == json{{"value", 3}, {"unit", "a"}});
  CHECK(j["max_age"].is_null());
  CHECK(j["criteria"][1] == json{{"section", "exclusion"}, {"number", "13.2"}, {"text", "History including: ALT >3\u00D7ULN"}});
  const auto back = trial_from_json(j);
  CHECK(to_json(back) == j);

  SUBCASE("read as an input file, one object or NDJSON") {
    const auto one = read_trials(j.dump(2), "trial.json");
    REQUIRE_MESSAGE(one.trials.size() == 1, problems_of(one));
    CHECK(one.trials[0].criteria[1].number == "13.2");
    const auto many = read_trials(j.dump() + "\n" + j.dump() + "\n", "trials.ndjson");
    CHECK(many.trials.size() == 2);
    CHECK(many.trials[1].origin == "trials.ndjson line 2");
  }
  SUBCASE("a bad section") {
    auto bad = j;
    bad["criteria"][1]["section"] = "maybe";
    CHECK_THROWS_WITH(trial_from_json(bad), "/criteria/1/section: expected \"inclusion\" or \"exclusion\", found \"maybe\"");
    const auto r = read_trials(bad.dump(), "trial.json");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "/criteria/1/section");
  }
  SUBCASE("a bad age unit") {
    auto bad = j;
    bad["min_age"]["unit"] = "years";
    CHECK_THROWS_WITH(trial_from_json(bad), "/min_age/unit: expected \"a\", \"mo\", \"wk\", \"d\" or \"h\", found \"years\"");
  }
  SUBCASE("no criteria") {
    auto bad = j;
    bad.erase("criteria");
    CHECK_THROWS_WITH(trial_from_json(bad), "/criteria: expected \"criteria\", found nothing");
  }
}

TEST_CASE("load_trials: a folder read recursively in path order, bad files reported, the rest loaded") {
  TempDir dir;
  dir.write("b/second.json", api_study("NCT00000002", "* Consent").dump());
  dir.write("a.json", api_study("NCT00000001", "* Consent").dump());
  dir.write("c/empty.txt", "");
  dir.write("d.json", "[1]");
  const auto r = load_trials(dir.path.string());
  REQUIRE(r.trials.size() == 2);
  CHECK(r.trials[0].id == "NCT00000001");
  CHECK(r.trials[1].id == "NCT00000002");
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].input == (dir.path / "c" / "empty.txt").string());
  CHECK(r.problems[1].input == (dir.path / "d.json").string());
  SUBCASE("a folder that does not exist") {
    const auto missing = load_trials((dir.path / "nowhere").string());
    REQUIRE(missing.problems.size() == 1);
    CHECK(missing.problems[0].message == "no such file or folder");
  }
}
