// The concepts added for registry reach (measures_more, conditions_more, treatments_more): the spellings
// criteria use find the right concept, risky look-alikes find nothing, and a drug or subtype never stands
// for its sibling.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "lexicon_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

using trialmatch::engine::Concept;
using trialmatch::engine::ConceptKind;
using trialmatch::engine::Lexicon;

using trialmatch::engine::testing::named_at_start;

TEST_CASE("lexicon more: registry spellings find the right concept") {
  const Lexicon& lex = Lexicon::builtin();
  const std::pair<const char*, const char*> cases[] = {
      // measures
      {"FVC", "fvc"}, {"forced vital capacity", "fvc"}, {"ppFEV1", "fev1_percent_predicted"},
      {"PaO2/FiO2", "pao2_fio2_ratio"}, {"P/F ratio", "pao2_fio2_ratio"}, {"PaCO2", "paco2"},
      {"apnea-hypopnea index", "apnea_hypopnea_index"}, {"AHI", "apnea_hypopnea_index"},
      {"6MWD", "six_minute_walk_distance"}, {"QRS duration", "qrs_duration"}, {"AMH", "amh"},
      {"anti-Mullerian hormone", "amh"}, {"FSH", "fsh"}, {"luteinizing hormone", "lh"}, {"cortisol", "cortisol"},
      {"IgE", "ige"}, {"total IgG", "igg"}, {"eosinophil count", "eosinophils"}, {"creatine kinase", "creatine_kinase"},
      {"CK", "creatine_kinase"}, {"procalcitonin", "procalcitonin"}, {"ESR", "esr"}, {"lactate", "lactate"},
      {"vitamin B12", "vitamin_b12"}, {"C-peptide", "c_peptide"}, {"fasting C-peptide", "fasting_c_peptide"},
      {"HOMA-IR", "homa_ir"}, {"CEA", "cea"}, {"CA-125", "ca_125"}, {"alpha-fetoprotein", "afp"},
      {"HBV DNA level", "hbv_dna"}, {"HCV viral load", "hcv_rna"}, {"MELD score", "meld_score"}, {"Apgar score", "apgar_score"},
      {"Epworth Sleepiness Scale", "epworth_sleepiness_scale"}, {"MADRS", "madrs"}, {"PANSS", "panss"},
      {"CIWA", "ciwa_ar"}, {"Oswestry Disability Index", "oswestry_disability_index"}, {"DAS28", "das28"},
      {"PASI", "pasi"}, {"IPSS", "ipss"}, {"Charlson Comorbidity Index", "charlson_comorbidity_index"},
      {"Barthel Index", "barthel_index"}, {"Hoehn and Yahr stage", "hoehn_yahr_stage"}, {"UPDRS", "updrs"},
      {"HAS-BLED", "has_bled"}, {"IGA", "investigator_global_assessment"}, {"IgA", "iga"}, {"pack-years", "pack_years"},
      {"natremia", "sodium"}, {"numeric rating scale for pain", "pain_score"}, {"HAMD-17", "hamilton_depression"},
      // conditions
      {"NSCLC", "nsclc"}, {"colon cancer", "colon_cancer"}, {"rectal cancer", "rectal_cancer"},
      {"HCC", "hepatocellular_carcinoma"}, {"glioblastoma", "glioblastoma"}, {"Crohn's disease", "crohn_disease"},
      {"ulcerative colitis", "ulcerative_colitis"}, {"NAFLD", "fatty_liver_disease"}, {"NASH", "steatohepatitis"},
      {"hypothyroidism", "hypothyroidism"}, {"obstructive sleep apnea", "obstructive_sleep_apnea"}, {"OSA", "obstructive_sleep_apnea"},
      {"mild cognitive impairment", "mild_cognitive_impairment"}, {"PTSD", "ptsd"}, {"ADHD", "adhd"},
      {"autism spectrum disorder", "autism_spectrum_disorder"}, {"suicidal ideation", "suicidal_ideation"},
      {"knee osteoarthritis", "knee_osteoarthritis"}, {"rheumatoid arthritis", "rheumatoid_arthritis"},
      {"ESRD", "end_stage_renal_disease"}, {"acute kidney injury", "acute_kidney_injury"},
      {"BPH", "benign_prostatic_hyperplasia"}, {"primary open-angle glaucoma", "open_angle_glaucoma"},
      {"DME", "diabetic_macular_edema"}, {"nAMD", "neovascular_amd"}, {"SLE", "systemic_lupus_erythematosus"},
      {"lupus anticoagulant", "antiphospholipid_antibodies"}, {"CRE", "cre_infection"}, {"UTI", "urinary_tract_infection"},
      {"postmenopausal", "menopause"}, {"perimenopausal", "perimenopause"}, {"malignant hyperthermia", "malignant_hyperthermia"},
      {"ocular hypertension", "ocular_hypertension"}, {"retinopathy of prematurity", "retinopathy_of_prematurity"},
      // treatments and procedures
      {"SGLT2 inhibitors", "sglt2_inhibitors"}, {"GLP-1 receptor agonists", "glp1_receptor_agonists"},
      {"ARBs", "angiotensin_receptor_blockers"}, {"PPI", "proton_pump_inhibitors"}, {"anti-TNF", "tnf_inhibitors"},
      {"pembrolizumab", "pembrolizumab"}, {"PD-1 inhibitors", "pd1_inhibitors"}, {"EGFR-TKI", "egfr_tkis"},
      {"TCAs", "tricyclic_antidepressants"}, {"SNRIs", "snri"}, {"LABA", "laba"}, {"ICS", "inhaled_corticosteroids"},
      {"local anesthetics", "local_anesthetics"}, {"lidocaine", "lidocaine"}, {"pain medication", "analgesics"},
      {"acetaminophen", "paracetamol"}, {"HRT", "hormone_replacement_therapy"}, {"IVF", "ivf"},
      {"IV iron", "intravenous_iron"}, {"folic acid", "folic_acid_supplementation"},
      {"lactic acid bacteria", "probiotics"}, {"dietary supplements", "dietary_supplements"}, {"CPAP", "cpap"},
      {"colonoscopy", "colonoscopy"}, {"cesarean section", "cesarean_section"}, {"hysterectomy", "hysterectomy"},
      {"total knee arthroplasty", "knee_arthroplasty"}, {"TAVI", "tavr"}, {"pacemaker", "pacemaker"},
      {"metallic implants", "metal_implant"}, {"cognitive behavioral therapy", "cbt"}, {"physiotherapy", "physical_therapy"},
      {"spinal anesthesia", "spinal_anesthesia"}, {"hospitalization", "hospitalization"}, {"ICU", "icu_admission"},
      {"TACE", "chemoembolization"}, {"SBRT", "sbrt"},
  };
  for (const auto& [text, id] : cases) {
    CAPTURE(text);
    const Concept* c = lex.find_name(text);
    REQUIRE(c);
    CHECK(c->id == id);
  }
}

TEST_CASE("lexicon more: look-alikes and ordinary words name nothing new") {
  const Lexicon& lex = Lexicon::builtin();
  // Lower-case words whose capitals are abbreviations elsewhere stay unnamed ("tug", "peep", "meld", "slit").
  for (const char* word : {"tug", "peep", "meld", "slit", "cud", "echo", "vats", "pet", "act", "has bled", "blind",
                           "para", "braces"}) {
    CAPTURE(word);
    CHECK(named_at_start(lex, word).empty());
  }
  // "double-blind" does not hide a condition in "blind".
  CHECK_FALSE(lex.match_name_at("a double-blind study", 9).has_value());
  // Exact case beats an upper-cased abbreviation: IGA is the investigator's assessment, PSA the antigen.
  CHECK(named_at_start(lex, "IGA score") == "investigator_global_assessment");
  CHECK(named_at_start(lex, "PSA") == "psa");
  CHECK(named_at_start(lex, "PsA") == "psoriatic_arthritis");
  // The longest name wins over a shorter one inside it.
  CHECK(named_at_start(lex, "lupus nephritis") == "lupus_nephritis");
  CHECK(named_at_start(lex, "IgA nephropathy") == "iga_nephropathy");
  CHECK(named_at_start(lex, "vitamin D supplementation") == "vitamin_d_supplementation");
  CHECK(named_at_start(lex, "local anesthetics") == "local_anesthetics");
  CHECK(named_at_start(lex, "anesthetics") == "anesthetic_agents");
  CHECK(named_at_start(lex, "anesthesia") == "anesthesia");
  // Diagnostic methods written as "by X" / "on X" are not listed, so they cannot become a required event.
  CHECK(lex.find_name("echocardiography") == nullptr);
  CHECK(lex.find_name("MRI") == nullptr);
  CHECK(lex.find_name("ECG") == nullptr);
}

TEST_CASE("lexicon more: subtypes and members belong to their class, never to a sibling") {
  const Lexicon& lex = Lexicon::builtin();
  CHECK(lex.is_a("pembrolizumab", "pd1_inhibitors"));
  CHECK(lex.is_a("pembrolizumab", "immunotherapy"));
  CHECK(lex.is_a("pembrolizumab", "anti_tumor_therapy"));
  CHECK_FALSE(lex.is_a("pembrolizumab", "nivolumab"));
  CHECK(lex.is_a("rosuvastatin", "statins"));
  CHECK(lex.is_a("lidocaine", "anesthetic_agents"));
  CHECK(lex.is_a("dobutamine", "vasopressors"));        // an inotrope, which the class names
  CHECK(lex.is_a("empagliflozin", "antidiabetics"));
  CHECK(lex.is_a("salmeterol", "laba"));
  CHECK_FALSE(lex.is_a("salbutamol", "laba"));
  CHECK(lex.is_a("salbutamol", "bronchodilators"));
  CHECK(lex.is_a("colon_cancer", "colorectal_cancer"));
  CHECK(lex.is_a("colon_cancer", "malignancy"));
  CHECK_FALSE(lex.is_a("colon_cancer", "rectal_cancer"));
  CHECK(lex.is_a("nsclc", "lung_cancer"));
  CHECK_FALSE(lex.is_a("nsclc", "sclc"));
  CHECK(lex.is_a("glioblastoma", "brain_tumor"));
  CHECK(lex.is_a("knee_arthroplasty", "surgery"));
  CHECK_FALSE(lex.is_a("knee_arthroplasty", "hip_arthroplasty"));
  CHECK(lex.is_a("intravenous_iron", "iron_supplementation"));
  CHECK_FALSE(lex.is_a("oral_iron", "intravenous_iron"));
  CHECK(lex.is_a("cre_infection", "bacterial_infection"));
  CHECK_FALSE(lex.is_a("esbl_infection", "cre_infection"));
  CHECK(lex.is_a("pregabalin", "gabapentinoids"));
  CHECK(lex.is_a("general_anesthesia", "anesthesia"));
  CHECK_FALSE(lex.is_a("perimenopause", "menopause"));
}

TEST_CASE("lexicon more: new measures carry a kind and a unit the grammar can type") {
  const Lexicon& lex = Lexicon::builtin();
  const std::pair<const char*, const char*> units[] = {
      {"fvc", "L"}, {"paco2", "mm[Hg]"}, {"apnea_hypopnea_index", "/h"}, {"amh", "ng/mL"}, {"fsh", "[IU]/L"},
      {"cortisol", "ug/dL"}, {"eosinophils", "10*9/L"}, {"lactate", "mmol/L"}, {"igg", "g/L"},
      {"meld_score", "1"}, {"investigator_global_assessment", "1"}, {"qrs_duration", "ms"},
  };
  for (const auto& [id, unit] : units) {
    CAPTURE(id);
    const Concept* c = lex.find(id);
    REQUIRE(c);
    CHECK(trialmatch::engine::is_measured(c->kind));
    CHECK(c->unit == unit);
  }
  // Scores are on their own scale, with a plausible range for the grammar's class values (Hoehn and Yahr I-V).
  const Concept* hy = lex.find("hoehn_yahr_stage");
  REQUIRE(hy);
  CHECK(hy->kind == ConceptKind::score);
  REQUIRE(hy->plausible);
  CHECK(*hy->plausible->high == 5);
}

TEST_CASE("lexicon more: names that were not synonyms name the narrower (or wider) concept") {
  const Lexicon& lex = Lexicon::builtin();
  // name -> the concept it names now; that concept is_a the one the name used to belong to
  const char* const cases[][3] = {
      {"Hodgkin lymphoma", "hodgkin_lymphoma", "lymphoma"},
      {"NHL", "non_hodgkin_lymphoma", "lymphoma"},
      {"solid tumors", "solid_tumor", "malignancy"},
      {"brain metastases", "brain_metastases", "cns_involvement"},
      {"STEMI", "stemi", "myocardial_infarction"},
      {"septic shock", "septic_shock", "sepsis"},
      {"deep vein thrombosis", "deep_vein_thrombosis", "venous_thromboembolism"},
      {"pulmonary embolism", "pulmonary_embolism", "venous_thromboembolism"},
      {"Alzheimer's disease", "alzheimer_disease", "dementia"},
      {"major depressive disorder", "major_depressive_disorder", "depression"},
      {"generalized anxiety disorder", "generalized_anxiety_disorder", "anxiety_disorder"},
      {"ischemic stroke", "ischemic_stroke", "stroke"},
      {"renal failure", "kidney_failure", "kidney_disease"},
      {"hemophilia", "hemophilia", "bleeding_disorder"},
      {"viral hepatitis", "viral_hepatitis", "hepatitis"},
      {"AIDS", "aids", "hiv_infection"},
      {"complete heart block", "third_degree_av_block", "heart_block"},
      {"LBBB", "left_bundle_branch_block", "bundle_branch_block"},
      {"community-acquired pneumonia", "community_acquired_pneumonia", "pneumonia"},
      {"HoFH", "homozygous_familial_hypercholesterolemia", "familial_hypercholesterolemia"},
      {"radiation pneumonitis", "radiation_pneumonitis", "pneumonitis"},
      {"suicide attempt", "suicide_attempt", "suicidality"},
      {"bilateral oophorectomy", "bilateral_oophorectomy", "oophorectomy"},
      {"immune checkpoint inhibitors", "checkpoint_inhibitors", "immunotherapy"},
      {"TKI", "tyrosine_kinase_inhibitors", "targeted_therapy"},
      {"SBRT", "sbrt", "stereotactic_radiotherapy"},
  };
  for (const auto& [name, id, wider] : cases) {
    CAPTURE(name);
    CHECK(named_at_start(lex, name) == id);
    CHECK(lex.is_a(id, wider));
    CHECK_FALSE(lex.is_a(wider, id));
  }
  // The wider name is its own concept, the narrower one is_a it.
  CHECK(named_at_start(lex, "parkinsonism") == "parkinsonism");
  CHECK(lex.is_a("parkinson_disease", "parkinsonism"));
  CHECK(named_at_start(lex, "kidney cancer") == "kidney_cancer");
  CHECK(lex.is_a("renal_cell_carcinoma", "kidney_cancer"));
  CHECK(named_at_start(lex, "tobacco use") == "tobacco_use");
  CHECK(lex.is_a("smoking", "tobacco_use"));
  // Siblings stay apart: a PD-L1 inhibitor is no PD-1 inhibitor, drug abuse is not alcohol abuse.
  CHECK(lex.is_a("atezolizumab", "pdl1_inhibitors"));
  CHECK_FALSE(lex.is_a("atezolizumab", "pd1_inhibitors"));
  CHECK(lex.is_a("pembrolizumab", "checkpoint_inhibitors"));
  CHECK_FALSE(lex.is_a("alcohol_abuse", "drug_abuse"));
  CHECK(lex.is_a("opioid_abuse", "drug_abuse"));
  // "PE" is no name (physical examination, pleural effusion).
  CHECK(named_at_start(lex, "PE") == "");
  // A patient's code reaches the concept it means, not a wider one listed first.
  const std::pair<const char*, const char*> codes[] = {
      {"E11.9", "type_2_diabetes"}, {"E10.9", "type_1_diabetes"}, {"Z94.0", "kidney_transplant"},
      {"G30.9", "alzheimer_disease"}, {"I21.3", "stemi"}, {"C79.31", "brain_metastases"}, {"D66", "hemophilia"},
      {"C73", "thyroid_cancer"}, {"D56.1", "beta_thalassemia"},
  };
  for (const auto& [code, id] : codes) {
    CAPTURE(code);
    const Concept* c = lex.find_code("icd10", code);
    REQUIRE(c);
    CHECK(c->id == id);
  }
  const Concept* enox = lex.find_code("atc", "B01AB05");
  REQUIRE(enox);
  CHECK(enox->id == "enoxaparin");
}

TEST_CASE("lexicon more: a score's letter classes are spans of the score, and a malformed one is refused") {
  const Concept* cp = Lexicon::builtin().find("child_pugh");
  REQUIRE(cp != nullptr);
  REQUIRE(cp->letter_classes.size() == 3);
  CHECK(cp->letter_classes[1].first == "B");
  CHECK(*cp->letter_classes[1].second.low == 7);
  CHECK(*cp->letter_classes[1].second.high == 9);
  auto lexicon_with = [](const char* classes) {
    return std::string(R"({"concepts": [{"id": "s", "kind": "score", "names": ["S score"], "unit": "1", "letter_classes": )") +
           classes + "}]}";
  };
  CHECK_NOTHROW(Lexicon::from_json(lexicon_with(R"({"A": {"low": 1, "high": 2}})")));
  CHECK_THROWS(Lexicon::from_json(lexicon_with(R"({"AB": {"low": 1, "high": 2}})")));
  CHECK_THROWS(Lexicon::from_json(lexicon_with(R"({"A": {"low": 3, "high": 2}})")));
  CHECK_THROWS(Lexicon::from_json(lexicon_with(R"({"A": {"low": 3}})")));
  CHECK_THROWS(Lexicon::from_json(lexicon_with(R"([1, 2])")));
}

TEST_CASE("lexicon more: units by size name the unit of a bare number, and overlapping spans are refused") {
  const Concept* anc = Lexicon::builtin().find("anc");
  REQUIRE(anc != nullptr);
  REQUIRE(anc->unit_by_size(1500) != nullptr);
  CHECK(anc->unit_by_size(1500)->unit == "/uL");
  REQUIRE(anc->unit_by_size(1.5) != nullptr);
  CHECK(anc->unit_by_size(1.5)->unit == "10*9/L");
  CHECK(anc->unit_by_size(75) == nullptr);  // between the spans: either unit is a guess
  CHECK(Lexicon::builtin().find("hemoglobin")->units_by_size.empty());  // g/dL and mmol/L overlap
  auto lexicon_with = [](const char* spans) {
    return std::string(R"({"concepts": [{"id": "m", "kind": "lab", "names": ["M level"], "unit": "g/L", "units_by_size": )") +
           spans + "}]}";
  };
  CHECK_NOTHROW(Lexicon::from_json(lexicon_with(R"([{"unit": "g/L", "low": 1, "high": 40}, {"unit": "mg/dL", "low": 100, "high": 4000}])")));
  CHECK_THROWS(Lexicon::from_json(lexicon_with(R"([{"unit": "g/L", "low": 1, "high": 400}, {"unit": "mg/dL", "low": 100, "high": 4000}])")));
  CHECK_THROWS(Lexicon::from_json(lexicon_with(R"([{"unit": "g/L", "low": 40, "high": 1}])")));
  CHECK_THROWS(Lexicon::from_json(lexicon_with(R"([{"low": 1, "high": 40}])")));
  CHECK_THROWS(Lexicon::from_json(lexicon_with(R"({"unit": "g/L"})")));
}
