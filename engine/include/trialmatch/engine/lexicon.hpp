#pragma once
// The lexicon: concepts, their names, codes, units, molar masses and ranges.
// The data lives in engine/data/lexicon.json (compiled in; see docs/lexicon.md for sources).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::engine {

enum class ConceptKind : std::uint8_t {
  lab, vital, score, demographic, condition, treatment, procedure, exposure, biomarker
};
const char* to_string(ConceptKind k) noexcept;
std::optional<ConceptKind> concept_kind_from_string(std::string_view s) noexcept;

// Labs, vitals, scores and biomarkers are measured (open world); the rest are events (closed world).
// (Inline: the grammar asks it of most tokens.)
inline bool is_measured(ConceptKind k) noexcept {
  return k == ConceptKind::lab || k == ConceptKind::vital || k == ConceptKind::score ||
         k == ConceptKind::biomarker || k == ConceptKind::demographic;
}

struct ValueRange {
  std::optional<double> low;
  std::optional<double> high;
  std::string unit;    // UCUM code the bounds are in
  std::string source;  // where the figures come from
};

// A coded result (a FHIR Observation) that records a concept: a pregnancy status or test, an HIV test or viral
// load (lexicon field "observed_by"; docs/lexicon.md). Data, so that a new test code or answer is no code change.
struct ObservedAnswer {
  std::string means;                    // "present", "absent" or "unconfirmed": the event's status
  std::vector<std::string> codes;       // answer codes (SNOMED CT, LOINC LA...), any system
  std::vector<std::string> words;       // the answer's text or a coding's display, lower case, whole
  std::string text;                     // shown after the test's label ("pregnancy test: pregnant")
  std::uint16_t current_for_days = 0;   // Event::current_for_days (0: a record of the usual kind)
  std::uint16_t lasts_days = 0;         // Event::lasts_days
};
struct ObservedTest {
  std::string label;                    // "pregnancy status", "HIV viral load"
  std::vector<std::string> loinc;       // its LOINC codes (the code must be in the LOINC system)
  std::string detected;                 // a quantity's text when it records the concept ("detected")
};
struct ObservedBy {
  std::vector<ObservedTest> tests;       // qualitative: a listed answer decides
  std::vector<ObservedTest> quantities;  // a value above 0, not censored below, records the concept present
  std::vector<std::string> ordered_status;  // observation statuses of an order, not a result: nothing is read
  // A test named, not coded (an export's local codes): the name has a subject word and a quantity word (a
  // quantity) or a test word (a test), and no word of someone else's result or of an order (lower case).
  std::vector<std::string> subject_words, quantity_words, test_words, others_words;
  std::vector<ObservedAnswer> answers;
  // The observation is only this answer: not read as a measurement too, and an unlisted answer or a missing
  // date is warned about and left out (pregnancy). Otherwise those add nothing, silently (HIV).
  bool answer_only = false;
};

// An observation whose value names drugs of a class ("CURRENT ANTIRETROVIRAL DRUGS USED FOR TREATMENT":
// Didanosine), as an HIV clinic's export records its medications instead of MedicationStatements (lexicon field
// "named_in" of the class; docs/lexicon.md). The observation's name (its code's text or a coding's display, lower
// case, whole) says which; `means` says what its day is: "current" (taken then: begun then or before) or
// "started" (begun that day). A value that is one of `none` ("none") records nothing.
struct NamedIn {
  std::vector<std::string> names;
  std::string means;
  std::vector<std::string> none;
};

struct Concept {
  std::string id;                  // snake_case
  ConceptKind kind = ConceptKind::condition;
  std::vector<std::string> names;  // first is the display name; matched case-insensitively, whole words
  std::vector<std::string> abbreviations;  // matched case-sensitively (as written, or all upper case)
  // system ("loinc", "snomed", "icd10", "atc", "cvx") -> codes, the first being the primary one
  std::map<std::string, std::vector<std::string>> codes;
  // The codes an event of the concept carries (Has::codes): the primary code of "snomed", "icd10", "atc" and
  // "cvx" where it has one. Made at load from `codes`, so that an event's are one copy.
  Codes event_codes;
  // Codes that record the concept as past, not when it happened (ICD-10-CM I25.2 "old myocardial infarction",
  // Z85/Z86/Z87 "personal history of", I69 sequelae, Z94 transplant status, SNOMED "history of"/"ex-"):
  // lexicon field "past_codes". A record so coded maps to the concept, but its date is only the day it was
  // noted: the event happened then or before, and is over (Event::past_only).
  std::map<std::string, std::vector<std::string>> past_codes;
  std::string unit;                    // canonical UCUM unit; "1" for scores
  std::optional<double> molar_mass;    // g/mol, where mass <-> substance conversions need it
  std::optional<ValueRange> reference_range;  // default only, used where the patient's record has none
  std::optional<ValueRange> plausible;        // outside it a value is flagged
  // The upper (lower) limits of normal that laboratories use, lowest to highest, with their sources: where the
  // patient's record gives no range, "ALT <= 2.5 x ULN" is decided only where every ULN of the span agrees
  // (lexicon fields "uln_span", "lln_span"). No span: a x ULN comparison without the patient's range is unknown.
  std::optional<ValueRange> uln_span;
  std::optional<ValueRange> lln_span;
  std::vector<std::string> is_a;       // parent concept ids (a drug's class, a condition's group)
  // A score's classes named by letters, each a span of the score ("Child-Pugh class B" is 7-9 points).
  std::vector<std::pair<std::string, ValueRange>> letter_classes;
  // A number written without a unit is in the unit whose span holds it ("ANC ≥ 1500" is per µL, "ANC ≥ 1.5"
  // is 10^9/L). The spans do not overlap; a number in none of them is not read.
  std::vector<ValueRange> units_by_size;
  // A condition's measures: a threshold on them in parentheses after its name defines it ("Hyperkalemia
  // (potassium > 5.5 mEq/L)" asks the potassium, not a recorded diagnosis besides it).
  std::vector<std::string> defined_by;
  std::vector<std::uint32_t> defined_by_index;  // the same, as indices into Lexicon::concepts() (those it has)
  // The side of a defining measure's range that shows the condition (lexicon field "defined_by_side": measure
  // id -> "low" or "high"; hypokalaemia: potassium low), one per defined_by entry: kSideEither where none is
  // given, so that a value on the other side (a high potassium) no longer asks whether it shows it.
  static constexpr std::uint8_t kSideEither = 0, kSideLow = 1, kSideHigh = 2;
  std::vector<std::uint8_t> defined_by_side;
  // A measured value older than this many days before the reference date no longer tells the patient's
  // present state (a criterion asks of today's): it decides nothing. From the concept's own
  // "current_for_days", else its kind's (a lexicon document's "current_for_days_by_kind"); 0 ("any") or
  // none: a value of any age stands.
  std::optional<int> current_for_days;
  // A state the patient is in or not, now (pregnancy, breastfeeding): a criterion that names it with no window
  // and no status ("Pregnant or breastfeeding") asks whether it holds now, and a record of one that has
  // ended cannot tell whether it asks of now or of ever (lexicon field "state": true).
  bool state = false;
  // An acute event, whose record may say "active" long after it is over. kAcuteOnset (lexicon "acute": true):
  // an event of a day (a myocardial infarction, a stroke, a fracture): a window ("MI within 6 months") holds its
  // onset or a recorded end, never "still active" from an onset long ago. kAcuteCourse ("acute": "course"): an
  // illness of days or weeks (a pneumonia, an exacerbation): one recorded before a window with no end may or
  // may not have lasted into it (unknown, not "still active"). Conditions only.
  static constexpr std::uint8_t kAcuteOnset = 1, kAcuteCourse = 2;
  std::uint8_t acute = 0;
  // Coded results that record it (conditions only; see ObservedBy).
  std::optional<ObservedBy> observed_by;
  // Observations whose value names drugs of this class (see NamedIn; treatments only).
  std::vector<NamedIn> named_in;

  // The span of units_by_size that holds a number written without a unit, or null.
  const ValueRange* unit_by_size(double value) const noexcept;

  // The primary code of a system, or empty.
  std::string_view code(std::string_view system) const noexcept;
};

class Lexicon {
 public:
  // Parses lexicon JSON; throws std::runtime_error naming the JSON pointer and what was expected.
  static Lexicon from_json(std::string_view json_text);
  // The lexicon compiled into the binary. Immutable, safe to share across threads.
  static const Lexicon& builtin();

  Lexicon();
  ~Lexicon();
  Lexicon(Lexicon&&) noexcept;
  Lexicon& operator=(Lexicon&&) noexcept;

  const std::vector<Concept>& concepts() const noexcept;
  // The concepts with an `observed_by`, in lexicon order (those whose results are answer_only first).
  const std::vector<const Concept*>& observed_concepts() const noexcept;
  // The concepts with a `named_in`, in lexicon order.
  const std::vector<const Concept*>& named_in_concepts() const noexcept;
  const Concept* find(std::string_view id) const noexcept;
  // system is a short name ("loinc") or a FHIR system URL ("http://loinc.org").
  const Concept* find_code(std::string_view system, std::string_view code) const noexcept;
  // Whether find_code found this code among a concept's past_codes (a history, not the event).
  bool is_past_code(std::string_view system, std::string_view code) const noexcept;
  // A whole string that is one of a concept's names or abbreviations ("SGPT", "Alanine transaminase").
  const Concept* find_name(std::string_view text) const noexcept;

  struct NameMatch {
    const Concept* entry = nullptr;  // the concept matched
    std::size_t length = 0;  // bytes of text consumed
  };
  // The longest concept name that starts exactly at `pos` and ends on a word boundary.
  std::optional<NameMatch> match_name_at(std::string_view text, std::size_t pos) const noexcept;
  // The names match_name_at tries at a word whose lower-case form is `word` (ASCII letters and digits);
  // nullptr when no name begins with that word. Opaque: for a caller that finds a position's first word
  // itself (the tokenizer's phrase walk) and keeps the bucket of each word it knows.
  struct NameBucket {
    // Whether a name of the bucket may match where its word ends at `word_end` in `text`: false only where
    // match_name_in finds none. Where every name of the bucket has a full four-byte continuation signature
    // (lexicon.cpp, continuation_signature), the text's must equal one of theirs, and so must its second
    // byte: the byte after the word's end and a separator, or after another byte; a separator there reads as
    // ' ' (a key bit every separator sets), a capital as its lower case (the same key: bits 0-4 of the byte).
    // (Inline: the caller refuses here what the lookup's filter would, without its call and its signature.)
    bool may_match_after(std::string_view text, std::size_t word_end) const noexcept {
      if (word_end + 1 >= text.size()) return true;
      const auto first = static_cast<unsigned char>(text[word_end]);
      const auto second = static_cast<unsigned char>(text[word_end + 1]);
      // Two separators: the signature's second byte is the one after their run (the lookup finds it).
      if (is_separator(first) && is_separator(second)) return true;
      return (second_byte_keys & key_bit(static_cast<char>(second))) != 0;
    }
    static constexpr std::uint32_t key_bit(char c) noexcept { return std::uint32_t{1} << (static_cast<unsigned char>(c) & 31U); }
    static constexpr bool is_separator(unsigned char c) noexcept {  // blanks and hyphens, as the lookup's
      constexpr std::uint64_t separators = (std::uint64_t{1} << ' ') | (std::uint64_t{1} << '\t') | (std::uint64_t{1} << '\n') |
                                           (std::uint64_t{1} << '\r') | (std::uint64_t{1} << '-');
      return c < 64 && ((separators >> c) & 1U) != 0;
    }
    // key_bit of each full signature's second byte (all ones where some name has none: every text passes).
    std::uint32_t second_byte_keys = ~0U;
  };
  const NameBucket* name_bucket(std::string_view word) const noexcept;
  // match_name_at(text, pos) where the text's word at `pos` (its run of ASCII letters and digits) is
  // `word_length` bytes long and is `bucket`'s word: the same answer, without finding the word again.
  std::optional<NameMatch> match_name_in(const NameBucket& bucket, std::string_view text, std::size_t pos,
                                         std::size_t word_length) const noexcept;

  // Reflexive and transitive over is_a; also true where `ancestor`'s ATC code is a prefix of the
  // concept's ATC code (prednisone H02AB07 is a systemic corticosteroid H02).
  bool is_a(std::string_view id, std::string_view ancestor) const noexcept;

 private:
  bool has_ancestor(const Concept& c, std::string_view ancestor, int depth) const noexcept;
  struct Index;
  std::vector<Concept> concepts_;
  std::unique_ptr<Index> index_;
};

}  // namespace trialmatch::engine
