// Lexicon reach (issue 6): concepts that registry criteria commonly name and the lexicon lacked. The
// spellings criteria use find the right concept, a qualified kind is not its plain parent (nor the parent its
// kind), and abbreviations with another common sense in criteria stay out.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "lexicon_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

using trialmatch::engine::Concept;
using trialmatch::engine::ConceptKind;
using trialmatch::engine::Lexicon;

using trialmatch::engine::testing::named_at_start;

TEST_CASE("lexicon reach: registry spellings find the right concept") {
  const Lexicon& lex = Lexicon::builtin();
  const std::pair<const char*, const char*> cases[] = {
      // conditions
      {"prediabetes", "prediabetes"}, {"pre-diabetic", "prediabetes"}, {"IGT", "impaired_glucose_tolerance"},
      {"impaired fasting glucose", "impaired_fasting_glucose"},
      {"platelet dysfunction syndrome", "platelet_function_disorder"}, {"platelet function disorder", "platelet_function_disorder"},
      {"anus fistula", "anal_fistula"}, {"fistula-in-ano", "anal_fistula"}, {"heterotopic ossification", "heterotopic_ossification"},
      {"hypokalaemia", "hypokalemia"}, {"hyperkalemia", "hyperkalemia"}, {"hyponatraemia", "hyponatremia"},
      {"hypocalcaemia", "hypocalcemia"}, {"hyperphosphatemia", "hyperphosphatemia"}, {"uraemia", "uremia"},
      {"terminal illness", "terminal_illness"}, {"PPROM", "preterm_premature_rupture_of_membranes"},
      {"preterm prelabor rupture of the membranes", "preterm_premature_rupture_of_membranes"},
      {"premature rupture of membranes", "premature_rupture_of_membranes"}, {"IUGR", "fetal_growth_restriction"},
      {"intrauterine growth restriction", "fetal_growth_restriction"}, {"singleton gestation", "singleton_pregnancy"},
      {"AECOPD", "copd_exacerbation"}, {"acute exacerbation of COPD", "copd_exacerbation"},
      {"uncontrolled asthma", "uncontrolled_asthma"}, {"severe asthma", "severe_asthma"},
      {"decompensated heart failure", "acute_heart_failure"}, {"acute coronary syndrome", "acute_coronary_syndrome"},
      {"food allergies", "food_allergy"}, {"lactose intolerance", "lactose_intolerance"},
      {"vitamin B12 deficiency", "vitamin_b12_deficiency"}, {"folic acid deficiency", "folate_deficiency"},
      {"chronic diarrhoea", "chronic_diarrhea"}, {"PONV", "ponv"}, {"febrile neutropenia", "febrile_neutropenia"},
      {"sickle cell trait", "sickle_cell_trait"}, {"DIC", "disseminated_intravascular_coagulation"},
      {"Cushing's syndrome", "cushing_syndrome"}, {"secondary hyperparathyroidism", "secondary_hyperparathyroidism"},
      {"Guillain-Barre syndrome", "guillain_barre_syndrome"}, {"Bell's palsy", "bell_palsy"},
      {"hospice care", "hospice_care"}, {"oral thrush", "oral_candidiasis"},
      {"candidemia", "invasive_candidiasis"}, {"opioid-induced constipation", "opioid_induced_constipation"},
      {"post-herpetic neuralgia", "postherpetic_neuralgia"}, {"allergic rhinitis", "allergic_rhinitis"},
      {"CRSwNP", "crswnp"}, {"ADPKD", "adpkd"}, {"hypertrophic cardiomyopathy", "hypertrophic_cardiomyopathy"},
      {"POTS", "pots"}, {"Wolff-Parkinson-White syndrome", "wpw_syndrome"}, {"sick sinus syndrome", "sick_sinus_syndrome"},
      {"EoE", "eosinophilic_esophagitis"}, {"Barrett's esophagus", "barrett_esophagus"}, {"PBC", "primary_biliary_cholangitis"},
      {"Wilson disease", "wilson_disease"}, {"tennis elbow", "lateral_epicondylitis"}, {"frozen shoulder", "adhesive_capsulitis"},
      {"avascular necrosis", "osteonecrosis"}, {"ONJ", "osteonecrosis_of_the_jaw"}, {"cervical radiculopathy", "cervical_radiculopathy"},
      {"chronic bronchitis", "chronic_bronchitis"}, {"self-injury", "self_harm"}, {"NSSI", "nonsuicidal_self_injury"},
      {"HIF-PH inhibitors", "hif_ph_inhibitors"}, {"roxadustat", "roxadustat"},
      {"claustrophobia", "claustrophobia"}, {"uncontrolled diabetes mellitus", "uncontrolled_diabetes"},
      {"neuromuscular disease", "neuromuscular_disease"}, {"hypercoagulable state", "thrombophilia"},
      {"serious mental illness", "severe_mental_illness"}, {"congenital immune deficiency", "primary_immunodeficiency"},
      {"wheelchair-bound", "wheelchair_dependence"}, {"bedridden", "bedridden"}, {"PICC line", "picc"},
      {"Foley catheter", "urinary_catheter"}, {"allopurinol", "allopurinol"}, {"5-alpha reductase inhibitors", "five_alpha_reductase_inhibitors"},
      {"alpha-blockers", "alpha_blockers"}, {"aciclovir", "acyclovir"}, {"vitamin K", "vitamin_k"},
      {"vitamin K antagonists", "vitamin_k_antagonists"}, {"dry mouth", "xerostomia"},
      {"LAA thrombus", "left_atrial_thrombus"}, {"portal vein thrombosis", "portal_vein_thrombosis"},
      {"deep vein thrombosis", "deep_vein_thrombosis"}, {"Churg-Strauss syndrome", "egpa"}, {"diabetic nephropathy", "diabetic_kidney_disease"},
      {"PNH", "paroxysmal_nocturnal_hemoglobinuria"}, {"HNPCC", "lynch_syndrome"}, {"SLNB", "sentinel_lymph_node_biopsy"},
      {"intra-amniotic infection", "chorioamnionitis"}, {"ABPA", "abpa"}, {"septorhinoplasty", "rhinoplasty"},
      {"mCRPC", "mcrpc"}, {"TNBC", "tnbc"}, {"NMSC", "non_melanoma_skin_cancer"}, {"DLBCL", "dlbcl"}, {"MGUS", "mgus"},
      {"GIST", "gist"}, {"peritoneal carcinomatosis", "peritoneal_metastases"}, {"pulmonary metastases", "lung_metastases"},
      {"Wilms tumour", "wilms_tumor"}, {"carcinoma in situ", "carcinoma_in_situ"},
      {"paroxysmal atrial fibrillation", "paroxysmal_atrial_fibrillation"}, {"secondary hypertension", "secondary_hypertension"},
      {"volume overload", "fluid_overload"}, {"binge drinking", "binge_drinking"}, {"coronary revascularization", "coronary_revascularization"},
      {"TBUT", "tear_breakup_time"}, {"Schirmer's test", "schirmer_test"},
      {"coronary disease", "coronary_artery_disease"}, {"percutaneous coronary revascularization", "pci"},
      {"erythropoietin stimulating agent", "erythropoiesis_stimulating_agents"}, {"FK-506", "tacrolimus"},
      {"prostacyclin", "prostacyclin_analogues"}, {"chromosomal anomaly", "chromosomal_abnormality"},
      {"RSV", "rsv_infection"}, {"RSV vaccine", "rsv_vaccine"}, {"H. pylori infection", "h_pylori_infection"},
      {"Helicobacter pylori eradication", "h_pylori_eradication"}, {"STI", "sexually_transmitted_infection"},
      {"hepatitis A", "hepatitis_a"}, {"hepatitis A vaccine", "hepatitis_a_vaccine"}, {"Lyme disease", "lyme_disease"},
      {"athlete's foot", "tinea_pedis"}, {"DLB", "dementia_with_lewy_bodies"}, {"FTD", "frontotemporal_dementia"},
      {"NMOSD", "nmosd"}, {"CIDP", "cidp"}, {"CIPN", "cipn"}, {"DDH", "developmental_dysplasia_of_the_hip"},
      {"Tdap", "tetanus_vaccine"}, {"Shingrix", "recombinant_zoster_vaccine"}, {"chemoradiation", "chemoradiotherapy"},
      {"weight loss program", "weight_loss_program"}, {"weight loss", "weight_loss"}, {"IV contrast", "contrast_media"},
      {"NEC", "necrotizing_enterocolitis"}, {"HIE", "hypoxic_ischemic_encephalopathy"}, {"PPHN", "pphn"}, {"HELLP", "hellp_syndrome"},
      {"TTTS", "twin_twin_transfusion_syndrome"}, {"CMPA", "cow_milk_protein_allergy"}, {"VBAC", "vbac"},
      {"bronchopulmonary dysplasia", "bronchopulmonary_dysplasia"}, {"hyperemesis", "hyperemesis_gravidarum"},
      {"P2Y12 inhibitors", "p2y12_inhibitors"}, {"factor Xa inhibitors", "factor_xa_inhibitors"}, {"digitalis", "cardiac_glycosides"},
      {"SERMs", "serms"}, {"5-HT3 antagonists", "five_ht3_antagonists"}, {"INSTI", "integrase_inhibitors"},
      {"tetracycline", "tetracycline"}, {"tetracyclines", "tetracyclines"}, {"DDAVP", "desmopressin"},
      {"TRD", "treatment_resistant_depression"}, {"dysthymia", "persistent_depressive_disorder"},
      {"conversion disorder", "functional_neurological_disorder"}, {"vaping", "e_cigarette_use"}, {"hookah", "waterpipe_smoking"},
      {"PWID", "injection_drug_use"}, {"domestic violence", "intimate_partner_violence"}, {"hearing aids", "hearing_aid"},
      {"HFrEF", "hfref"}, {"HFpEF", "hfpef"}, {"aortic insufficiency", "aortic_regurgitation"}, {"LVH", "left_ventricular_hypertrophy"},
      {"diastolic dysfunction", "diastolic_dysfunction"}, {"diastolic blood pressure", "diastolic_bp"}, {"frequent PVCs", "frequent_pvcs"},
      {"CTEPH", "cteph"}, {"Prinzmetal angina", "vasospastic_angina"}, {"LAAO", "laa_closure"}, {"neurogenic claudication", "neurogenic_claudication"},
      {"wrist fracture", "distal_radius_fracture"}, {"femoral neck fracture", "hip_fracture"}, {"femoral fracture", "femoral_fracture"},
      {"CRPS", "crps"}, {"JIA", "juvenile_idiopathic_arthritis"}, {"ORIF", "orif"}, {"PJI", "periprosthetic_joint_infection"},
      {"spinal arthrodesis", "spinal_fusion"}, {"arthrodesis", "arthrodesis"},
      {"FSGS", "fsgs"}, {"menorrhagia", "heavy_menstrual_bleeding"}, {"hot flushes", "vasomotor_symptoms"}, {"PMDD", "pmdd"},
      {"DILI", "drug_induced_liver_injury"}, {"SIBO", "sibo"}, {"undescended testis", "cryptorchidism"}, {"renal colic", "renal_colic"},
      // treatments and procedures
      {"phosphodiesterase type 5 inhibitors", "pde5_inhibitors"}, {"PDE-5 inhibitors", "pde5_inhibitors"},
      {"sildenafil", "sildenafil"}, {"vasodilators", "vasodilators"}, {"prostacyclin analogues", "prostacyclin_analogues"},
      {"endothelin receptor antagonists", "endothelin_receptor_antagonists"}, {"6-mercaptopurine", "mercaptopurine"},
      {"antacid", "antacids"}, {"antiparasitics", "antiparasitics"}, {"prebiotics", "prebiotics"},
      {"insulin pump", "insulin_pump"}, {"CGM", "continuous_glucose_monitoring"},
      {"living donor liver transplantation", "living_donor_liver_transplantation"},
      {"Whipple procedure", "pancreaticoduodenectomy"}, {"total shoulder arthroplasty", "shoulder_arthroplasty"},
      {"kyphoplasty", "vertebral_augmentation"}, {"uterine surgery", "uterine_surgery"},
      // measures
      {"iPTH", "pth"}, {"parathyroid hormone", "pth"}, {"FT3", "free_t3"}, {"IGF-1", "igf1"}, {"TIBC", "tibc"},
      {"MCV", "mcv"}, {"UPCR", "urine_protein_creatinine_ratio"}, {"FIB-4", "fib4"}, {"liver stiffness", "liver_stiffness"},
      {"probing pocket depth", "probing_depth"}, {"clinical attachment loss", "clinical_attachment_level"},
      {"CAL", "clinical_attachment_level"}, {"KCCQ", "kccq"}, {"DLQI", "dlqi"}, {"UAS7", "uas7"},
      {"modified Mayo score", "modified_mayo_score"}, {"Harvey-Bradshaw Index", "harvey_bradshaw_index"},
      {"handgrip strength", "grip_strength"}, {"SPPB", "sppb"},
  };
  for (const auto& [text, id] : cases) {
    CAPTURE(text);
    CHECK(named_at_start(lex, text) == id);
  }
}

TEST_CASE("lexicon reach: a qualified kind is its own concept, the plain name its parent") {
  const Lexicon& lex = Lexicon::builtin();
  // "uncontrolled asthma" in an exclusion must not exclude every asthmatic, nor "severe asthma".
  CHECK(named_at_start(lex, "asthma") == "asthma");
  CHECK(lex.is_a("uncontrolled_asthma", "asthma"));
  CHECK(lex.is_a("severe_asthma", "asthma"));
  CHECK_FALSE(lex.is_a("asthma", "uncontrolled_asthma"));
  CHECK_FALSE(lex.is_a("uncontrolled_asthma", "severe_asthma"));
  CHECK(lex.is_a("impaired_glucose_tolerance", "prediabetes"));
  CHECK_FALSE(lex.is_a("prediabetes", "diabetes_mellitus"));
  CHECK(lex.is_a("preterm_premature_rupture_of_membranes", "premature_rupture_of_membranes"));
  CHECK(lex.is_a("acute_heart_failure", "heart_failure"));
  CHECK_FALSE(lex.is_a("chronic_heart_failure", "acute_heart_failure"));
  CHECK(lex.is_a("stemi", "acute_coronary_syndrome"));
  CHECK(lex.is_a("unstable_angina", "acute_coronary_syndrome"));
  CHECK(lex.is_a("platelet_function_disorder", "bleeding_disorder"));
  CHECK(lex.is_a("febrile_neutropenia", "neutropenia"));
  CHECK(lex.is_a("heparin_induced_thrombocytopenia", "thrombocytopenia"));
  CHECK(lex.is_a("peanut_allergy", "allergy"));
  CHECK(lex.is_a("singleton_pregnancy", "pregnancy"));
  CHECK_FALSE(lex.is_a("singleton_pregnancy", "multiple_pregnancy"));
  CHECK(lex.is_a("sildenafil", "pde5_inhibitors"));
  CHECK(lex.is_a("sildenafil", "vasodilators"));
  CHECK_FALSE(lex.is_a("sildenafil", "tadalafil"));
  CHECK(lex.is_a("bosentan", "endothelin_receptor_antagonists"));
  CHECK(lex.is_a("ivermectin", "antiparasitics"));
  CHECK(lex.is_a("living_donor_liver_transplantation", "liver_transplant"));
  CHECK(lex.is_a("adpkd", "polycystic_kidney_disease"));
  CHECK(lex.is_a("crswnp", "sinusitis"));
  CHECK(lex.is_a("eosinophilic_esophagitis", "esophagitis"));
  CHECK(lex.is_a("autoimmune_hepatitis", "autoimmune_disease"));
  CHECK_FALSE(lex.is_a("autoimmune_hepatitis", "viral_hepatitis"));
  CHECK(lex.is_a("roxadustat", "hif_ph_inhibitors"));
  CHECK(lex.is_a("uncontrolled_diabetes", "diabetes_mellitus"));
  CHECK_FALSE(lex.is_a("diabetes_mellitus", "uncontrolled_diabetes"));
  CHECK(lex.is_a("primary_immunodeficiency", "immunocompromised"));
  CHECK(lex.is_a("bedridden", "non_ambulatory"));
  CHECK(lex.is_a("finasteride", "five_alpha_reductase_inhibitors"));
  CHECK_FALSE(lex.is_a("tamsulosin", "five_alpha_reductase_inhibitors"));
  CHECK(lex.is_a("picc", "central_venous_catheter"));
  CHECK(lex.is_a("left_atrial_thrombus", "thrombosis"));
  CHECK_FALSE(lex.is_a("left_atrial_thrombus", "venous_thrombosis"));
  CHECK(lex.is_a("portal_vein_thrombosis", "venous_thrombosis"));
  CHECK(lex.is_a("diabetic_kidney_disease", "chronic_kidney_disease"));
  CHECK(lex.is_a("ulcerative_proctitis", "ulcerative_colitis"));
  CHECK(lex.is_a("pituitary_adenoma", "pituitary_tumor"));
  CHECK(lex.is_a("retinoblastoma", "malignancy"));
  CHECK_FALSE(lex.is_a("craniopharyngioma", "malignancy"));
  CHECK(lex.is_a("basal_cell_carcinoma", "non_melanoma_skin_cancer"));
  CHECK(lex.is_a("squamous_cell_skin_cancer", "non_melanoma_skin_cancer"));
  CHECK_FALSE(lex.is_a("cutaneous_melanoma", "non_melanoma_skin_cancer"));
  CHECK(lex.is_a("cutaneous_melanoma", "skin_cancer"));
  CHECK(lex.is_a("ductal_carcinoma_in_situ", "carcinoma_in_situ"));
  CHECK_FALSE(lex.is_a("carcinoma_in_situ", "malignancy"));
  CHECK(lex.is_a("mcrpc", "prostate_cancer"));
  CHECK(lex.is_a("mcrpc", "metastatic_disease"));
  CHECK_FALSE(lex.is_a("mhspc", "crpc"));
  CHECK(lex.is_a("dlbcl", "lymphoma"));
  CHECK_FALSE(lex.is_a("mgus", "malignancy"));
  CHECK(lex.is_a("polycythemia_vera", "myeloproliferative_neoplasm"));
  CHECK(lex.is_a("pci", "coronary_revascularization"));
  CHECK(lex.is_a("cabg", "coronary_revascularization"));
  CHECK(lex.is_a("permanent_atrial_fibrillation", "atrial_fibrillation"));
  CHECK_FALSE(lex.is_a("atrial_fibrillation", "permanent_atrial_fibrillation"));
  CHECK(lex.is_a("secondary_hypertension", "hypertension"));
  CHECK(lex.is_a("syphilis", "sexually_transmitted_infection"));
  CHECK(lex.is_a("hepatitis_a", "viral_hepatitis"));
  CHECK_FALSE(lex.is_a("hepatitis_a", "hepatitis_b"));
  CHECK(lex.is_a("schistosomiasis", "parasitic_infection"));
  CHECK(lex.is_a("vascular_dementia", "dementia"));
  CHECK(lex.is_a("cipn", "neuropathy"));
  CHECK(lex.is_a("chemoradiotherapy", "radiotherapy"));
  CHECK(lex.is_a("chemoradiotherapy", "chemotherapy"));
  CHECK(lex.is_a("recombinant_zoster_vaccine", "zoster_vaccine"));
  CHECK(lex.is_a("hellp_syndrome", "hypertensive_disorder_of_pregnancy"));
  CHECK(lex.is_a("cow_milk_protein_allergy", "food_allergy"));
  CHECK(lex.is_a("vaso_occlusive_crisis", "sickle_cell_disease"));
  CHECK(lex.is_a("pphn", "pulmonary_hypertension"));
  CHECK(lex.is_a("clopidogrel", "p2y12_inhibitors"));
  CHECK(lex.is_a("apixaban", "factor_xa_inhibitors"));
  CHECK_FALSE(lex.is_a("dabigatran", "factor_xa_inhibitors"));
  CHECK(lex.is_a("dabigatran", "direct_thrombin_inhibitors"));
  CHECK(lex.is_a("digoxin", "cardiac_glycosides"));
  CHECK(lex.is_a("tamoxifen", "serms"));
  CHECK(lex.is_a("doxycycline", "tetracyclines"));
  CHECK(lex.is_a("treatment_resistant_depression", "major_depressive_disorder"));
  CHECK(lex.is_a("agoraphobia", "anxiety_disorder"));
  CHECK(lex.is_a("smokeless_tobacco", "tobacco_use"));
  CHECK(lex.is_a("hfref", "heart_failure"));
  CHECK(lex.is_a("cardiac_amyloidosis", "amyloidosis"));
  CHECK(lex.is_a("hypertensive_emergency", "hypertension"));
  CHECK_FALSE(lex.is_a("white_coat_hypertension", "hypertension"));
  CHECK(lex.is_a("frequent_pvcs", "premature_ventricular_contractions"));
  CHECK(lex.is_a("ankle_fracture", "fracture"));
  CHECK(lex.is_a("juvenile_idiopathic_arthritis", "inflammatory_arthritis"));
  CHECK(lex.is_a("revision_arthroplasty", "arthroplasty"));
  CHECK(lex.is_a("achilles_tendinopathy", "tendinopathy"));
  CHECK(lex.is_a("heavy_menstrual_bleeding", "abnormal_uterine_bleeding"));
  CHECK(lex.is_a("colorectal_adenoma", "colorectal_polyps"));
  // Registry lines define a low ovarian reserve by AMH and AFC: the thresholds stay the reading.
  CHECK(lex.find_name("low ovarian reserve") == nullptr);
  CHECK_FALSE(lex.is_a("premature_ventricular_contractions", "frequent_pvcs"));
  CHECK_FALSE(lex.is_a("neurogenic_claudication", "peripheral_artery_disease"));
  CHECK_FALSE(lex.is_a("e_cigarette_use", "tobacco_use"));
  // "Veterans Affairs" names no veteran.
  CHECK(lex.find_name("veterans") == nullptr);
  CHECK_FALSE(lex.is_a("tetracyclines", "tetracycline"));
  // Anti-SSA (Ro) antibodies are no somatostatin analogue.
  CHECK(named_at_start(lex, "SSA") != "somatostatin_analogues");
  CHECK_FALSE(lex.is_a("threatened_miscarriage", "miscarriage"));
  // BPD is also borderline personality disorder; PDA also the posterior descending artery.
  CHECK(named_at_start(lex, "BPD") != "bronchopulmonary_dysplasia");
  CHECK(named_at_start(lex, "PDA") != "patent_ductus_arteriosus");
  // Duchenne (DMD: also disease-modifying drugs) and SMA (also the superior mesenteric artery) are names only.
  CHECK(named_at_start(lex, "DMD") != "duchenne_muscular_dystrophy");
  CHECK(named_at_start(lex, "SMA") != "spinal_muscular_atrophy");
  // CBD is also the common bile duct; PEG also polyethylene glycol: neither is an abbreviation here.
  CHECK(named_at_start(lex, "CBD") != "cannabidiol");
  CHECK(named_at_start(lex, "PEG") != "gastrostomy");
  // "hypoxia-inducible factor ... inhibitors" is the drug class, never the condition hypoxia.
  CHECK(named_at_start(lex, "hypoxia-inducible factor prolyl hydroxylase inhibitors") == "hif_ph_inhibitors");
  // A body-site pain and neuropathic pain stay unlisted, so "abdominal pain score >= 4" keeps reading the pain
  // score; hypotension stays unlisted so "hypotension (systolic < 90 mmHg)" stays a threshold on the pressure.
  for (const char* pain : {"abdominal pain", "knee pain", "shoulder pain", "pelvic pain", "neuropathic pain", "hypotension"}) {
    CAPTURE(pain);
    CHECK(lex.find_name(pain) == nullptr);
  }
  // Sickle cell trait is a carrier state, not the disease.
  CHECK_FALSE(lex.is_a("sickle_cell_trait", "sickle_cell_disease"));
  // The longest name wins: "cardiopulmonary bypass surgery" stays cardiac surgery.
  CHECK(named_at_start(lex, "cardiopulmonary bypass surgery") == "cardiac_surgery");
  CHECK(named_at_start(lex, "cardiopulmonary bypass") == "cardiopulmonary_bypass");
}

TEST_CASE("lexicon reach: abbreviations with another sense in criteria name nothing") {
  const Lexicon& lex = Lexicon::builtin();
  // ACS (antenatal corticosteroids), PSP, MSA, GBS (group B streptococcus), TTP (time to progression), HIT,
  // PROM (passive range of motion), SSI (Supplemental Security Income), TSA, PMR (progressive muscle
  // relaxation), CTS, NPH (insulin), SBP (systolic blood pressure is its own), CRS (cytokine release syndrome).
  for (const char* word : {"ACS", "PSP", "MSA", "GBS", "TTP", "HIT", "PROM", "SSI", "TSA", "PMR", "CTS", "NPH", "CRS"}) {
    CAPTURE(word);
    const std::string id = named_at_start(lex, word);
    CHECK(id != "acute_coronary_syndrome");
    CHECK(id != "progressive_supranuclear_palsy");
    CHECK(id != "multiple_system_atrophy");
    CHECK(id != "guillain_barre_syndrome");
    CHECK(id != "thrombotic_thrombocytopenic_purpura");
    CHECK(id != "heparin_induced_thrombocytopenia");
    CHECK(id != "premature_rupture_of_membranes");
    CHECK(id != "surgical_site_infection");
    CHECK(id != "shoulder_arthroplasty");
    CHECK(id != "polymyalgia_rheumatica");
    CHECK(id != "carpal_tunnel_syndrome");
    CHECK(id != "normal_pressure_hydrocephalus");
    CHECK(id != "chronic_rhinosinusitis");
  }
  // Bare "chlamydia" may be the respiratory species; only the infection's names name the STI.
  CHECK(named_at_start(lex, "chlamydia") != "chlamydia_infection");
  CHECK(named_at_start(lex, "chlamydia infection") == "chlamydia_infection");
}

TEST_CASE("lexicon reach: new measures carry a kind and a unit the grammar can type") {
  const Lexicon& lex = Lexicon::builtin();
  const std::pair<const char*, const char*> units[] = {
      {"pth", "pg/mL"}, {"free_t3", "pg/mL"}, {"acth", "pg/mL"}, {"igf1", "ng/mL"}, {"tibc", "ug/dL"}, {"mcv", "fL"},
      {"urine_protein_creatinine_ratio", "mg/g"}, {"vo2_peak", "mL/kg/min"}, {"liver_stiffness", "kPa"},
      {"hvpg", "mm[Hg]"}, {"grip_strength", "kg"}, {"gait_speed", "m/s"}, {"probing_depth", "mm"},
      {"clinical_attachment_level", "mm"}, {"fib4", "1"}, {"kccq", "1"}, {"mayo_score", "1"},
      {"arterial_ph", "1"}, {"anion_gap", "mmol/L"}, {"non_hdl_cholesterol", "mmol/L"}, {"apolipoprotein_b", "g/L"},
      {"complement_c3", "g/L"}, {"anti_ccp", "U/mL"}, {"total_t3", "ng/dL"}, {"shbg", "nmol/L"}, {"m_protein", "g/dL"},
      {"involved_free_light_chain", "mg/L"}, {"cystatin_c", "mg/L"}, {"waist_to_hip_ratio", "1"}, {"stop_bang", "1"},
      {"cervical_dilation", "cm"}, {"euroscore", "%"}, {"schirmer_test", "mm"}, {"tear_breakup_time", "s"},
  };
  for (const auto& [id, unit] : units) {
    CAPTURE(id);
    const Concept* c = lex.find(id);
    REQUIRE(c);
    CHECK(trialmatch::engine::is_measured(c->kind));
    CHECK(c->unit == unit);
    CHECK(c->plausible);
  }
  const Concept* mayo = lex.find("modified_mayo_score");
  REQUIRE(mayo);
  CHECK(mayo->kind == ConceptKind::score);
  REQUIRE(mayo->plausible);
  CHECK(*mayo->plausible->high == 9);
  // "C3" and "T3" alone are also a vertebra and a tumour stage: only the written-out names read the lab.
  CHECK(named_at_start(lex, "C3") != "complement_c3");
  CHECK(named_at_start(lex, "T3") != "total_t3");
  // A T-score and a base excess are negative; the grammar does not read a negative threshold yet, so they stay unlisted.
  CHECK(lex.find_name("BMD T-score") == nullptr);
  CHECK(lex.find_name("base excess") == nullptr);
}
