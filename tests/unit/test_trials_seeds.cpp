// The five seed pages (fixtures/trials/seeds) against their golden normalised JSON
// (fixtures/trials/golden), written by reading each page by eye. On a mismatch the actual JSON is
// printed, ready to compare with the golden file.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "trialmatch/matcher/trial.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using trialmatch::matcher::read_trials;
using trialmatch::matcher::Trial;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot open " << p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const fs::path fixtures = fs::path(TRIALMATCH_SOURCE_DIR) / "fixtures" / "trials";

Trial read_seed(const std::string& stem) {
  const auto path = fixtures / "seeds" / (stem + ".txt");
  auto result = read_trials(slurp(path), path.string());
  for (const auto& p : result.problems) FAIL_CHECK(p.input << " " << p.where << ": " << p.message);
  REQUIRE(result.trials.size() == 1);
  return result.trials.front();
}

void check_golden(const std::string& stem) {
  const auto actual = to_json(read_seed(stem));
  const auto golden = json::parse(slurp(fixtures / "golden" / (stem + ".json")));
  CAPTURE(stem);
  if (actual != golden) {
    // Criterion by criterion first, so the message names the first item that differs.
    const auto& a = actual["criteria"];
    const auto& g = golden["criteria"];
    for (std::size_t k = 0; k < std::min(a.size(), g.size()); ++k)
      CHECK_MESSAGE(a[k] == g[k], "criterion " << k << ": got " << a[k].dump() << " want " << g[k].dump());
    CHECK_MESSAGE(a.size() == g.size(), "criteria: got " << a.size() << " want " << g.size());
    FAIL_CHECK("actual:\n" << actual.dump(2));
  }
}

const json& criterion(const json& t, const std::string& section, const std::string& number) {
  for (const auto& c : t["criteria"])
    if (c["section"] == section && c["number"] == number) return c;
  FAIL("no " << section << " " << number);
  static const json none;
  return none;
}

}  // namespace

TEST_CASE("seed 000: API-like page with markdown bullets and a numbered sub-list under a lead-in") {
  check_golden("000_8007e876fffa0622");
  const auto t = to_json(read_seed("000_8007e876fffa0622"));
  SUBCASE("\"History of major organ damage including:\" has twelve children 13.1-13.12, each prefixed") {
    CHECK(criterion(t, "exclusion", "13.2")["text"] ==
          "History of major organ damage including: Total serum bilirubin value >2.5\u00D7ULN;if combined with Gilbert "
          "syndrome, total bilirubin >3\u00D7ULN and direct bilirubin value >2.5\u00D7ULN;");
    CHECK(criterion(t, "exclusion", "14")["text"] == "Uncorrectable coagulation dysfunction or history of severe bleeding disorder");
  }
  SUBCASE("markdown escapes undone: \\< and \\^ become < and ^") {
    CHECK(criterion(t, "exclusion", "5")["text"] ==
          "A white blood cell (WBC) count <3\u00D710^9/L, and/or platelet count <100\u00D710^9/L not related to hypersplenism");
  }
  SUBCASE("structured ages come from \"Minimum/Maximum Eligible Age\", not from the criteria") {
    CHECK(t["min_age"] == json{{"value", 3}, {"unit", "a"}});
    CHECK(t["max_age"] == json{{"value", 35}, {"unit", "a"}});
  }
}

TEST_CASE("seed 001: a rendering that lies about its numbering") {
  check_golden("001_60e60043636f83b6");
  const auto t = to_json(read_seed("001_60e60043636f83b6"));
  SUBCASE("every item reads \"1.\", yet the items are numbered in order") {
    CHECK(criterion(t, "inclusion", "3")["text"] == "CD5 expression rate was >90%;");
  }
  SUBCASE("\"including any of the following conditions:\" with items \"2. 3. 4. c.\" is one inclusion holding them") {
    const std::string text = criterion(t, "inclusion", "2")["text"];
    CHECK(text.starts_with("Consistent with r/r CD5+T-ALL diagnosis, including any of the following conditions: No CR"));
    CHECK(text.ends_with("; Multiple recurrences."));
  }
  SUBCASE("\"\u2022 7.Refers ...\" is the seventh inclusion, as its own number says") {
    CHECK(criterion(t, "inclusion", "7")["text"] == "Refers to the pulse oxygen saturation 92% or higher oxygen (state);");
    CHECK(t["criteria"][10]["text"] == "Those who voluntarily participated in this trial and provided informed consent;");
  }
  SUBCASE("\"Read More\" is page chrome; exclusion sub-items after \"any one should be ruled out:\" are 6.1-6.4") {
    CHECK(criterion(t, "exclusion", "6.4")["text"] ==
          "Received anti-tumor therapy before infusion, should meet the following any one should be ruled out: four weeks received radiotherapy;");
    for (const auto& c : t["criteria"]) CHECK(c["text"].get<std::string>().find("Read More") == std::string::npos);
  }
  SUBCASE("the id comes from \"Registration Number\"") { CHECK(t["id"] == "NCT06633354"); }
}

TEST_CASE("seed 002: the \"More Related Trials\" ids are not this trial's") {
  check_golden("002_3a68ee9928b22ee4");
  const auto t = to_json(read_seed("002_3a68ee9928b22ee4"));
  CHECK(t["id"] == "NCT07338357");
  CHECK(t["criteria"].size() == 21);
}

TEST_CASE("seed 003: header age range, \"Study details\" block and a contact form after the criteria") {
  check_golden("003_4f23b2551162e166");
  const auto t = to_json(read_seed("003_4f23b2551162e166"));
  SUBCASE("\"6-75 years\" in the header is a structured limit; \"Age older than 6 months\" stays a criterion") {
    CHECK(t["min_age"] == json{{"value", 6}, {"unit", "a"}});
    CHECK(t["max_age"] == json{{"value", 75}, {"unit", "a"}});
    CHECK(criterion(t, "inclusion", "1")["text"] == "Age older than 6 months.");
  }
  SUBCASE("the NCT id and condition come from \"Study details\"; the FAQ is not criteria") {
    CHECK(t["id"] == "NCT04010877");
    CHECK(t["conditions"] == json{"Acute Myeloid Leukemia"});
    CHECK(t["criteria"].size() == 14);
  }
}

TEST_CASE("seed 004: no NCT id, items run together on wrapped lines") {
  check_golden("004_6c023fa2854aed3f");
  const auto t = to_json(read_seed("004_6c023fa2854aed3f"));
  SUBCASE("the id is derived from the title, the same on every run") {
    CHECK(t["id"] == "TM-587ADD54B34C");
  }
  SUBCASE("\"1) Age \u226418, male or female; 2) Patients ...\" splits at each number, even \"... values 7)\" at a line end") {
    CHECK(criterion(t, "inclusion", "1")["text"] == "Age \u226418, male or female;");
    CHECK(criterion(t, "exclusion", "7")["text"].get<std::string>().starts_with("Children who have used live attenuated vaccine"));
  }
  SUBCASE("\"Age \u226418\" only in the criteria is no structured limit") {
    CHECK(t["min_age"].is_null());
    CHECK(t["max_age"].is_null());
  }
  SUBCASE("\"including: A; B; C\" on one line gives exclusion sub-items 6.1-6.3") {
    CHECK(criterion(t, "exclusion", "6.1")["text"] ==
          "children with liver and kidney dysfunction, including: Serum creatinine >2\u00D7 upper limit of normal reference value");
  }
}

TEST_CASE("the seed folder loads as the bundled library: five trials, no problems, sorted by path") {
  const auto result = trialmatch::matcher::load_trials((fixtures / "seeds").string());
  CHECK(result.problems.empty());
  REQUIRE(result.trials.size() == 5);
  CHECK(result.trials[0].id == "NCT05860595");
  CHECK(result.trials[4].id == "TM-587ADD54B34C");
}
