#pragma once
// Three-valued (Kleene) evaluation of a predicate tree against a patient, with evidence.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/date.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/patient.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/engine/units.hpp"

namespace trialmatch::engine {

enum class Truth : std::uint8_t { false_, true_, unknown };
const char* to_string(Truth t) noexcept;  // "false", "true", "unknown"
Truth kleene_not(Truth t) noexcept;
Truth kleene_and(Truth a, Truth b) noexcept;
Truth kleene_or(Truth a, Truth b) noexcept;

// What one leaf used to decide: the fact, the threshold as written, the conversion made.
struct Evidence {
  std::string var;         // concept id
  std::string fact;        // the patient's value as recorded, e.g. "150 U/L" or "hydroxyurea 2026-01-10..2026-09-30"
  std::optional<double> value;
  std::string unit;
  std::string date;        // of the fact, where known
  std::string source;      // where in the patient record
  std::string threshold;   // "> 3 × ULN (ULN 40 U/L from the patient's reference range)"
  std::string conversion;  // "1.2 mg/dL = 106.1 umol/L via molar mass 113.12 g/mol", or the error where
                           // the units cannot be compared, or empty
  // "not recorded" (a decision resting on absence), "recorded as absent (a known negative)",
  // "default reference range from the lexicon", "undated value, used because ...", ...
  std::string note;
  Truth truth = Truth::unknown;
};

struct Evaluation {
  std::vector<Evidence> evidence;
  // What would decide an unknown: a variable ("alt"), "ULN of alt", "date of live_vaccine", "age",
  // "birth date", "exception: <text>". Only from children that could change the result.
  std::vector<std::string> missing;
  Truth truth = Truth::unknown;      // (the two small fields last: 56 bytes, not 64, per criterion result)
  bool judgement = false;            // unknown only because a person must judge (a `text` judgement)
};

struct EvalOptions {
  Date as_of;
  bool open_world = false;  // conditions/treatments/... not recorded become unknown instead of absent
  // Build evidence and `missing` (off for fast screening: then only `truth` and `judgement` are set,
  // and evaluation allocates nothing per node).
  bool evidence = true;
  // Unit factors resolved once per (from, to, molar mass) and shared by every evaluation and thread;
  // owned by the caller (one per run). Where null, each conversion is resolved afresh.
  units::ConversionCache* conversions = nullptr;
};

Evaluation evaluate(const Node& tree, const Patient& patient, const Lexicon& lexicon, const EvalOptions& options);
// The same, written over `out` (whatever it held before), whose two vectors keep their capacity: a caller
// evaluating criterion after criterion into results it uses again allocates no vector per criterion.
void evaluate(const Node& tree, const Patient& patient, const Lexicon& lexicon, const EvalOptions& options,
              Evaluation& out);

// ---- Fast truth: trees bound once per trial, facts indexed once per patient ---------------------------------
// evaluate() with evidence off reads concept ids, units and ranges by name at every node for every patient.
// For screening many trials, bind each tree to the lexicon once (BoundTree) and index each patient's facts
// once (PatientFacts); evaluate_truth() then gives exactly evaluate()'s truth and judgement, without evidence.

// A patient's facts by lexicon concept index, for one reference date: the observation evaluate() would use
// for each concept (the latest on or before the date, else an undated one) and the events with their
// concept. Refers to `patient` and `lexicon`, which must outlive it. Immutable: shared by threads.
class PatientFacts {
 public:
  PatientFacts(const Patient& patient, const Lexicon& lexicon, Date as_of);
  PatientFacts(const PatientFacts&) = delete;  // events point into its own ancestry lists
  PatientFacts& operator=(const PatientFacts&) = delete;
  PatientFacts(PatientFacts&&) noexcept = default;
  PatientFacts& operator=(PatientFacts&&) noexcept = default;
  // Another patient's facts in place of these (what the constructor reads), the buffers used again: a
  // worker indexing patient after patient allocates and clears no concept-sized array per patient.
  void read(const Patient& patient, const Lexicon& lexicon, Date as_of);

  const Patient& patient() const noexcept { return *patient_; }
  const Lexicon& lexicon() const noexcept { return *lexicon_; }
  Date as_of() const noexcept { return as_of_; }
  // False where a fact names a concept the lexicon does not list: only evaluate() is exact then.
  bool bound() const noexcept { return bound_; }

  const Observation* latest(std::uint32_t concept_index) const noexcept {
    return concept_index < latest_.size() ? latest_[concept_index] : nullptr;
  }
  // Whether latest(concept_index) is in the unit the lexicon gives the concept (Concept::unit, as read): a
  // bound comparison then uses the factor it resolved once per trial instead of resolving one per patient.
  bool in_lexicon_unit(std::uint32_t concept_index) const noexcept {
    return concept_index < in_lexicon_unit_.size() && in_lexicon_unit_[concept_index];
  }
  // latest() and in_lexicon_unit() in one load, for the bound evaluator's common cases: kUsable where an
  // observation is there and has no problem (then `value` is its value), kUsable|kInLexiconUnit where it is
  // also in the concept's lexicon unit; 0 where there is none or it has a problem (a comparison is unknown).
  // The limit a ×ULN / ×LLN comparison uses (the observation's own range), where it is in the value's unit:
  // kUpperLimit with `upper`, kLowerLimit with `lower`; kNoUpperLimit / kNoLowerLimit where neither the range
  // nor the lexicon's span of laboratories' limits gives that bound (the comparison is unknown). Neither bit:
  // a conversion or the span's two thresholds are needed.
  // A value in another unit than the concept's lexicon unit: kToLexicon with `to_lexicon`, the factor
  // units::conversion_factor gives from its unit to the lexicon unit (what a threshold written in the
  // lexicon unit converts it by), kNoToLexicon where there is none (such a comparison is unknown).
  struct ObservedValue {
    double value = 0;
    double upper = 0;
    double lower = 0;
    double to_lexicon = 0;
    std::uint8_t state = 0;
    bool censored = false;  // a current value recorded as a bound ("< 0.5"): state 0, compared by the full rules
  };
  static constexpr std::uint8_t kUsable = 1, kInLexiconUnit = 2, kUpperLimit = 4, kLowerLimit = 8, kNoUpperLimit = 16,
                                kNoLowerLimit = 32, kToLexicon = 64, kNoToLexicon = 128;
  const ObservedValue& observed(std::uint32_t concept_index) const noexcept {
    static constexpr ObservedValue none{};
    return concept_index < value_count_ ? values_[concept_index] : none;
  }
  // False where no recorded event can bear on a `has` of the concept: none is the concept, one of its
  // descendants (Lexicon::is_a) or one of its ancestors (the wider records evaluate() leaves to a person).
  // A `has` of such a concept decides as if the patient had no event at all (evaluate_bound.cpp).
  bool events_may_bear_on(std::uint32_t concept_index) const noexcept {
    if (events_.empty()) return false;
    const std::size_t word = concept_index / 64;
    return word >= bearing_.size() || ((bearing_[word] >> (concept_index % 64)) & 1u);
  }
  struct IndexedEvent {
    const Event* event = nullptr;
    std::uint32_t concept_index = 0;
    // Every concept the event's concept is_a (Lexicon::is_a, itself excluded), sorted; null where the
    // event may not be a member of another concept (Event::may_be_a) or has no ancestor.
    const std::vector<std::uint32_t>* ancestors = nullptr;
    std::uint8_t status = 0;  // what event->status says, read once (bits internal to the evaluator)
    bool is_a(std::uint32_t concept_index) const noexcept;
  };
  const std::vector<IndexedEvent>& events() const noexcept { return events_; }
  // Every concept `concept_index` is_a (itself excluded), sorted.
  const std::vector<std::uint32_t>& ancestors_of(std::uint32_t concept_index) const noexcept;
  // Whether a condition the lexicon defines by measures (Concept::defined_by) is shown by one of the patient's
  // current values out of its range, with no window (detail::defining_value_out_of_range, as_of, no `from`):
  // asked once per patient, not per criterion. False here is false for any window too (a window only
  // excludes older values); true with a window must still be asked with its start.
  bool shown_by_values(std::uint32_t concept_index) const noexcept {
    const std::size_t word = concept_index / 64;
    return word < shown_.size() && ((shown_[word] >> (concept_index % 64)) & 1u);
  }
  // Neither events_may_bear_on nor shown_by_values: a `has` of the concept decides as if the patient had no
  // event at all, and no value shows it (one test for the bound evaluator's common case). False beyond the
  // lexicon's concepts.
  bool silent_on(std::uint32_t concept_index) const noexcept {
    const std::size_t word = concept_index / 64;
    return word < speaking_.size() && !((speaking_[word] >> (concept_index % 64)) & 1u);
  }
  // Completed years and months from the birth date to as_of (what an age criterion with a whole threshold
  // in years or months compares), computed once per patient; -1 where no birth date is on or before as_of.
  int age_in_years() const noexcept { return age_in_years_; }
  int age_in_months() const noexcept { return age_in_months_; }
  // Patient::sex read once: none where empty, other where neither "female" nor "male".
  enum class RecordedSex : std::uint8_t { none, female, male, other };
  RecordedSex sex() const noexcept { return sex_; }

 private:
  const Patient* patient_ = nullptr;
  const Lexicon* lexicon_ = nullptr;
  Date as_of_;
  bool bound_ = true;
  std::vector<const Observation*> latest_;  // by concept index
  std::vector<std::uint8_t> in_lexicon_unit_;  // by concept index
  std::vector<ObservedValue> values_;          // by concept index
  std::size_t value_count_ = 0;                // values_.size() (of 40-byte entries: a division, per criterion)
  std::vector<std::uint32_t> observed_;        // the concept indices set in the three above (reset by read())
  std::vector<std::uint64_t> bearing_;         // a bit per concept index: events_may_bear_on
  std::vector<std::uint64_t> shown_;           // a bit per concept index: shown_by_values (empty: none)
  std::vector<std::uint64_t> speaking_;        // a bit per concept index: !silent_on (bearing_ | shown_)
  std::vector<IndexedEvent> events_;        // events with a concept, in record order
  // Ancestors for a lexicon other than the built-in one (whose table is computed once per process).
  std::vector<std::vector<std::uint32_t>> own_ancestry_;
  bool builtin_lexicon_ = true;
  int age_in_years_ = -1;
  int age_in_months_ = -1;
  RecordedSex sex_ = RecordedSex::none;
};

// Predicate trees bound to a lexicon once: concept ids resolved to concept indices, threshold units read,
// every node of every tree in one array (pre-order; each node knows where its subtree ends, so the trees
// follow one another: the first root is 0, the next root is where the previous tree ends). A tree that
// names a concept id the lexicon does not list (without marking it unlisted) is kept as one `unbound`
// node: evaluate() on the tree itself is then the only way to its truth.
class BoundTree {
 public:
  enum class Op : std::uint8_t { all, any, not_, if_, cmp, age, has, sex, unknown, judgement, unbound };
  struct Node {
    Op op = Op::unknown;
    Comparator cmp = Comparator::eq;
    RelativeTo relative_to = RelativeTo::none;
    std::uint8_t flags = 0;         // has: kWithin, kActive, kExcept, kMeasured; cmp: kLexiconUnit*; age: kAge*;
                                    // sex: kSex*; a root: kMark
    std::uint32_t end = 0;          // one past the last node of this subtree
    std::uint32_t concept_index = 0;
    std::uint8_t text_at = 0;       // unit as written (cmp, age, has window) or sex value, in text()
    std::uint8_t text_size = 0;
    std::uint16_t unit_slot = 0;    // cmp: the unit read (units()[unit_slot - 1]); 0 where unread
    double value = 0;               // threshold; window length for has
    friend bool operator==(const Node&, const Node&) = default;
  };
  // A cmp's threshold unit as read, and with kLexiconUnitFactor the factor from the concept's lexicon unit
  // to it (kept beside the unit, not in the node: 24-byte nodes stream faster through 100,000 trials).
  struct UnitSlot {
    units::Unit unit;
    double factor = 0;
  };
  static constexpr std::uint8_t kWithin = 1, kActive = 2, kExcept = 4, kMeasured = 8;
  // A cmp against a value in the concept's lexicon unit (PatientFacts::in_lexicon_unit), resolved when
  // binding: the threshold's unit is that unit (no conversion), or factor() converts to it; neither: unknown.
  static constexpr std::uint8_t kLexiconUnitSame = 16, kLexiconUnitFactor = 32;
  // An age with a whole threshold in years or months (compared with PatientFacts' completed years or
  // months); a sex value that is "female" or "male". Read from the text when binding, not per patient.
  static constexpr std::uint8_t kAgeInYears = 16, kAgeInMonths = 32;
  static constexpr std::uint8_t kSexFemale = 16, kSexMale = 32;
  static constexpr std::uint8_t kMark = 0x80;  // the caller's own bit on a root (bind_each)

  BoundTree() = default;
  // One tree; bound() says whether it could be bound.
  static BoundTree bind(const engine::Node& tree, const Lexicon& lexicon);
  // Several trees one after another, each root carrying kMark where its flag is set.
  static BoundTree bind_each(const std::vector<std::pair<const engine::Node*, bool>>& trees, const Lexicon& lexicon);

  // A bound array kept elsewhere (the compiled library keeps them, so that loading binds no tree again):
  // trees one after another as nodes() and all_text() gave them, except that a cmp/has node's concept_index is kNotListed
  // where `lexicon` does not list its concept (the tree is then kept unbound, as bind() keeps it) and a cmp
  // node's unit_slot names units[unit_slot - 1] (nullopt where the unit cannot be read). kMeasured and the
  // lexicon-unit conversion are set from `lexicon`. The result equals bind_each()'s for the same trees (tests/unit/test_library_bound.cpp).
  // Throws std::invalid_argument where the nodes are not well-formed trees one after another.
  static constexpr std::uint32_t kNotListed = 0xFFFFFFFF;
  static BoundTree assemble(std::vector<Node> nodes, std::string text,
                            const std::vector<std::optional<units::Unit>>& units, const Lexicon& lexicon);

  std::size_t trees() const noexcept { return trees_; }
  bool bound(std::uint32_t root = 0) const noexcept { return root < nodes_.size() && nodes_[root].op != Op::unbound; }
  bool marked(std::uint32_t root) const noexcept { return nodes_[root].flags & kMark; }
  std::uint32_t next(std::uint32_t root) const noexcept { return nodes_[root].end; }
  const Lexicon* lexicon() const noexcept { return lexicon_; }
  const std::vector<Node>& nodes() const noexcept { return nodes_; }
  std::string_view text(const Node& n) const noexcept { return std::string_view(text_).substr(n.text_at, n.text_size); }
  const std::string& all_text() const noexcept { return text_; }  // every node's text(), one after another
  const units::Unit* unit(const Node& n) const noexcept { return n.unit_slot ? &units_[n.unit_slot - 1].unit : nullptr; }
  double factor(const Node& n) const noexcept { return n.unit_slot ? units_[n.unit_slot - 1].factor : 0; }
  std::size_t heap_bytes() const noexcept;

 private:
  const Lexicon* lexicon_ = nullptr;
  std::size_t trees_ = 0;
  std::vector<Node> nodes_;
  std::string text_;
  std::vector<UnitSlot> units_;  // each threshold unit read once
};

struct TruthOnly {
  Truth truth = Truth::unknown;
  bool judgement = false;  // unknown only because a person must judge
};

// evaluate(tree, ...).truth and .judgement with evidence off, from the bound tree at `root`. Requires
// tree.bound(root), facts.bound(), the same lexicon for both and facts.as_of() == options.as_of (else
// std::invalid_argument; can_evaluate_truth says beforehand). Allocates nothing.
bool can_evaluate_truth(const BoundTree& tree, const PatientFacts& facts, const EvalOptions& options,
                        std::uint32_t root = 0) noexcept;
TruthOnly evaluate_truth(const BoundTree& tree, const PatientFacts& facts, const EvalOptions& options,
                         std::uint32_t root = 0);

// evaluate_truth() for the roots of one bound array against one patient (a trial's criteria one after
// another): what can_evaluate_truth checks of the pair (lexicon, facts, date) is checked once, not per root.
// Refers to its arguments, which must outlive it.
class TruthReader {
 public:
  // (Inline: a reader is made per patient and trial.)
  TruthReader(const BoundTree& tree, const PatientFacts& facts, const EvalOptions& options) noexcept
      : tree_(tree), facts_(facts), options_(options),
        usable_(facts.bound() && tree.lexicon() == &facts.lexicon() && facts.as_of() == options.as_of) {}
  // can_evaluate_truth(tree, facts, options, root), without checking the pair again.
  bool can_read(std::uint32_t root) const noexcept { return usable_ && tree_.bound(root); }
  // evaluate_truth(tree, facts, options, root); std::invalid_argument where !can_read(root).
  TruthOnly read(std::uint32_t root) const;

  struct RootTruth {  // every field set by read_all (none defaulted: arrays of them cost nothing to make)
    Truth truth;
    bool judgement;
    bool marked;  // the root carries kMark
    bool read;    // false where !can_read(root): evaluate() on the tree decides it (truth unknown here)
  };
  // read() of every root in order into `out`, which holds tree.trees() entries (else std::invalid_argument):
  // one call per trial, not one per criterion.
  void read_all(std::span<RootTruth> out) const;

  // What a verdict counts, over every root in order (read_all and the counting in one pass, no array): a
  // root failing (an exclusion, kMark, that is true; another that is false) and a root unknown other than
  // by a person's judgement. A root !can_read is asked of `unread(context, its position)`, which gives its
  // truth (from evaluate() on its tree) and whether it is an exclusion.
  struct Counts {
    std::uint32_t failures = 0;
    std::uint32_t unknowns = 0;
  };
  struct UnreadTruth {
    Truth truth;
    bool judgement;
    bool exclusion;
  };
  using Unread = UnreadTruth (*)(const void* context, std::size_t index);
  Counts count_all(Unread unread, const void* context) const;

 private:
  const BoundTree& tree_;
  const PatientFacts& facts_;
  const EvalOptions& options_;
  bool usable_;
};

}  // namespace trialmatch::engine
