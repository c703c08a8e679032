// Lexicon::match_name_at (a table of first words built once per lexicon) against the plain scan it
// replaced: every name of every concept, bucketed by first word, compared spelling by spelling.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon_support.hpp"
#include "trialmatch/engine/lexicon.hpp"

using trialmatch::engine::Concept;
using trialmatch::engine::Lexicon;
using namespace trialmatch::engine::testing;  // the reference scan and its byte tests

namespace {

// (The reference, match_name_at as it was, is ReferenceScan: lexicon_support.hpp.)

std::vector<std::string> texts(const Lexicon& lex) {
  std::vector<std::string> out;
  for (const char* name : {"constructions", "lct_registry", "seeds", "unlisted"}) {
    std::ifstream in(std::string(TRIALMATCH_SOURCE_DIR "/fixtures/criteria/") + name + ".golden");
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] != '#' && line.rfind("  ", 0) != 0) out.push_back(line);
  }
  // Every spelling of the lexicon as text, alone, in capitals, inside a sentence, and run into a longer word.
  for (const auto& c : lex.concepts())
    for (const auto* list : {&c.names, &c.abbreviations})
      for (const auto& s : *list) {
        std::string up = s;
        for (auto& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        out.push_back(s);
        out.push_back(up);
        out.push_back("history of " + s + "s, or " + up + "es; " + s + "x and x" + s);
      }
  return out;
}

bool same(const std::optional<Lexicon::NameMatch>& a, const std::optional<Lexicon::NameMatch>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->entry == b->entry && a->length == b->length);
}

}  // namespace

TEST_CASE("match_name_at finds exactly what a scan of every name of the first word's bucket finds") {
  const Lexicon& lex = Lexicon::builtin();
  const ReferenceScan scan(lex);
  std::size_t positions = 0, found = 0;
  for (const auto& text : texts(lex))
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
      ++positions;
      const auto fast = lex.match_name_at(text, pos);
      const auto ref = scan.match_name_at(text, pos);
      found += fast.has_value();
      if (!same(fast, ref)) {
        CAPTURE(text);
        CAPTURE(pos);
        CHECK(fast.has_value() == ref.has_value());
        if (fast && ref) {
          CHECK(fast->entry->id == ref->entry->id);
          CHECK(fast->length == ref->length);
        }
        FAIL("the first-word table and the scan differ");
      }
    }
  CHECK(found > 1000);
  CHECK(positions > 100000);
}

TEST_CASE("match_name_at: names without case, abbreviations as written or in capitals, whole words only") {
  const Lexicon& lex = Lexicon::builtin();
  const auto id_at = [&](std::string_view text, std::size_t pos) -> std::string {
    const auto m = lex.match_name_at(text, pos);
    return m ? m->entry->id + ":" + std::to_string(m->length) : "-";
  };
  CHECK(id_at("SERUM CREATININE > 2", 0) == id_at("serum creatinine > 2", 0));
  CHECK(id_at("serum creatinine > 2", 0) != "-");
  CHECK(id_at("serum creatinine", 1) == "-");     // inside a word
  CHECK(id_at("creatinineX", 0) == "-");          // runs on into a longer word
  CHECK(id_at("no alt here", 3) == "-");          // "alt" in lower case is a word, not the enzyme
  CHECK(id_at("ALT > 3", 0).rfind("alt:", 0) == 0);
  // A first word longer than any name's first word, and one longer than the key buffer.
  CHECK(id_at(std::string(100, 'a') + " cancer", 0) == "-");
  CHECK(id_at("", 0) == "-");
}

TEST_CASE("a moved lexicon keeps its first-word table") {
  Lexicon lex = Lexicon::from_json(R"({"concepts": [{"id": "hep_b", "kind": "condition", "names": ["hepatitis B",
      "hepatitis B infection"], "abbreviations": ["HBV"]}]})");
  const Lexicon moved = std::move(lex);
  auto m = moved.match_name_at("chronic Hepatitis  B infections", 8);
  REQUIRE(m);
  CHECK(m->entry->id == "hep_b");
  CHECK(m->length == 23);
  m = moved.match_name_at("hbv", 0);
  CHECK_FALSE(m);
  m = moved.match_name_at("HBV", 0);
  REQUIRE(m);
  CHECK(m->length == 3);
  // A bucket taken before the move (as the tokenizer's tables keep them) is still the moved lexicon's.
  const Lexicon again = Lexicon::from_json(R"({"concepts": [{"id": "hep_c", "kind": "condition", "names": ["hepatitis C"]}]})");
  Lexicon source = Lexicon::from_json(R"({"concepts": [{"id": "hep_c", "kind": "condition", "names": ["hepatitis C"]}]})");
  const auto* bucket = source.name_bucket("hepatitis");
  REQUIRE(bucket);
  const Lexicon target = std::move(source);
  m = target.match_name_in(*bucket, "Hepatitis C", 0, 9);
  REQUIRE(m);
  CHECK(m->entry->id == "hep_c");
  CHECK(m->entry == &target.concepts()[0]);
  CHECK(m->length == 11);
  CHECK(again.name_bucket("hepatitis") != bucket);
}

TEST_CASE("match_name_at: a first word longer than the key buffer on the stack, and words at the text's end") {
  const std::string long_word(70, 'q');
  Lexicon lex = Lexicon::from_json(R"({"concepts": [{"id": "long_one", "kind": "condition", "names": [")" + long_word +
                                   R"( syndrome"]}, {"id": "hiv", "kind": "condition", "abbreviations": ["HIV"]}]})");
  auto m = lex.match_name_at("a " + long_word + "  Syndrome.", 2);
  REQUIRE(m);
  CHECK(m->entry->id == "long_one");
  CHECK(m->length == 80);
  CHECK_FALSE(lex.match_name_at("a " + long_word + "q syndrome", 2));  // one byte longer: no first word
  CHECK_FALSE(lex.match_name_at(long_word, 0));                        // the first word alone is no name
  m = lex.match_name_at("known HIV", 6);
  REQUIRE(m);
  CHECK(m->length == 3);
  CHECK_FALSE(lex.match_name_at("known HIVs1", 6));
}

TEST_CASE("a bucket of many names looked up by the text's signature still finds each name, the partial ones too") {
  // Eight names or more under one first word: the lookup visits only the names whose four bytes after the
  // word are the text's, with the names shorter than that ("serum", "serum k"), in the bucket's order.
  const Lexicon lex = Lexicon::from_json(R"({"concepts": [
      {"id": "serum_any", "kind": "condition", "names": ["serum"]},
      {"id": "serum_k", "kind": "condition", "names": ["serum k", "serum potassium"]},
      {"id": "sodium", "kind": "condition", "names": ["serum sodium", "serum sodium level"]},
      {"id": "calcium", "kind": "condition", "names": ["serum calcium", "serum calcium corrected"]},
      {"id": "albumin", "kind": "condition", "names": ["serum albumin"]},
      {"id": "ferritin", "kind": "condition", "names": ["serum ferritin"]},
      {"id": "creatinine", "kind": "condition", "names": ["serum creatinine", "serum-creatinine clearance"]},
      {"id": "glucose", "kind": "condition", "names": ["serum glucose"], "abbreviations": ["SG"]}]})");
  const ReferenceScan scan(lex);
  const auto id_at = [&](std::string_view text) -> std::string {
    const auto m = lex.match_name_at(text, 0);
    return m ? m->entry->id + ":" + std::to_string(m->length) : "-";
  };
  CHECK(id_at("serum sodium level > 130") == "sodium:18");
  CHECK(id_at("Serum  Sodium > 130") == "sodium:13");
  CHECK(id_at("serum albumins") == "albumin:14");
  CHECK(id_at("SERUM-CREATININE clearance") == "creatinine:26");
  CHECK(id_at("serum creatinine") == "creatinine:16");
  CHECK(id_at("serum calcium corrected") == "calcium:23");
  CHECK(id_at("serum k < 3") == "serum_k:7");       // a partial name, its signature shorter than four bytes
  CHECK(id_at("serum potassium") == "serum_k:15");
  CHECK(id_at("serum xylose") == "serum_any:5");    // no full name has this signature: the partial names
  CHECK(id_at("serum") == "serum_any:5");
  CHECK(id_at("serum albumen") == "serum_any:5");   // the signature agrees ("albu"), the spelling not
  for (const std::string text : {"serum sodium level > 130", "Serum  Sodium > 130", "serum albumins", "serum k < 3",
                                 "SERUM-CREATININE clearance", "serum xylose", "serum albumen", "serum", "serum k",
                                 "serum ka", "serum calcium correctedness", "serum sodiu", "serum sodium-level"})
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
      CAPTURE(text);
      CAPTURE(pos);
      CHECK(same(lex.match_name_at(text, pos), scan.match_name_at(text, pos)));
    }
}

TEST_CASE("a name's four bytes after its first word are compared without case for ASCII capitals only") {
  // The text's signature (the four bytes after the first word, lower-cased at once) lets a lookup skip
  // comparing those bytes: a byte wrongly lowered would let "serum \xE3\x89tat" match "serum \xC3\x89tat".
  // Bytes 0xC1..0xDA are capitals but for their top bit; 0xE1..0xFA their lower-case look-alikes.
  const Lexicon lex = Lexicon::from_json(R"({"concepts": [
      {"id": "etat", "kind": "condition", "names": ["serum \u00c9tat", "serum \u00c9TAT level"]},
      {"id": "blood", "kind": "condition", "names": ["serum blood"]},
      {"id": "acid", "kind": "condition", "names": ["serum AcId test"]}]})");
  const ReferenceScan scan(lex);
  const auto id_at = [&](std::string_view text) -> std::string {
    const auto m = lex.match_name_at(text, 0);
    return m ? m->entry->id + ":" + std::to_string(m->length) : "-";
  };
  CHECK(id_at("serum \xC3\x89tat") == "etat:11");
  CHECK(id_at("SERUM \xC3\x89TAT") == "etat:11");
  CHECK(id_at("serum \xE3\x89tat") == "-");   // 0xE3 is not 0xC3 lowered
  CHECK(id_at("serum \xC3\xA9tat") == "-");   // é is not É (no case beyond ASCII)
  CHECK(id_at("Serum BLOOD") == "blood:11");
  CHECK(id_at("serum acid TEST") == "acid:15");
  CHECK(id_at("serum [lood") == "-");          // '[' follows 'Z', '@' precedes 'A': no letters
  CHECK(id_at("serum @cid test") == "-");
  for (const std::string text : {"serum \xC3\x89tat", "SERUM \xC3\x89TAT level", "serum \xE3\x89tat", "serum \xC3\xA9TAT",
                                 "serum blood", "SERUM-BLOOD", "serum {lood", "serum acid test", "serum AC\xC9" "D test",
                                 "serum \xC1\xDA\xC0\xDB", "serum \xE1\xFA\xE0\xFB", "serum @[`{"})
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
      CAPTURE(text);
      CAPTURE(pos);
      CHECK(same(lex.match_name_at(text, pos), scan.match_name_at(text, pos)));
    }
}

TEST_CASE("the rest of a name after its four bytes compared eight bytes at a time, without case for ASCII only") {
  // A name's bytes after its signature, lower-cased once, against the text's (match_lowered): chunks of
  // eight and a tail, a text that ends inside the name, and bytes with the top bit set (0xC9 is no capital
  // of 0xE9). A name whose rest holds a blank or a hyphen is compared as before.
  const Lexicon lex = Lexicon::from_json(R"({"concepts": [
      {"id": "ig", "kind": "condition", "names": ["serum immunoglob\u00e9lins"]},
      {"id": "ig_gamma", "kind": "condition", "names": ["serum immunoglobulin gamma-chain"]},
      {"id": "short", "kind": "condition", "names": ["serum abcd"]}]})");
  const ReferenceScan scan(lex);
  const auto id_at = [&](std::string_view text) -> std::string {
    const auto m = lex.match_name_at(text, 0);
    return m ? m->entry->id + ":" + std::to_string(m->length) : "-";
  };
  CHECK(id_at("serum immunoglob\xC3\xA9lins") == "ig:22");
  CHECK(id_at("SERUM IMMUNOGLOB\xC3\xA9LINS") == "ig:22");
  CHECK(id_at("SERUM IMMUNOGLOB\xC3\x89LINS") == "-");  // É is not é
  CHECK(id_at("serum immunoglob\xC3\xA9lin") == "-");    // the text ends inside the name
  CHECK(id_at("Serum Immunoglobulin  Gamma chain") == "ig_gamma:33");
  CHECK(id_at("serum ABCD") == "short:10");             // nothing after the four bytes
  for (const std::string text : {"serum immunoglob\xC3\xA9lins", "SERUM IMMUNOGLOB\xC3\x89LINS", "serum immunoglob\xC3\xA9lin",
                                 "serum immunoglob\xC3\xA9linsx", "serum immunoglobulin gamma-chain", "serum abcd", "serum abc",
                                 "serum immunoglob\xE3\xA9lins", "serum IMMUNOGLO@\xC3\xA9LINS"})
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
      CAPTURE(text);
      CAPTURE(pos);
      CHECK(same(lex.match_name_at(text, pos), scan.match_name_at(text, pos)));
    }
}

TEST_CASE("a small bucket: a text whose signature no full name has visits only the partial names; a bucket of the word alone reads nothing after it") {
  // Fewer than eight names under one first word: where the text's four bytes after the word are no full name's,
  // only the names shorter than that are visited ("diabetes", "diabetes in", the abbreviation "DIABETES"); a
  // bucket whose names are the word alone ("cancer", "hiv" and "HIV") reads no bytes after the word at all.
  const Lexicon lex = Lexicon::from_json(R"({"concepts": [
      {"id": "dm", "kind": "condition", "names": ["diabetes", "diabetes mellitus"]},
      {"id": "di", "kind": "condition", "names": ["diabetes insipidus", "diabetes in"], "abbreviations": ["DIABETES"]},
      {"id": "hiv", "kind": "condition", "names": ["hiv"], "abbreviations": ["HIV"]},
      {"id": "cancer", "kind": "condition", "names": ["cancer"]}]})");
  const ReferenceScan scan(lex);
  const auto id_at = [&](std::string_view text, std::size_t pos = 0) -> std::string {
    const auto m = lex.match_name_at(text, pos);
    return m ? m->entry->id + ":" + std::to_string(m->length) : "-";
  };
  CHECK(id_at("diabetes mellitus type 2") == "dm:17");
  CHECK(id_at("Diabetes Insipidus") == "di:18");
  CHECK(id_at("diabetes in remission") == "di:11");  // a partial name, its signature shorter than four bytes
  CHECK(id_at("diabetes or not") == "dm:8");         // no full name's signature: the word alone
  CHECK(id_at("diabetes") == "dm:8");
  CHECK(id_at("diabetes mellitu") == "dm:8");        // the signature agrees, the spelling not
  CHECK(id_at("known HIV+", 6) == "hiv:3");
  CHECK(id_at("breast cancer", 7) == "cancer:6");
  CHECK(id_at("cancer-free") == "cancer:6");
  for (const std::string text : {"diabetes mellitus type 2", "Diabetes Insipidus", "diabetes in remission", "diabetes or not",
                                 "diabetes", "DIABETES, type 1", "diabetes mellitu", "diabetes  -  mellitus", "diabetes-in",
                                 "diabetes ins", "known HIV+", "hiv", "HIVs", "Hiv-1", "cancers of the skin", "cancer-free",
                                 "cancer", "CANCERES", "diabetes in", "diabetes i", "breast cancer"})
    for (std::size_t pos = 0; pos <= text.size(); ++pos) {
      CAPTURE(text);
      CAPTURE(pos);
      CHECK(same(lex.match_name_at(text, pos), scan.match_name_at(text, pos)));
    }
}

namespace {

// The lower-case run of letters and digits at `pos`: the key the tokenizer's walk finds for match_name_in.
std::string word_at(std::string_view text, std::size_t pos) {
  std::string word;
  for (std::size_t i = pos; i < text.size() && word_byte(text[i]); ++i) word += lower(text[i]);
  return word;
}

// match_name_in at every start of a word whose bucket the lexicon has, and match_name_at at every position,
// against the scan; `lookups` counts the match_name_in calls made.
void check_against_scan(const Lexicon& lex, const ReferenceScan& scan, const std::string& text, std::size_t& lookups) {
  for (std::size_t pos = 0; pos <= text.size(); ++pos) {
    const auto ref = scan.match_name_at(text, pos);
    if (!same(lex.match_name_at(text, pos), ref)) {
      CAPTURE(text);
      CAPTURE(pos);
      FAIL("match_name_at and the scan differ");
    }
    if (pos >= text.size() || !word_byte(text[pos]) || (pos > 0 && word_byte(text[pos - 1]))) continue;
    const std::string word = word_at(text, pos);
    const auto* bucket = lex.name_bucket(word);
    if (!bucket) continue;
    ++lookups;
    if (!same(lex.match_name_in(*bucket, text, pos, word.size()), ref)) {
      CAPTURE(text);
      CAPTURE(pos);
      FAIL("match_name_in and the scan differ");
    }
  }
}

}  // namespace

TEST_CASE("match_name_in, from the bucket of the word at a position, finds what the scan finds, on the builtin lexicon") {
  const Lexicon& lex = Lexicon::builtin();
  const ReferenceScan scan(lex);
  std::size_t lookups = 0;
  for (const auto& text : texts(lex)) check_against_scan(lex, scan, text, lookups);
  CHECK(lookups > 50000);
}

TEST_CASE("a name's bytes after the known ones compared folded: separators, capitals, abbreviations, the text's end") {
  // The rest of a name, its separators one ' ' and lower-cased (an abbreviation as written, and in capitals),
  // against texts that run separators together, end inside a name, put a letter where a separator is, or a
  // separator where a letter is: every sequence of three pieces, at every position, against the scan.
  const Lexicon lex = Lexicon::from_json(R"({"concepts": [
      {"id": "tnf", "kind": "treatment", "names": ["anti-TNF agent", "anti  tnf", "anti-", "anti"]},
      {"id": "hiv_rna", "kind": "lab", "names": ["hiv rna level"], "abbreviations": ["HIV-1 RNA", "HIVrna"]},
      {"id": "egfr", "kind": "lab", "names": ["estimated gfr"], "abbreviations": ["eGFR", "eGFR - CKD EPI"]},
      {"id": "egfr_gene", "kind": "biomarker", "abbreviations": ["EGFR"]},
      {"id": "hb", "kind": "lab", "names": ["hb", "hb a1c", "hb-a1c level over", "haemoglobin  a1c"]}]})");
  const ReferenceScan scan(lex);
  std::size_t lookups = 0;
  REQUIRE(lex.match_name_at("Anti - TNF  agents", 0));
  CHECK(lex.match_name_at("Anti - TNF  agents", 0)->length == 18);
  REQUIRE(lex.match_name_at("anti-tnf", 0));
  CHECK(lex.match_name_at("anti-tnf", 0)->length == 8);
  REQUIRE(lex.match_name_at("hiv  RNA-level", 0));
  CHECK_FALSE(lex.match_name_at("HIV-1 rna", 0));   // as written or in capitals only
  CHECK(lex.match_name_at("hiv  RNA-level", 0)->length == 14);
  const char* const pieces[] = {"anti", "ANTI", "-", " ", " - ", "tnf", "TNF", "agent", "agents", "x", "hiv", "HIV",
                                "1", "rna", "RNA", "egfr", "eGFR", "EGFR", "ckd", "epi", "hb", "a1c", "level"};
  for (const char* a : pieces)
    for (const char* b : pieces)
      for (const char* c : pieces) check_against_scan(lex, scan, std::string(a) + b + c, lookups);
  for (const std::string text : {"anti-TNF agent", "ANTI  -  TNF   AGENT", "anti-TNF agen", "anti-TNF-agent", "anti tnf",
                                 "anti-", "anti--", "HIV-1 RNA", "HIV  1-RNA", "hiv-1 rna", "HIV-1 RN", "HIVrna", "HIVRNA",
                                 "hivrna", "eGFR - CKD EPI", "EGFR-CKD-EPI", "egfr ckd epi", "eGFR - CKD EP", "hb-a1c level over",
                                 "HB A1C LEVEL OVERS", "haemoglobin a1c", "haemoglobin-a1c", "hb a1c level ove"})
    check_against_scan(lex, scan, text, lookups);
  CHECK(lookups > 1000);
}

namespace {

// The filter's bit of a four-byte signature, as Lexicon's buckets compute it (signature_bit in lexicon.cpp):
// the test below uses it only to choose names whose signatures share a bit.
unsigned filter_bit(std::string_view four) {
  std::uint32_t next = 0;
  for (std::size_t i = 0; i < 4; ++i) next |= std::uint32_t{static_cast<unsigned char>(four[i])} << (8 * i);
  return (next * 0x9E3779B1U) >> 26;
}

}  // namespace

TEST_CASE("an indexed bucket whose signatures share the filter's bit finds each name's group, not the first of its bit") {
  // A bucket of many names finds the names a text may match by the text's signature, among the signatures of
  // its filter's bit. Here many names after one first word, and among them three or more whose four bytes after
  // it ("zeta abc...") share a bit; with the word alone, an abbreviation (as written and in capitals) and a
  // partial name, each text at each position against the scan.
  std::map<unsigned, std::vector<std::string>> by_bit;
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'z'; b += 5) {
      const std::string word = std::string{a, b, 'q'} + "rest";
      by_bit[filter_bit(" " + word.substr(0, 3))].push_back(word);
    }
  const auto shared = std::max_element(by_bit.begin(), by_bit.end(),
                                       [](const auto& x, const auto& y) { return x.second.size() < y.second.size(); });
  REQUIRE(shared->second.size() >= 3);
  std::vector<std::string> words = shared->second;
  for (const auto& [bit, list] : by_bit)  // some names of other bits too
    if (bit != shared->first && words.size() < shared->second.size() + 8) words.push_back(list.front());
  std::string json = R"({"concepts": [{"id": "zeta", "kind": "condition", "names": ["zeta", "zeta q"], "abbreviations": ["ZeTA", "ZeTA-q1 x"]})";
  for (std::size_t i = 0; i < words.size(); ++i)
    json += R"(, {"id": "z)" + std::to_string(i) + R"(", "kind": "condition", "names": ["zeta )" + words[i] + R"(", "zeta )" +
            words[i] + R"( two"]})";
  json += "]}";
  const Lexicon lex = Lexicon::from_json(json);
  const ReferenceScan scan(lex);
  std::size_t lookups = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const auto m = lex.match_name_at("zeta " + w + " two, and", 0);
    REQUIRE(m);
    CHECK(m->entry->id == "z" + std::to_string(i));
    CHECK(m->length == 5 + w.size() + 4);
    for (const std::string& text : {"zeta " + w, "ZETA " + w + "s two", "zeta  " + w.substr(0, 5) + "x", "zeta " + w.substr(0, 3),
                                   "zeta-" + w + "-two", "of zeta " + w + " twos", "zeta " + w.substr(0, 4) + " two"})
      check_against_scan(lex, scan, text, lookups);
  }
  for (const std::string text : {"zeta", "ZeTA", "ZETA", "zeta q", "zeta qa", "ZeTA-q1 x", "ZETA  Q1 X", "zeta-q1 x", "zetas"})
    check_against_scan(lex, scan, text, lookups);
  CHECK(lookups > 60);
}
