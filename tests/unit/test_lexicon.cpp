// The built-in lexicon: every required concept, well-formed codes, readable units, unambiguous names.
#include <doctest/doctest.h>

#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/units.hpp"

using trialmatch::engine::Concept;
using trialmatch::engine::ConceptKind;
using trialmatch::engine::Lexicon;

namespace {

// LOINC's Mod 10 check digit: from the right, double every other digit starting with the rightmost.
bool loinc_ok(const std::string& code) {
  static const std::regex shape(R"(([0-9]{1,7})-([0-9]))");
  std::smatch m;
  if (!std::regex_match(code, m, shape)) return false;
  const std::string body = m[1];
  int sum = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    int d = body[body.size() - 1 - i] - '0';
    if (i % 2 == 0) {
      d *= 2;
      d = d / 10 + d % 10;
    }
    sum += d;
  }
  return (10 - sum % 10) % 10 == m[2].str()[0] - '0';
}

// SNOMED CT identifiers end in a Verhoeff check digit, after a two-digit partition (00 or 10 for concepts).
bool snomed_ok(const std::string& code) {
  static const int d[10][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
                                {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
                                {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
                                {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
                                {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
  static const int p[8][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
                               {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
                               {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
                               {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
  static const std::regex shape(R"([1-9][0-9]{5,17})");
  if (!std::regex_match(code, shape)) return false;
  const std::string partition = code.substr(code.size() - 3, 2);
  if (partition != "00" && partition != "10") return false;
  int c = 0;
  for (std::size_t i = 0; i < code.size(); ++i) c = d[c][p[i % 8][code[code.size() - 1 - i] - '0']];
  return c == 0;
}

std::string normalised(const std::string& name) {
  std::string out;
  for (char ch : name) {
    if (ch == '-' || std::isspace(static_cast<unsigned char>(ch))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("lexicon: every concept id the common brief guarantees exists with the right kind") {
  const Lexicon& lex = Lexicon::builtin();
  const std::string measures =
      "age alt ast total_bilirubin direct_bilirubin creatinine creatinine_clearance egfr hemoglobin platelets wbc anc "
      "lymphocytes inr aptt albumin glucose hba1c ferritin lvef fev1_fvc_ratio dlco oxygen_saturation karnofsky lansky "
      "ecog life_expectancy body_weight bmi height systolic_bp diastolic_bp heart_rate qtc nyha_class asa_class "
      "pain_score gestational_age transfusion_volume transfusion_count cd5_expression cll1_expression cd123_expression "
      "cd33_expression bone_marrow_blasts potassium sodium calcium alkaline_phosphatase tsh cd4_count hiv_viral_load "
      "psa lipase amylase triglycerides ldl_cholesterol hematocrit troponin urine_protein temperature";
  const std::string events =
      "hiv_infection hepatitis_b hepatitis_c hepatitis_e cmv_infection ebv_infection syphilis pregnancy breastfeeding "
      "cns_involvement cns_disease epilepsy allogeneic_hsct autologous_hsct hsct organ_transplant live_vaccine "
      "hydroxyurea systemic_corticosteroids prednisone dexamethasone methylprednisolone hydrocortisone "
      "acute_promyelocytic_leukemia acute_myeloid_leukemia t_cell_acute_lymphoblastic_leukemia "
      "chronic_myeloid_leukemia down_syndrome fanconi_anemia gilbert_syndrome hypersplenism malignancy gene_therapy "
      "car_t_therapy chemotherapy radiotherapy targeted_therapy anti_tumor_therapy major_surgery gvhd hypertension "
      "diabetes_mellitus myocardial_infarction stroke heart_failure cirrhosis bridging_fibrosis arrhythmia "
      "unstable_angina pulmonary_hypertension alpha_thalassemia beta_thalassemia iron_overload immunodeficiency "
      "psychiatric_disorder alcohol_abuse substance_abuse active_infection investigational_drug bleeding_disorder "
      "coagulation_disorder dementia heparin opioids antibiotics anticoagulants smoking dialysis mechanical_ventilation";
  std::istringstream m(measures);
  for (std::string id; m >> id;) {
    CAPTURE(id);
    const Concept* c = lex.find(id);
    REQUIRE(c);
    CHECK(trialmatch::engine::is_measured(c->kind));
    CHECK_FALSE(c->unit.empty());
  }
  std::istringstream e(events);
  for (std::string id; e >> id;) {
    CAPTURE(id);
    const Concept* c = lex.find(id);
    REQUIRE(c);
    CHECK_FALSE(trialmatch::engine::is_measured(c->kind));
  }
  CHECK(lex.concepts().size() >= 150);
}

TEST_CASE("lexicon: codes have their system's shape and check digits") {
  static const std::regex icd10(R"([A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?)");
  static const std::regex atc(R"([A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?)");
  static const std::regex cvx(R"([0-9]{1,3})");
  for (const Concept& c : Lexicon::builtin().concepts()) {
    CAPTURE(c.id);
    for (const auto& [system, codes] : c.codes) {
      CAPTURE(system);
      CHECK_FALSE(codes.empty());
      for (const auto& code : codes) {
        CAPTURE(code);
        if (system == "loinc") CHECK(loinc_ok(code));
        else if (system == "snomed") CHECK(snomed_ok(code));
        else if (system == "icd10") CHECK(std::regex_match(code, icd10));
        else if (system == "atc") CHECK(std::regex_match(code, atc));
        else if (system == "cvx") CHECK(std::regex_match(code, cvx));
        else FAIL("unknown code system");
      }
    }
  }
  CHECK(loinc_ok("718-7"));
  CHECK_FALSE(loinc_ok("718-8"));
  CHECK(snomed_ok("86406008"));
  CHECK_FALSE(snomed_ok("86406009"));
}

TEST_CASE("lexicon: units, ranges and parents are readable and consistent") {
  const Lexicon& lex = Lexicon::builtin();
  for (const Concept& c : lex.concepts()) {
    CAPTURE(c.id);
    for (const auto& parent : c.is_a) CHECK(lex.find(parent) != nullptr);
    if (!c.unit.empty()) {
      auto unit = trialmatch::engine::units::read_unit(c.unit);
      REQUIRE(unit.has_value());
      CHECK(unit->ucum == c.unit);  // stored in canonical UCUM
      for (const auto* range : {c.reference_range ? &*c.reference_range : nullptr, c.plausible ? &*c.plausible : nullptr}) {
        if (!range) continue;
        auto range_unit = trialmatch::engine::units::read_unit(range->unit);
        REQUIRE(range_unit.has_value());
        CHECK(std::holds_alternative<trialmatch::engine::units::Conversion>(
            trialmatch::engine::units::conversion(*unit, *range_unit, c.molar_mass)));
        if (range->low && range->high) CHECK(*range->low <= *range->high);
      }
    }
    for (const auto& measure : c.defined_by) {
      CAPTURE(measure);
      const Concept* m = lex.find(measure);
      REQUIRE(m != nullptr);
      CHECK(trialmatch::engine::is_measured(m->kind));
      CHECK(c.kind == trialmatch::engine::ConceptKind::condition);
    }
    for (const auto& span : c.units_by_size) {
      CAPTURE(span.unit);
      CHECK(trialmatch::engine::units::read_unit(span.unit).has_value());
      CHECK_FALSE(c.unit.empty());
    }
    if (c.reference_range) CHECK_FALSE(c.reference_range->source.empty());
    if (c.molar_mass) CHECK(*c.molar_mass > 1);
  }
}

TEST_CASE("lexicon: no name or abbreviation points at two concepts") {
  std::map<std::string, std::set<std::string>> names, abbreviations;
  for (const Concept& c : Lexicon::builtin().concepts()) {
    names[normalised(c.id)].insert(c.id);
    for (const auto& n : c.names) names[normalised(n)].insert(c.id);
    for (const auto& a : c.abbreviations) abbreviations[a].insert(c.id);
  }
  for (const auto& [name, ids] : names) {
    CAPTURE(name);
    CHECK(ids.size() == 1);
  }
  for (const auto& [abbreviation, ids] : abbreviations) {
    CAPTURE(abbreviation);
    CHECK(ids.size() == 1);
  }
}

TEST_CASE("lexicon: the synonyms criteria use find the right concept") {
  const Lexicon& lex = Lexicon::builtin();
  const std::pair<const char*, const char*> cases[] = {
      {"ALT", "alt"}, {"SGPT", "alt"}, {"alanine aminotransferase", "alt"}, {"Alanine transaminase", "alt"},
      {"total serum bilirubin", "total_bilirubin"}, {"serum total bilirubin", "total_bilirubin"},
      {"Total bilirubin", "total_bilirubin"}, {"TBIL", "total_bilirubin"}, {"direct bilirubin", "direct_bilirubin"},
      {"left ventricular ejection fraction", "lvef"}, {"LVEF", "lvef"}, {"ejection fraction", "lvef"},
      {"cardiac ejection fraction", "lvef"}, {"platelet count", "platelets"}, {"platelets", "platelets"},
      {"PLT", "platelets"}, {"white blood cell count", "wbc"}, {"WBC", "wbc"}, {"leukocytes", "wbc"},
      {"Karnofsky performance status", "karnofsky"}, {"KPS", "karnofsky"}, {"Karnofsky score", "karnofsky"},
      {"Lansky", "lansky"}, {"Lansky performance status", "lansky"}, {"ECOG", "ecog"},
      {"Eastern Cooperative Oncology Group performance status", "ecog"}, {"life expectancy", "life_expectancy"},
      {"expected survival", "life_expectancy"}, {"body weight", "body_weight"}, {"weight", "body_weight"},
      {"oxygen saturation", "oxygen_saturation"}, {"SpO2", "oxygen_saturation"},
      {"pulse oxygen saturation", "oxygen_saturation"}, {"HBsAg", "hepatitis_b"}, {"HCV antibody", "hepatitis_c"},
      {"HCV-Ab", "hepatitis_c"}, {"Treponema pallidum antibody", "syphilis"}, {"TP-Ab", "syphilis"},
      {"allo-HSCT", "allogeneic_hsct"}, {"allogeneic hematopoietic stem cell transplantation", "allogeneic_hsct"},
      {"auto-HSCT", "autologous_hsct"}, {"nursing", "breastfeeding"}, {"lactating", "breastfeeding"},
      {"breastfeeding", "breastfeeding"}, {"pregnant", "pregnancy"}, {"pregnancy", "pregnancy"},
      {"APL", "acute_promyelocytic_leukemia"}, {"acute promyelocytic leukemia", "acute_promyelocytic_leukemia"},
      {"Down syndrome", "down_syndrome"}, {"CNS involvement", "cns_involvement"},
      {"live attenuated vaccine", "live_vaccine"}, {"glucocorticoid", "corticosteroids"},
      {"glucocorticoids", "corticosteroids"}, {"systemic glucocorticoids", "systemic_corticosteroids"}, {"eGFR", "egfr"}, {"EGFR", "egfr_mutation"},
      {"Hgb", "hemoglobin"}, {"HbA1c", "hba1c"}, {"NYHA", "nyha_class"}, {"BMI", "bmi"},
  };
  for (const auto& [text, id] : cases) {
    CAPTURE(text);
    const Concept* c = lex.find_name(text);
    REQUIRE(c);
    CHECK(c->id == id);
  }
  // Ids name their concept in a whole-string lookup, never inside prose.
  REQUIRE(lex.find_name("total_bilirubin"));
  CHECK(lex.find_name("total_bilirubin")->id == "total_bilirubin");
  // Abbreviations are case-sensitive: "alt" in prose is not ALT.
  CHECK_FALSE(lex.match_name_at("to alt the dose", 3).has_value());
  // Longest name wins; exact case beats the upper-cased variant.
  auto m = lex.match_name_at("EGFR mutation positive", 0);
  REQUIRE(m);
  CHECK(m->entry->id == "egfr_mutation");
  m = lex.match_name_at("nursing home residents", 0);
  REQUIRE(m);
  CHECK(m->entry->id == "nursing_home");
  m = lex.match_name_at("portal hypertension", 0);
  REQUIRE(m);
  CHECK(m->entry->id == "portal_hypertension");
}

TEST_CASE("lexicon: drug classes by is_a and by ATC prefix") {
  const Lexicon& lex = Lexicon::builtin();
  CHECK(lex.is_a("prednisone", "systemic_corticosteroids"));
  CHECK(lex.is_a("dexamethasone", "corticosteroids"));
  CHECK(lex.is_a("apixaban", "anticoagulants"));  // ATC B01AF02 under B01AF, one of the class's groups
  CHECK(lex.is_a("warfarin", "anticoagulants"));
  CHECK_FALSE(lex.is_a("aspirin", "anticoagulants"));
  CHECK(lex.is_a("mmr_vaccine", "live_vaccine"));
  CHECK(lex.is_a("mmr_vaccine", "vaccine"));
  CHECK(lex.is_a("allogeneic_hsct", "hsct"));
  CHECK_FALSE(lex.is_a("hsct", "organ_transplant"));
  CHECK(lex.is_a("acute_promyelocytic_leukemia", "acute_myeloid_leukemia"));
  CHECK(lex.is_a("acute_promyelocytic_leukemia", "malignancy"));
  CHECK(lex.is_a("cyclophosphamide", "chemotherapy"));
  CHECK_FALSE(lex.is_a("targeted_therapy", "chemotherapy"));
  CHECK(lex.is_a("morphine", "opioids"));
  CHECK(lex.is_a("methadone", "opioids"));
  CHECK(lex.is_a("hepatitis_b", "viral_infection"));
  CHECK_FALSE(lex.is_a("hepatitis_b_surface_antibody", "hepatitis_b"));
}
