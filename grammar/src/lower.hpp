#pragma once
// Lowering: the island tokens of one line -> a predicate tree with diagnostics.
//
// A line splits into pieces at ';' and '.'; a piece is a sequence of items (typed nodes and visible
// text runs) joined by connectors. Adjacent items bind tightest (all), then "or" (any), then
// "and" / "," (all). What the lowering cannot read stays a `text` node; nothing is guessed.
#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "lower_ignored.hpp"
#include "lower_memo.hpp"
#include "lower_word_scan.hpp"
#include "tokens.hpp"
#include "trialmatch/engine/diagnostic.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace trialmatch::grammar {

// How a list of separate conditions combines: "any" in an exclusion, "all" in an inclusion.
enum class ListReading : std::uint8_t { as_written, any, all };

// The tree is built in `out` (the parse result's own node, default-constructed): not moved into it afterwards.
void lower(std::string_view text, const std::vector<Token>& tokens, const engine::Lexicon& lexicon,
           std::size_t max_depth, ListReading lists, PeopleHeadings headings, engine::Diagnostics& diagnostics,
           engine::Node& out);

namespace detail {

// lower_guards.cpp: a guarded part refines the earlier parts on its variables ("...; if combined with
// Gilbert syndrome, total bilirubin >3×ULN"); in an exclusion a guard is one more condition.
void refine_by_guards(std::vector<engine::Node>& pieces);
engine::Node guards_as_conjuncts(engine::Node n);
// True where guards_as_conjuncts would give n back as it is (most trees): the caller need not pass it through.
bool guards_unchanged(const engine::Node& n);
// lower_disjoint.cpp: "younger than 18 years and older than 65 years", two bounds no value meets together:
// alternatives in an exclusion, text elsewhere (n changed in place).
void separate_disjoint_bounds(engine::Node& n, bool exclusion, std::string_view text, engine::Diagnostics& diagnostics);
// lower_finish.cpp: separate_disjoint_bounds, then the events' starts marked (lower_onset.hpp), in one walk.
void finish_tree(engine::Node& tree, bool exclusion, std::string_view text, const engine::Lexicon& lexicon,
                 engine::Diagnostics& diagnostics);
// True where both nodes compare a variable in common.
bool share_a_variable(const engine::Node& a, const engine::Node& b);

enum class Conn : std::uint8_t { none, and_, or_, comma, slash };

// lower_items.cpp: "allergy", "contraindication", "planned": the events after it are not the patient's own.
bool relation_head(std::string_view word);
// lower_ahead.cpp: "planned", "planning", "intend" (lower case): the events after it are planned, not had.
bool plan_word(std::string_view word);  // either case
// lower_cmp.cpp: "change", "loss", "increase": a threshold on how a measure changed, not on the measure.
bool change_word(std::string_view word);
// lower_worsening.cpp: "exacerbation", "flare", "complications": what becomes of a condition, not the condition.
bool worsening_word(std::string_view word);

// A threshold read from the text: one comparison or a range, with the tokens it spans.
struct Threshold {
  engine::Comparator cmp = engine::Comparator::eq;
  Quantity value;
  std::optional<Quantity> high;  // set for a range (value is then the low end)
  engine::Comparator high_cmp = engine::Comparator::le;  // "2 to <12 years": the high end excluded
  bool implies_age = false;      // "older than", "or younger", "years of age"
};

// Calendar bounds read from the text (lower_dates.cpp): inclusive days "YYYY-MM-DD", either may be empty.
struct DateRange {
  std::string from, to;
  std::size_t end = 0;  // the token after them
};

// A threshold or a time window inside words the grammar could not read (lower_open.cpp).
struct Island {
  std::size_t b = 0, e = 0;  // tokens
  Threshold th;
  std::optional<engine::Amount> within;
  bool ahead = false;            // the window looks after the reference date ("in the next 6 months")
  std::string before;
  std::string class_word;        // "grade", "stage", "class": the scale the values are on
  std::vector<double> one_of;    // "grade 1 or 2": any of these values
  std::string counted;           // "sessions of 30 min moderate exercise": what the count per period counts
  std::optional<DateRange> dated;  // "between 2008 and 2017": the days the event is dated in
};

// A count of things: "at least one", "two or more of the following", "only one" (lower_counts.cpp).
struct Count {
  std::size_t b = 0, e = 0;  // the comparator and the number
  std::size_t listed_e = 0;  // past "of the following", "of these three", "of 6" where those follow
  engine::Comparator cmp = engine::Comparator::ge;
  double value = 0;
};

// "F/M", "(women/men)": two sexes keyed over a slash, the first of which is female or not.
struct SexKey {
  bool first_female = true;
  std::size_t end = 0;  // the token after the key
};

// "and ≥1.4 mg/dL in males and females respectively": the second of two limits and whom the first is for.
struct RespectiveTail {
  engine::Comparator cmp = engine::Comparator::eq;
  Quantity second;
  bool first_female = true;
  std::size_t end = 0;  // the token after "respectively"
};

// A comparison read as holding now, and the time it must have held ("for >3 months").
struct HeldFor {
  engine::Node now;
  Island how_long;
};

// The token kinds a range of tokens holds, one bit per Tok: the readings piece() tries in turn each need
// some kind to be there (a count of kinds listed needs a parenthesis), and most pieces lack it, so a reading
// turns such a piece away at once instead of walking its tokens.
class TokKinds {
 public:
  static_assert(static_cast<unsigned>(Tok::date) < 64, "one bit per token kind");
  void add(Tok k) noexcept { bits_ |= bit(k); }
  bool has(Tok k) const noexcept { return (bits_ & bit(k)) != 0; }

 private:
  static constexpr std::uint64_t bit(Tok k) noexcept { return std::uint64_t{1} << static_cast<unsigned>(k); }
  std::uint64_t bits_ = 0;
};

// The token after the first of calendar bounds, as it may be: a date, "before" or a four-digit number. (The kinds in one
// bit test: the three comparisons were asked at ~143 k tokens a pass, by the walk and the open reading, and a word
// went through all three. The comparisons are the oracle in tests/unit/test_grammar_dates_start.cpp.)
inline bool may_follow_dates_start(const Token& next) {
  constexpr std::uint64_t kinds = std::uint64_t{1} << static_cast<unsigned>(Tok::date) |
                                  std::uint64_t{1} << static_cast<unsigned>(Tok::before) |
                                  std::uint64_t{1} << static_cast<unsigned>(Tok::quantity);
  static_assert(static_cast<unsigned>(Tok::date) < 64, "one bit per token kind");
  if (((kinds >> static_cast<unsigned>(next.kind)) & 1U) == 0) return false;
  return next.kind != Tok::quantity || next.end - next.begin == 4;
}

struct Item {
  // (Constructors, so that an Item made empty in its list, as most are (a text run, a node to be built in place),
  // is not zero-filled over its whole size first: value-initialising an aggregate does that, a Node being as large
  // as its largest kind.)
  Item() { ::new (static_cast<void*>(&node)) engine::Node; }
  Item(engine::Node&& n, bool is_text, std::uint32_t from, std::uint32_t to)
      : node(std::move(n)), text(is_text), begin(from), end(to) {}
  // (Moved as take_node moves: the item moved from is left owning nothing, so that its destruction, when the list
  // is emptied or an erase drops its tail, is the four-instruction test and not a visit of the node's kind.)
  Item(Item&& o) noexcept
      : node(take_node(o.node)), text(o.text), begin(o.begin), end(o.end), orphan(o.orphan),
        threshold(std::move(o.threshold)) {}
  Item& operator=(Item&& o) noexcept {
    if (this == &o) return *this;
    if (!owns_nothing(node)) node.~Node();
    ::new (static_cast<void*>(&node)) engine::Node(take_node(o.node));
    text = o.text;
    begin = o.begin;
    end = o.end;
    orphan = o.orphan;
    threshold = std::move(o.threshold);
    return *this;
  }
  // A node that owns nothing, as most unread items' (made empty, never written) and the nodes moved out (take_node), is
  // not destroyed: its destructor would free nothing, and a list of items is emptied for every piece (a visit of the
  // node's kind each, ~40 instructions, where this test is four).
  ~Item() {
    if (!owns_nothing(node)) node.~Node();
  }
  // The node `from` held, moved out; `from` is left an empty list, which owns nothing. The kind `from` held is
  // moved in one visit of the kind, where the type is known, and what the move left, owning nothing, is made over
  // (moved with std::move, the node was visited twice: to move it, then through the variant's table to destroy what
  // the move left: ~17,000 nodes a pass, those combine and combined_into move out of the items and those an erase
  // drops).
  // (Out of line, lower_take_node.cpp: inlined, its eight kinds' moves grew every function that moves items, and
  // the compiler inlined less elsewhere.)
  static engine::Node take_node(engine::Node& from) noexcept;
  // An empty list that never held a node: its destructor would free nothing.
  static bool owns_nothing(const engine::Node& n) noexcept {
    const auto* all = std::get_if<engine::All>(&n.kind);
    return all != nullptr && all->args.capacity() == 0;
  }
  // (In a union: destroyed by ~Item only where it owns something.)
  union {
    engine::Node node;
  };
  bool text = false;  // a run of words the grammar could not read
  std::uint32_t begin = 0, end = 0;
  bool orphan = false;  // a text that is a threshold with no variable ("and < 65 years")
  // Of an orphan, the only items that have one: held apart so that an item is small to build and move
  // (a Threshold is two quantities with their strings).
  std::unique_ptr<Threshold> threshold{};
};

// Items (k, m] joined into item k: its words reach item m's end, and the items between, their connectors and
// their or-flags are dropped (the connectors' words are in the joined item's words now).
inline void join_items(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or,
                       std::size_t k, std::size_t m) {
  items[k].end = items[m].end;
  items[k].orphan = false;
  const auto from = static_cast<std::ptrdiff_t>(k), to = static_cast<std::ptrdiff_t>(m);
  items.erase(items.begin() + from + 1, items.begin() + to + 1);
  conns.erase(conns.begin() + from, conns.begin() + to);
  text_has_or.erase(text_has_or.begin() + from + 1, text_has_or.begin() + to + 1);
}

// Items [first, m] become item m read as `read` (a reading of all their words, made by the caller): its words
// start at item first's, and the items before it, their connectors and or-flags are dropped. Item m is at
// index first afterwards. (An or-flag list shorter than the items has none for them to drop.)
inline void merge_items_into_last(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or,
                                  std::size_t first, std::size_t m, engine::Node&& read) {
  Item& merged = items[m];
  merged.node = std::move(read);
  merged.begin = items[first].begin;
  merged.text = false;
  const auto from = static_cast<std::ptrdiff_t>(first), to = static_cast<std::ptrdiff_t>(m);
  items.erase(items.begin() + from, items.begin() + to);
  conns.erase(conns.begin() + from, conns.begin() + to);
  if (m < text_has_or.size()) text_has_or.erase(text_has_or.begin() + from, text_has_or.begin() + to);
}

// lower_sequence.hpp: what one sequence() call shares with its steps.
struct SequenceState;
// lower_node_slot.hpp: where a piece's reading is written.
class NodeSlot;
// What a step of sequence() did with the token it was given: read it (and moved past it), left the piece to the
// open reading or as text, or read the piece to its end (SequenceState::result); not_read: the step does not
// start there.
enum class Step : std::uint8_t { next, whole_text, done, not_read };
// Where a window read after the items goes: onto the events before it, to the words right before it,
// or nowhere certain (the piece is then read by a person).
enum class WindowUse : std::uint8_t { applied, to_text, unclear };


class Lowering {
 public:
  Lowering(std::string_view text, const std::vector<Token>& tokens, const engine::Lexicon& lexicon,
           std::size_t max_depth, ListReading lists, PeopleHeadings headings, engine::Diagnostics& diagnostics)
      : text_(text), toks_(tokens), lexicon_(lexicon), max_depth_(max_depth), lists_(lists),
        people_name_cohorts_(headings == PeopleHeadings::name_cohorts), diags_(diagnostics) {}

  // Builds the line's tree in `tree`, a default-constructed node.
  void line(engine::Node& tree);

 private:
  // lower.cpp: pieces, items and how they combine.
  std::size_t inner_marker(std::size_t i, std::size_t b) const;
  std::optional<engine::Node> piece(std::size_t b, std::size_t e);
  // piece(), sequence(), finish_items() and combined() written into `out` (lower_node_slot.hpp): false where they
  // read nothing, `out` then left as it was. (line() gives its tree or the place in its pieces; the readings that
  // return an optional give theirs.)
  bool piece_into(std::size_t b, std::size_t e, NodeSlot out);
  bool sequence_into(std::size_t b, std::size_t e, std::size_t depth, NodeSlot out);
  bool finish_items_into(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                         std::vector<bool>& text_has_or, NodeSlot out);
  void combined_into(std::vector<Item>& items, std::vector<Conn>& conns, NodeSlot out) const;
  // lower_cohort_after.cpp: "Age ≥ 30 years (Healthy control group)": a closing parenthesis naming an arm guards the piece.
  std::optional<engine::Node> cohort_after(std::size_t b, std::size_t e);
  // "Impaired glucose tolerance: ... and ... OR Impaired fasting glycaemia: ... OR ...": labelled groups
  // joined by a capital OR (lower_pieces.cpp).
  std::optional<engine::Node> labelled_alternatives(std::size_t b, std::size_t e);
  // lower_asides.cpp: an exclusion list some of whose items carry examples or an exception.
  std::optional<engine::Node> list_with_asides(std::size_t b, std::size_t e);
  std::optional<engine::Node> sequence(std::size_t b, std::size_t e, std::size_t depth);
  // sequence()'s steps, each at token i (moved past what it reads). lower_sequence_lead_ins.cpp:
  Step lead_in_at_colon(SequenceState& s, std::size_t& i);
  Step examples_or_exception(SequenceState& s, std::size_t& i);
  // lower_sequence_scopes.cpp:
  Step negation_scope(SequenceState& s, std::size_t& i);
  Step guard_or_parenthesis(SequenceState& s, std::size_t& i);
  // lower_patient_family.cpp: "history of malignant hyperthermia in patient or her family": any(event, text).
  Step patient_or_family(SequenceState& s, std::size_t& i);
  std::size_t patient_or_family_at(const SequenceState& s, std::size_t i) const;
  Step parenthesis_group(SequenceState& s, std::size_t& i);
  // lower_sequence_readings.cpp:
  Step comparison_at(SequenceState& s, std::size_t& i);
  Step event_at(SequenceState& s, std::size_t& i);
  Step sex_word(SequenceState& s, std::size_t& i);
  Step other_word(SequenceState& s, std::size_t& i);
  // lower_sequence_windows.cpp: a window or calendar bounds onto the items read; a time before an event.
  WindowUse apply_window(SequenceState& s, const engine::Amount& w, const std::string& bef, bool ahead);
  // Applies a window read up to token `last` (exclusive); false where the piece is left to a person.
  // (`first`: the window's first token.)
  bool take_window(SequenceState& s, std::size_t first, const engine::Amount& w, const std::string& bef,
                   std::size_t last, bool ahead = false);
  bool take_dates(SequenceState& s, const DateRange& d);
  Step time_before_event(SequenceState& s, std::size_t& i);
  // lower_items.cpp: text and typed items beside each other, once a piece is read.
  std::optional<engine::Node> finish_items(std::size_t b, std::size_t e, std::vector<Item>& items,
                                           std::vector<Conn>& conns, std::vector<bool>& text_has_or);
  engine::Node combine(std::vector<Item>& items, std::vector<Conn>& conns) const;
  engine::Node combine_as(std::vector<Item>& items, std::vector<Conn>& conns, ListReading reading) const;
  // lower_lists.cpp: comma lists of events with no closing connector; a list after "with".
  bool joined_by_with(const std::vector<Item>& items, std::size_t x) const;
  // lower_last_with.cpp: "BMI ≥ 40 or ≥ 35 with diabetes": the "with" asks its object of the last threshold only.
  void with_on_last_threshold(std::vector<Item>& items, std::vector<Conn>& conns) const;
  void unclear_event_lists(std::vector<Item>& items, std::vector<Conn>& conns) const;
  bool lists_conditions(const engine::Node& list) const;
  // lower_treated.cpp: "stroke treated within 3 months": the window times the treatment, not the condition.
  bool treatment_timed(const std::vector<Item>& items, std::size_t window) const;
  // "Medication use stable for 6 months": a word of stability in [b, e).
  bool names_stability(std::size_t b, std::size_t e) const;
  // lower_exempt.cpp: "... will not require pregnancy testing": whom a requirement does not apply to.
  bool states_exemption(std::size_t b, std::size_t e) const;
  // lower_cohort.cpp: "GAgP parents: i) ...; ii) ...": the heading's colon and the first token after it.
  std::optional<std::pair<std::size_t, std::size_t>> cohort_heading(std::size_t b, std::size_t n) const;
  engine::Node text_node(std::uint32_t begin, std::uint32_t end, engine::TextReason reason);
  // lower_open.cpp: text around thresholds or windows on something the lexicon does not list.
  std::optional<engine::Node> open_reading(std::size_t b, std::size_t e);
  engine::Node open_node(const Island& island, const std::string& name, engine::Span span) const;
  std::pair<std::size_t, std::size_t> name_words(std::size_t from, std::size_t to) const;
  // A piece of text the lowering could not read, the tokens [b, e) (a piece read as nothing): an unlisted comparison
  // or window where it is one, otherwise the text itself.
  engine::Node open_or_text_tokens(std::size_t b, std::size_t e, engine::TextReason reason);
  engine::Node open_reading_or_text(std::size_t first, std::size_t last, std::uint32_t begin, std::uint32_t end);
  // lower_alternative.cpp: "Total bilirubin ≤ 1.5 × ULN (≤ 3 × ULN for patients with Gilbert's syndrome)".
  std::optional<engine::Node> guarded_alternative(std::size_t b, std::size_t e);
  bool limit_for_some(std::size_t b, std::size_t main_end, std::size_t alt_b, std::size_t alt_e) const;
  std::optional<std::pair<Threshold, engine::Node>> alternative_at(std::size_t from, std::size_t to);
  std::optional<engine::Node> with_threshold(const engine::Node& main, const Threshold& th, engine::Span span);
  // lower_held.cpp: "HbA1c > 9% for at least 3 months".
  std::optional<HeldFor> held_for(std::size_t measured, const Island& threshold, const Island& duration,
                                  std::size_t seg_e);
  // lower_counts.cpp: "at least one measurable lesion", "two or more of the following SIRS criteria:".
  std::optional<Count> count_at(std::size_t i, std::size_t e) const;
  std::optional<engine::Node> counted(std::size_t b, std::size_t e);
  bool count_lists_kinds(std::size_t b, std::size_t e) const;
  bool version_number(std::size_t x) const;
  bool glued_to_word(std::size_t x) const;
  // lower_ability.cpp: "unable to sit in a chair without armrests for 2 hours", "3 months of physiotherapy".
  std::optional<engine::Node> ability_for(std::size_t b, std::size_t e);
  std::optional<Island> time_spent_at(std::size_t i, std::size_t e) const;
  // lower_islands.cpp: the thresholds, windows and scale values inside such text.
  std::optional<Island> island_at(std::size_t i, std::size_t e) const;
  // The same built in `out`, an Island as made; false where none starts at i (`out` then to be dropped).
  bool island_into(std::size_t i, std::size_t e, Island& out) const;
  // lower_dates.cpp: calendar bounds starting at token i ("since 2010", "between 1 January 2014 and ...").
  std::optional<DateRange> date_range_at(std::size_t i, std::size_t e) const;
  // (Inline: asked at many tokens; only a token before a date, a four-digit number or "before" may start one.)
  bool may_start_dates(std::size_t i, std::size_t e) const { return i + 1 < e && may_follow_dates_start(toks_[i + 1]); }
  // Whether island_at(i, e) may find one (inline: the open reading asks it of every token, and most start
  // none): a date, a window, a comparator, a number, "between", or a word that may name a scale.
  bool may_start_island(std::size_t i, std::size_t e) const {
    const Tok k = toks_[i].kind;
    if (k == Tok::within || k == Tok::ahead || k == Tok::cmp || k == Tok::quantity || k == Tok::between) return true;
    // (Only a scale word itself: island_at reads nothing else at a word but dates.)
    if ((k == Tok::word || k == Tok::filler) && scale_word_token(toks_[i])) return true;
    return may_start_dates(i, e);
  }
  // The words class_island_at reads a scale by, either case (its list, asked here of every word of an open
  // reading without a call: most are refused by length and first letter).
  static bool is_scale_word(std::string_view w) {
    if (!may_be_scale_word(w)) return false;
    const auto same = [&](std::string_view lower) {
      if (w.size() != lower.size()) return false;
      for (std::size_t x = 0; x < w.size(); ++x)
        if (static_cast<char>(w[x] >= 'A' && w[x] <= 'Z' ? w[x] - 'A' + 'a' : w[x]) != lower[x]) return false;
      return true;
    };
    switch (static_cast<char>(w[0] | 0x20)) {
      case 'g': return same("grade") || same("grades") || same("group") || same("groups");
      case 's': return same("stage") || same("stages") || same("score") || same("scores");
      case 'c': return same("class") || same("classes");
      case 'a': return same("axis");
      case 't': return same("type") || same("types");
      default: return false;
    }
  }
  // "grade", "stage", "class", ...: most words are none, by length and first letter (either case).
  static bool may_be_scale_word(std::size_t size, char first_byte) {
    const char first = static_cast<char>(first_byte | 0x20);
    return size >= 4 && size <= 7 && (first == 'g' || first == 's' || first == 'c' || first == 'a' || first == 't');
  }
  static bool may_be_scale_word(std::string_view w) { return !w.empty() && may_be_scale_word(w.size(), w[0]); }
  // A token that is a scale word: its length and first letter tested here, before is_scale_word's call (most
  // tokens are refused by them). (Forced inline: GCC kept it a call, made for every word of every open reading's
  // text, where the two tests refuse nearly all.)
  // (And its first two letters, either case, before the call: "gr", "st", "sc", "cl", "ax", "ty" open every word of
  // the list; most words of four to seven letters opening with one of its first letters are refused by them.)
  [[gnu::always_inline]] bool scale_word_token(const Token& t) const {
    const std::size_t size = t.end - t.begin;
    if (size < 4 || size > 7 || !may_be_scale_word(size, text_[t.begin])) return false;
    const char first = static_cast<char>(text_[t.begin] | 0x20), second = static_cast<char>(text_[t.begin + 1] | 0x20);
    const bool opens = (first == 'g' && second == 'r') || (first == 's' && (second == 't' || second == 'c')) ||
                       (first == 'c' && second == 'l') || (first == 'a' && second == 'x') || (first == 't' && second == 'y');
    return opens && is_scale_word(std::string_view(text_.data() + t.begin, size));
  }
  std::optional<std::pair<engine::Date, engine::Date>> days_at(std::size_t k, std::size_t e) const;
  bool class_island_into(std::size_t i, std::size_t e, Island& out) const;  // `out` written only where it reads one
  // lower_sessions.cpp: "> 3 x 30 min moderate exercise per week".
  std::optional<Island> sessions_island_at(std::size_t i, std::size_t e) const;
  bool incidental_number(std::size_t x) const;
  bool sample_size_at(std::size_t x) const;
  // Whether the number at i (a quantity token) starts no island: no calendar bound, threshold or sessions may be read
  // there (lower_islands.cpp; the readings' own first tests, asked by open_reading before island_into).
  bool bare_number_reads_nothing(std::size_t i, std::size_t e) const;
  bool unit_note_at(std::size_t x) const;
  bool scale_span_at(std::size_t x) const;
  // lower_windows.cpp: guards, windows and the events they are before.
  std::optional<std::size_t> guard(std::size_t i, std::size_t e, engine::Node& cond);
  std::optional<std::size_t> window(std::size_t i, std::size_t e, engine::Amount& within, std::string& before) const;
  std::optional<std::size_t> window_amount(std::size_t j, std::size_t e, engine::Amount& amount) const;
  std::size_t reference_event(std::size_t i, std::size_t e, std::string& before) const;
  engine::Node has(const engine::Concept& c, std::uint32_t begin, std::uint32_t end) const;
  // The same, built in `out` (an item's node already in its list: a Has moved in moves its eight strings).
  void has_into(engine::Node& out, const engine::Concept& c, std::uint32_t begin, std::uint32_t end) const;

  // lower_cmp.cpp: comparisons of measured variables.
  // Where comparison is refused, `no_threshold_at_i` (where given) is set if threshold(i, e) on a fresh Threshold
  // refuses too (the bare threshold comparison_at reads next: its answer is then known).
  std::optional<std::size_t> comparison(std::size_t i, std::size_t e, engine::Node& out,
                                        bool* no_threshold_at_i = nullptr);
  std::optional<std::size_t> chained_comparison(std::size_t i, std::size_t e, engine::Node& out);
  std::optional<std::pair<engine::Node, std::size_t>> unless_after(std::size_t x, std::size_t e);
  std::optional<std::size_t> threshold(std::size_t j, std::size_t e, Threshold& out) const;
  std::optional<std::size_t> normal_range_at(std::size_t j, std::size_t e) const;
  bool suspended_hyphen(std::size_t j, std::size_t e) const;
  bool holds_unit(std::size_t k, std::size_t e) const;
  bool unit_restated_at(std::size_t k, std::size_t e, std::string_view ucum) const;
  bool glued_letters(std::size_t j, std::size_t e) const;
  std::optional<engine::Node> cmp_node(const engine::Concept& var, engine::Comparator c, const Quantity& q,
                                       std::uint32_t begin, std::uint32_t end);

  // lower_limits.cpp: "exceeding the weight limit of the table (500 pounds)", "BMI > 40 (BMI = weight / height²)".
  std::optional<std::size_t> named_limit(std::size_t j, std::size_t e, Threshold& th) const;
  std::optional<std::size_t> formula_after(std::size_t k, std::size_t e, const engine::Concept& var) const;
  // lower_sexes.cpp: one limit for each sex ("HDL-C <50/40 mg/dl; F/M", "... in males and females respectively").
  std::optional<bool> sex_at(std::size_t x, std::size_t e) const;
  std::optional<SexKey> sex_key_at(std::size_t x, std::size_t e) const;
  std::optional<std::pair<engine::Node, std::size_t>> sex_pair(std::size_t k, std::size_t e, const engine::Concept& var,
                                                                const Threshold& th, std::uint32_t begin);
  std::optional<RespectiveTail> respective_tail(std::size_t k, std::size_t e, engine::Comparator first) const;
  std::optional<engine::Node> respective_open(std::size_t b, std::size_t e);
  std::optional<std::pair<engine::Node, std::size_t>> respective_limits(std::size_t k, std::size_t e,
                                                                         const engine::Concept& var, const Threshold& th,
                                                                         std::uint32_t begin);
  std::optional<engine::Node> per_sex(const engine::Concept& var, engine::Comparator ca, const Quantity& a,
                                      engine::Comparator cb, const Quantity& b, bool first_female, std::uint32_t begin,
                                      std::uint32_t end);

  // lower_birth.cpp: a newborn's gestational age is the one at birth.
  enum class Gestation : std::uint8_t { pregnancy, birth, unclear };
  bool born_comparator(std::size_t i) const;
  Gestation gestation_of_line() const;
  bool read_gestation(std::vector<const engine::Concept*>& vars, std::size_t i, const Threshold& th) const;

  // lower_shared.cpp: a threshold that shares the variable of the comparison beside it.
  std::optional<std::size_t> bare_threshold(std::size_t i, std::size_t e, Threshold& out) const;
  std::optional<engine::Node> shared_cmp(const engine::Node& neighbour, const Threshold& th, std::uint32_t begin,
                                         std::uint32_t end);
  // lower_class.cpp: classes of a score ("ASA I-III", "NYHA III or IV").
  std::optional<int> class_value(std::size_t j) const;
  bool scale_name_at(std::size_t j, std::size_t e) const;
  std::optional<std::pair<const engine::Concept*, int>> glued_class(std::size_t j) const;
  std::optional<std::size_t> glued_classes(std::size_t i, std::size_t e, engine::Node& out) const;
  bool class_word_before(std::size_t i) const;
  std::optional<std::size_t> class_values(std::size_t j, std::size_t e, const engine::Concept& var, engine::Node& out);
  std::optional<std::size_t> letter_class_values(std::size_t j, std::size_t e, const engine::Concept& var, engine::Node& out);
  // lower_located.cpp: "pain on one side": a preposition of place between a score's name and the number at j.
  bool place_before_value(std::size_t j) const;
  // "grade 2 submucous myoma or more": a comparator after the words that follow a class read as one value.
  bool comparator_after_class(const std::vector<Island>& islands, std::size_t e) const;
  // lower_present_use.cpp: "Patients receiving biological therapy": a treatment given now (status active).
  bool present_use_at(const SequenceState& s, std::size_t i) const;
  // The lengths of its verbs ("on", "taking", "receiving", "undergoing"): most words are refused here, inline.
  static bool maybe_present_verb(const Token& t) {
    const std::uint32_t n = t.end - t.begin;
    return n == 2 || (n >= 3 && n <= 5) || n == 6 || n == 9 || n == 10;  // (3-5: "use", "uses", "using")
  }
  bool present_use(std::size_t i, std::size_t b, std::size_t e) const;
  bool use_verb(std::size_t i) const;  // lower_use_verb.cpp: "Use dietary supplements", "Patients using X"
  bool present_use_before(std::size_t b, std::size_t e) const;
  bool other_of_list(const SequenceState& s, std::size_t i) const;  // "..., other tricyclics or SNRIs"
  // lower_elapsed_list.cpp: "MI or PCI or CABG occurred at least 12 months before": the time may reach all.
  void elapsed_reaching_alternatives(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or);
  // lower_hidden_or.cpp: "biopsy, subtotal resection, or gross total resection": the list's "or" in unread words
  // (false: the piece is a person's to read).
  bool list_or_in_text(std::size_t b, std::size_t e, const std::vector<Item>& items, std::vector<Conn>& conns);
  // lower_not_caused.cpp: "joint instability not related to trauma": the denied cause as text, not not(has injury).
  void cause_denied(std::size_t b, std::size_t e, std::vector<Item>& items);
  // lower_comma_qualifier.cpp: "History of insomnia, currently with medication": the comma reads as "and"
  // (false: more items after the qualifier, a person's to read).
  bool comma_qualifier(std::size_t b, std::size_t e, const std::vector<Item>& items, std::vector<Conn>& conns);
  // lower_aside_times.cpp: where present_use() asks for times: past an "or" with only bracketed times before it.
  std::size_t times_asked_from(std::size_t from, std::size_t verb) const;
  // lower_trial_site.cpp: "surgery or injection in the affected knee": the trial's site may reach each alternative.
  void trial_site_reaching(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or);
  // lower_illness_with.cpp: "Cancer or other serious illness with a life expectancy < 6 months".
  void illness_with_measure(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                            std::vector<bool>& text_has_or);
  // lower_body_site.cpp: "trauma or infection at femur": a part of the body after the last placed event may be each's.
  void body_site_reaching(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                          std::vector<bool>& text_has_or);
  // lower_route_list.cpp: "Inhalation of beta2 agonists, ... and/or glucocorticoids": the route reaches each drug.
  void route_over_list(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                       std::vector<bool>& text_has_or);
  // lower_heading_condition.cpp: "Prostate cancer: Gleason score 7 or PSA 10-20 ng/ml": the condition and the measures.
  std::optional<engine::Node> heading_condition(std::size_t b, std::size_t c, const engine::Node& rest);
  // lower_lead_condition.cpp: "Severe head injury (GCS < 8)": a condition's lead-in kept beside a measure not defining it.
  bool lead_condition_kept(std::size_t b, std::size_t e, const Item& lead, const Item& measure) const;
  // lower_window_measure.cpp: "MI, severe heart dysfunction (NYHA ≥ 3) or tachyarrhythmia within one year".
  void window_across_measure(std::size_t b, std::size_t e, std::vector<Item>& items, const std::vector<Conn>& conns);
  // lower_worsening.cpp: "Exacerbation of an underlying condition (i.e., chronic pain)": one text.
  void worsening_aside(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                       std::vector<bool>& text_has_or);
  // lower_treatment_of.cpp: "previous treatment of prostate cancer": the words from the treatment word to the
  // condition named at `name` become text (true; `name` moved past it).
  bool treatment_of_condition(SequenceState& s, std::size_t& name);
  // lower_governed_or.cpp: "a device for step count or physical activity": the item after the connector with the
  // unread words whose object it may be, one text.
  void object_across_connector(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                               std::vector<bool>& text_has_or);
  // lower_condition_heading.cpp: "Acute or chronic infection ...: CRP < 1.5 mg/dL": a lead-in [b, c) naming a
  // condition whose thresholds all admit normal values is no heading.
  bool condition_heading_admits_normal(std::size_t b, std::size_t c, const engine::Node& rest) const;
  // lower_lead_recent.cpp: "Recent cardiovascular events: unstable angina, ...": a lead-in [b, c) saying "recent"
  // before events asked of no time.
  bool lead_in_says_recent(std::size_t b, std::size_t c, const engine::Node& rest) const;
  bool recent_lead_in_as_text(SequenceState& s, std::size_t lead, std::size_t colon);
  // lower_pain_site.cpp: "NRS leg pain of 6 or more": a pain at a named site is not the general pain score.
  void pain_at_site(std::size_t b, std::size_t e, std::vector<Item>& items) const;
  // lower_muscle_scale.cpp: "Gastrocsoleus muscle spasticity (MAS 1-3)": a scale graded per muscle, at the site named.
  void scale_at_muscle(std::size_t b, std::size_t e, std::vector<Item>& items) const;
  // lower_window_across.cpp: "MI, heart failure (NYHA >= 3) or stroke within one year": a comparison item k
  // that is an element of a list of events a window after it may pass over.
  bool comparison_in_timed_list(const SequenceState& s, std::size_t k) const;
  // lower_primary_secondary.cpp: "primary open-angle glaucoma and secondary pseudoexfoliative glaucoma" in an
  // inclusion: the two kinds, joined by "and", one unread text.
  void primary_and_secondary(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or) const;
  // lower_study_drug.cpp: "another clinical study with a beta blocker": the study's treatment, unread.
  void study_treatment_as_text(std::vector<Item>& items, const std::vector<Conn>& conns) const;
  // lower_lead_normal.cpp: "mild to moderate ischemic stroke (NIHSS <16)": an unread lead-in naming a condition
  // before thresholds that admit normal values is kept beside them (one item, all(text, thresholds)).
  bool lead_condition_admits_normal(std::size_t b, std::size_t e, const Item& lead, const Item& rest) const;
  void condition_lead_beside(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                             std::vector<bool>& text_has_or);
  // lower_purpose.cpp: "may receive transfusion so as to have Hb >= 9": words of purpose in the lead-in.
  // (True: the comparisons' variables in `target` are kept, targets_elsewhere makes the line's others text.)
  bool purpose_before(std::size_t b, std::size_t e, const Item& lead, const Item& target) const;
  bool purpose_lead(std::size_t b, std::size_t e, const Item& lead) const;
  void targets_elsewhere(std::vector<engine::Node>& pieces);
  // lower_measuring_site.cpp: "Oral temperature > 38 or ... axillary temperature > 37": limits by site, a person's.
  void limits_by_site(engine::Node& tree);
  struct Site;
  void qualify_by_site(engine::Node& n, const std::vector<Site>& sites, bool qualified);
  void targets_elsewhere(engine::Node& n);
  // lower_status_list.cpp: "current diagnosis of A, <unread name>, B or C": the opening status reaches B and C.
  void status_across_names(std::size_t b, std::size_t e, std::vector<Item>& items, const std::vector<Conn>& conns);
  // lower_score_scale.cpp: "Pain > 4 on a visual numerical scale": words naming the score's kind of scale go.
  void score_scale_restated(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                            std::vector<bool>& text_has_or);
  // lower_age_group.cpp: "less than 28 days old (neonate)": an age group's name restating the bound goes.
  void age_group_restated(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                          std::vector<bool>& text_has_or);
  // lower_criteria_met.cpp: "meets DSM-5 criteria for anorexia nervosa": the criteria met name how it is diagnosed.
  void criteria_met(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                    std::vector<bool>& text_has_or);
  bool criteria_for_at(SequenceState& s, std::size_t& i);
  bool meeting_criteria(std::size_t b, std::size_t first, std::size_t condition) const;
  bool names_condition(std::size_t x) const;
  // lower_judged_slash.cpp: "Inability to take part in exercise/physical activity": one text.
  void judged_slash_pair(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                         std::vector<bool>& text_has_or);
  // lower_must_have.cpp: "Subjects with diabetes must have HbA1c < 8%": if(has diabetes, HbA1c < 8%).
  std::optional<engine::Node> condition_must_have(std::size_t b, std::size_t e, std::vector<Item>& items,
                                                  const std::vector<Conn>& conns);
  // lower_episodes.cpp: words of recurrence or the past before byte `upto` ("recurrent symptoms of hypoglycemia").
  bool episodes_before(std::size_t b, std::size_t e, std::uint32_t upto) const;
  // (The same asked again of one piece: `at` is where the scan stands, npos before the first ask; s26items.)
  bool episodes_before(std::size_t b, std::size_t e, std::uint32_t upto, std::size_t& at) const;
  void episode_as_text(std::vector<Item>& items, std::vector<Conn>& conns, std::vector<bool>& text_has_or, std::size_t k);
  void episode_into_next(std::vector<Item>& items, std::size_t k);  // episode_as_text, item k left to the caller
  // lower_defines.cpp: "Anemia (hemoglobin < 10 g/dL)": a condition read as the thresholds that define it.
  void defining_thresholds(std::size_t b, std::size_t e, std::vector<Item>& items, std::vector<Conn>& conns,
                           std::vector<bool>& text_has_or);
  friend struct DefinedByProbe;  // tests/unit/test_grammar_defined_by.cpp: the join in one pass, the episodes' scan
  // lower_events.cpp: events named through a generic head or with the head left out.
  bool names_kind_of(const engine::Concept& head, const engine::Concept& specific) const;
  bool head_says_active(std::size_t tok) const;
  const engine::Concept* elided_event(std::size_t i, std::size_t earlier) const;
  const engine::Concept* elided_head(std::uint32_t begin, std::uint32_t end, std::size_t name_tok) const;
  std::optional<engine::Node> elided_heads(std::uint32_t begin, std::uint32_t end, std::size_t name_tok) const;
  // lower_qualifier.cpp: "chronic neck/back pain": the qualifier opening the elided words reaches the name.
  struct QualifiedName {
    bool qualified = false;                  // the name must carry the qualifier
    const engine::Concept* entry = nullptr;  // the lexicon's qualified concept, if it names one
  };
  QualifiedName qualifier_reaches(std::uint32_t begin, std::uint32_t end, std::size_t name_tok) const;
  // lower_grouped.cpp: "T2D (A1c ≥ 5.7%, ... or FBG > 100)": the alternatives in parentheses as one item.
  std::optional<engine::Node> grouped_alternatives(std::size_t i, std::size_t r, std::size_t depth,
                                                   const std::vector<Item>& items, const std::vector<Conn>& conns,
                                                   Conn pending);
  bool compared_before_close(std::size_t i, std::size_t e) const;
  // lower_proviso.cpp: "A or B or another disorder if there is a significant risk": a clause that may bound all.
  bool proviso_may_reach(std::size_t b, std::size_t e, const std::vector<Item>& items, const std::vector<Conn>& conns) const;
  // lower_predicted.cpp: "FEV1 <80% predicted": the lexicon's percent-predicted measure of var (nullptr where it
  // names none) and the token after "predicted", where "predicted" follows the value at token k.
  std::optional<std::pair<const engine::Concept*, std::size_t>> percent_predicted_at(const engine::Concept& var,
                                                                                    std::size_t k, std::size_t e) const;
  // "type 1 or 2 diabetes": the two kinds the lexicon names, and the token after the name (lower_events.cpp).
  std::optional<std::pair<std::pair<const engine::Concept*, const engine::Concept*>, std::size_t>> kinds_elided_at(
      std::size_t i, std::size_t e) const;
  // lower_stable.cpp: "Body weight stable for 3 months prior (±3 kg)".
  std::optional<engine::Node> stability(std::size_t b, std::size_t e);
  // lower_since.cpp: "at least 4 weeks since last chemotherapy".
  std::optional<engine::Node> elapsed_since(std::size_t b, std::size_t e);
  // "Surgery less than 3 months ago": the events within that window.
  std::optional<engine::Node> elapsed_ago(std::size_t b, std::size_t e);
  // lower_threshold_with.cpp: "BMI ≥ 40 or ≥ 35 kg/m2 with type 2 diabetes": the qualifier is the second threshold's.
  std::optional<engine::Node> second_threshold_with(std::size_t b, std::size_t e);
  // lower_survival.cpp: "Known disease making 180 day survival unlikely": life expectancy below that length.
  std::optional<engine::Node> survival_unlikely(std::size_t b, std::size_t e);
  // lower_label.cpp: "age, 18 to 65 years old": a measure's bare name before a comma labels the comparison after it.
  bool measure_label(std::size_t b, std::size_t e, const Item& label, const Item& next) const;
  bool other_quantity_label(std::size_t b, std::size_t e, const Item& label, const Item& next) const;
  // lower_whichever.cpp: "within 4 weeks or 5 half-lives, whichever is longer": the window read, the other as text.
  std::optional<engine::Node> whichever_window(std::size_t b, std::size_t e);
  // lower_current.cpp: "immunomodulators currently or within the past three months" (unlisted events).
  std::optional<engine::Node> now_or_window(std::size_t b, std::size_t e);
  std::size_t now_words(std::size_t c, std::size_t e) const;
  // lower_ahead.cpp: "Planned major surgery within the next 12 months", "planning to be pregnant in 6 months".
  std::optional<engine::Node> planned_ahead(std::size_t b, std::size_t e);
  // A window over tokens [from, to) that may look ahead: it names no event, or counts from the moment of
  // matching ("within 30 days of enrollment"), never back from one ("6 months prior to screening").
  bool ahead_of_entry(std::size_t from, std::size_t to, const std::string& before) const;
  std::optional<std::size_t> past_window_in(std::size_t i, std::size_t e, engine::Amount& within, std::string& before);
  std::optional<std::size_t> variable_after(std::size_t k, std::size_t e, const Threshold& th, bool classed) const;
  std::optional<std::pair<engine::Node, std::size_t>> pressure_pair(std::size_t k, std::size_t e, const Threshold& th,
                                                                     std::uint32_t begin);
  bool other_person_named(std::size_t before) const;
  // A subject word ("subject", "patients") among the tokens in the bytes [begin, end).
  bool subject_between(std::uint32_t begin, std::uint32_t end) const;
  bool names_cohort(std::size_t b, std::size_t c) const;
  // lower_lead_ins.cpp: "No history of the following:": whether the lead-in [b, c) before a colon negates the
  // items it announces (none of them may hold), has no negation, or has one whose reach a person must read.
  enum class LeadNegation : std::uint8_t { none, governs_items, unclear };
  LeadNegation lead_in_negation(std::size_t b, std::size_t c) const;
  // "Any of the following:", "At least one of the following:", "Either:": one of the items after it is enough.
  bool announces_alternatives(std::size_t b, std::size_t c) const;
  // The colon of a lead-in opening the line at token b that governs the ';' parts after it (alternatives, or a
  // negation in an inclusion), before any ';'; n where there is none.
  std::size_t lead_in_colon(std::size_t b, std::size_t n) const;
  // An amount of time ("in the past 6 months") among the tokens in the bytes [begin, end); "within the time
  // period specified below" names none.
  bool holds_an_amount_of_time(std::uint32_t begin, std::uint32_t end) const;
  // lower_lead_lists.cpp: "Prior malignancy, except:": an exception in the lead-in [b, c) before a colon;
  // "Cardiovascular disease, such as:": examples as the lead-in's last words.
  bool lead_in_excepts(std::size_t b, std::size_t c) const;
  bool lead_in_ends_with_examples(std::size_t b, std::size_t c) const;
  // The colon after an examples lead-in opening at token b, past closed parentheses ("pain (NRS >= 4) ..., such as:"); n if none.
  std::size_t examples_colon(std::size_t b, std::size_t n) const;
  // A lead-in's colon among the items [b, e) after an alternatives lead-in: sets of items ("Set A:").
  bool items_hold_lead_ins(std::size_t b, std::size_t e) const;
  // lower_lead_window.cpp: "Any of the following within 6 months prior to enrollment: MI, stroke": the items after
  // the colon at `colon`, each timed by the lead-in's window (from token `lead`); nullopt where it does not fit.
  std::optional<engine::Node> windowed_lead_in(std::size_t lead, std::size_t colon, std::size_t e, std::size_t depth);
  // "Currently taking any of the following:": a status word among the tokens [b, c), and the events of n made
  // current by it (false, n unchanged, where an event has a status or time of its own or none is typed).
  bool says_current(std::size_t b, std::size_t c) const;
  bool give_current_status(engine::Node& n) const;
  bool age_at_other_moment(std::size_t from, std::size_t to) const;
  bool age_of_another_moment(std::size_t i, std::size_t k, std::size_t e) const;
  bool qualified_as_other_quantity(std::size_t m) const;
  // The token after "naive" right after the event named at token i ("Chemotherapy-naïve"), or 0.
  std::size_t naive_after(std::size_t i, std::size_t e) const;
  // The event named right after "non" or "non-" at token i, where its name ends the phrase ("Non-smoker",
  // "non-pregnant women"; not "non-cancer pain"), or 0.
  std::size_t event_after_non(std::size_t i, std::size_t e) const;
  void borrow_unit(std::size_t k, std::size_t e, Threshold& th) const;
  bool years_item(std::size_t i, std::size_t k, std::size_t e, const Threshold& th) const;
  bool loose_preposition(std::size_t i, std::size_t e) const;
  bool names_people(std::size_t i, std::size_t k, std::size_t e, const Threshold& th) const;
  std::optional<engine::Node> threshold_node(const engine::Concept& var, const Threshold& th, std::uint32_t begin,
                                             std::uint32_t end);

  // (Inline: asked of most tokens, by many readings; only stray punctuation needs its bytes looked at. Forced:
  // the compiler kept it a call in sequence(), which asks it of nearly every token.)
  [[gnu::always_inline]] bool neutral(std::size_t i) const {
    if (ignored(i)) return true;
    switch (toks_[i].kind) {
      case Tok::filler: case Tok::subject: case Tok::sex_any: case Tok::inclusive: case Tok::lparen:
      case Tok::rparen: case Tok::status_history:
        return true;
      case Tok::other:
        return neutral_other(toks_[i]);
      default:
        return false;
    }
  }
  bool neutral_other(const Token& t) const;
  // The kinds of the tokens in [b, e). (The readings of one piece ask it of the same range one after the
  // other: the last range's answer is kept.)
  TokKinds kinds_in(std::size_t b, std::size_t e) const {
    // (The open reading of a piece asks it of the piece's tokens and the words before them: only those are added.)
    if (e == kinds_e_ && b < kinds_b_ && kinds_b_ <= kinds_e_) {
      for (std::size_t x = b; x < kinds_b_; ++x) kinds_.add(toks_[x].kind);
      kinds_b_ = b;
    } else if (b != kinds_b_ || e != kinds_e_) {
      TokKinds kinds;
      for (std::size_t x = b; x < e; ++x) kinds.add(toks_[x].kind);
      kinds_ = kinds;
      kinds_b_ = b;
      kinds_e_ = e;
    }
    return kinds_;
  }
  // Tokens a piece reads past: "with or without radiotherapy" allows either, so it asks nothing.
  bool ignored(std::size_t i) const { return !ignored_.empty() && ignored_[i]; }
  std::optional<std::pair<std::size_t, std::size_t>> either_way(std::size_t b, std::size_t e) const;
  // (Inline: asked of every token of a piece; only a judgement token needs the words around it.)
  bool judges(std::size_t i) const { return toks_[i].kind == Tok::judgement && judgement_at(i); }
  bool judgement_at(std::size_t i) const;
  bool is_measured(std::size_t i) const { return toks_[i].kind == Tok::name && engine::is_measured(toks_[i].entry->kind); }
  bool is_event(std::size_t i) const { return toks_[i].kind == Tok::name && !engine::is_measured(toks_[i].entry->kind); }
  // (Inline: asked by most readings, often of a token or two.)
  std::size_t skip_neutral(std::size_t i, std::size_t e) const {
    while (i < e && neutral(i)) ++i;
    return i;
  }
  bool list_within(std::size_t b, std::size_t e) const;
  bool restating(std::size_t i, std::size_t e) const;
  // The first token of [b, e) that begins at or after `offset`, by bisection (tokens are in text order): where an
  // item's tokens start, asked per item without a scan from the piece's start.
  std::size_t token_at(std::uint32_t offset, std::size_t b, std::size_t e) const {
    return static_cast<std::size_t>(std::partition_point(toks_.begin() + static_cast<std::ptrdiff_t>(b),
                                                         toks_.begin() + static_cast<std::ptrdiff_t>(e),
                                                         [&](const Token& t) { return t.begin < offset; }) -
                                    toks_.begin());
  }
  // lower_examples.cpp: "Current skin condition (e.g., eczema or psoriasis)".
  std::optional<std::pair<engine::Node, std::size_t>> examples_of(std::size_t i, std::size_t e, const Item& thing,
                                                                  std::size_t depth);
  std::optional<std::size_t> method_of_diagnosis(std::size_t i, std::size_t e) const;
  // The line's bytes [b, e), without substr's bounds test and clamp (a compare and a throw path at every call, and
  // there are many: every word a step reads): every caller passes the bounds of tokens, items or pieces, in the line
  // and b <= e. (Builds with assertions check it; tests/unit/test_grammar_slice.cpp compares it with substr.) The
  // form of text_span (text_span.hpp), kept in 32 bits here: slice written as a call of text_span, with size_t
  // bounds, cost 0.48 M instructions a pass more.
  std::string_view slice(std::uint32_t b, std::uint32_t e) const {
    assert(b <= e && e <= text_.size());
    return {text_.data() + b, e - b};
  }
  void warn(std::string message, std::uint32_t begin, std::uint32_t end);
  void warn_not_understood(std::uint32_t begin, std::uint32_t end);
 public:
  // Writes the messages of the not-understood warnings pushed since diagnostic `from`.
  void write_warnings(std::size_t from);
  // lowerspeed15: writes the primary codes of every event has_into made into the line's final tree (lower.cpp).
  // (lower() has finish_tree write them in its walk, write_codes_of at each event: this walk is the tests' oracle.)
  void write_codes(engine::Node& tree) const;
  // The codes of one event of the final tree; coder() is nullptr where the line made no event of a concept.
  void write_codes_of(engine::Has& h) const;
  const Lowering* coder() const { return coded_count_ == 0 ? nullptr : this; }
  // The lexicon's concept of id `id` (lexicon_.find's answer), asked first of the concepts this line made events of:
  // the events' ids the readings ask again and again (lower.cpp).
  const engine::Concept* concept_of(std::string_view id) const;
 private:
  // lowerspeed15: the concepts has_into made events of in this line (each once; past kCodedKept, `coded_count_`
  // still counts and write_codes finds the concept by id). An event's codes are written once the tree is final,
  // not into every event a reading builds and drops again (most of them).
  static constexpr std::size_t kCodedKept = 16;
  mutable std::array<const engine::Concept*, kCodedKept> coded_;  // [0, min(coded_count_, kCodedKept)) set
  mutable std::size_t coded_count_ = 0;

  std::string_view text_;
  std::span<const Token> toks_;  // (a span: one load less per token asked than through the vector)
  const engine::Lexicon& lexicon_;
  std::size_t max_depth_;
  ListReading lists_;
  bool people_name_cohorts_;  // a lead-in naming people names a cohort (PeopleHeadings)
  engine::Diagnostics& diags_;
  IgnoredTokens ignored_;  // empty until a piece ignores something (lower_ignored.hpp)
  bool in_open_segment_ = false;  // reading one segment of an open reading with the full grammar
  std::size_t sequence_begin_ = 0;  // first token of the piece being lowered
  // lower_ahead.cpp: while a piece is read as a plan, its plan word and the window that looks ahead
  // because of it ("planning to be pregnant in 6 months"); past the tokens otherwise.
  std::size_t plan_word_ = static_cast<std::size_t>(-1);
  std::size_t plan_window_ = static_cast<std::size_t>(-1);
  std::size_t sequence_end_ = 0;
  // kinds_in's last range and answer (no range yet: b > e).
  mutable TokKinds kinds_{};
  mutable std::size_t kinds_b_ = 1, kinds_e_ = 0;
  mutable std::vector<std::string> purpose_targets_;  // lower_purpose.cpp: variables a line sets as a target

  // --- lowerspeed13 (lower_sequence_lead_ins.cpp) ---
  // What a nested sequence() reads besides its tokens and depth: the members above a reading may change.
  // (ignored: empty where no token is ignored, whether the member is empty or all false; purpose_targets: how
  // many, as a reading only appends to them.)
  struct ReadingState {
    ListReading lists;
    bool in_open_segment;
    std::size_t sequence_begin, sequence_end, plan_word, plan_window, purpose_targets;
    std::vector<bool> ignored;
    bool operator==(const ReadingState&) const = default;
  };
  ReadingState reading_state() const;
  // "According to groups : Part B : Group C2 : ...": the rest after a colon is read again from every colon before
  // it (2^colons readings). A rest [b, e) whose reading came out not partly typed and left the state as it found
  // it, with that state: the same rest read in the same state reads the same (lead_in_at_colon drops it again).
  struct RestReadAsText {
    std::size_t b, e;
    ReadingState state;
  };
  std::vector<RestReadAsText> rests_read_as_text_;  // (the Lowering is made for one line: so is this list)
  bool rest_read_as_text(std::size_t b, std::size_t e, std::size_t depth, const ReadingState& state) const;

  // lowerspeed12 (lower_threshold.cpp): threshold()'s answers on this line for an unwritten Threshold, by span: the walk,
  // the open reading and the nested readings ask the same spans again. (threshold_read: the reading itself.)
  mutable SpanMemo<Threshold, std::size_t, 24> threshold_memo_;  // (and the end, or -1: no threshold)
  std::optional<std::size_t> threshold_read(std::size_t j, std::size_t e, Threshold& out) const;
  // threshold() for an `out` just made (Threshold{}), asked without looking whether it is unwritten.
  std::optional<std::size_t> fresh_threshold(std::size_t j, std::size_t e, Threshold& out) const;
  // Whether threshold_read may read one at j: past fillers, a comparator, a number, "between" or the age's name ("the
  // age of"); where not it refuses at once and leaves its Threshold as it is. (Inline: comparison asks it at most
  // tokens. Any other name, a condition's or a drug's, threshold_read refuses before it writes anything.)
  bool threshold_may_start(std::size_t j, std::size_t e) const {
    while (j < e && (toks_[j].kind == Tok::filler || toks_[j].kind == Tok::colon)) ++j;
    if (j >= e) return false;
    const Tok k = toks_[j].kind;
    return k == Tok::cmp || k == Tok::quantity || k == Tok::between ||
           (k == Tok::name && std::string_view(toks_[j].entry->id) == "age");
  }
  friend struct LoweringProbe;  // tests/unit/test_grammar_span_memo.cpp: the readings with and without the memo
  friend struct ThresholdStartProbe;  // tests/unit/test_grammar_cmp_refusals.cpp: threshold_may_start's refusals
  friend struct BareThresholdProbe;  // tests/unit/test_grammar_cmp_bare_known.cpp: comparison's known bare refusal

  // --- lowerspeed18 (lower_pieces.cpp) ---
  // combine(), as finish_items returns it: one item with no connector is moved once, into the result itself
  // (through combine's Node it was moved twice, and a temporary destroyed).
  std::optional<engine::Node> combined(std::vector<Item>& items, std::vector<Conn>& conns) const;

  // --- lowerspeed21 (lower_cmp.cpp) ---
  // cmp_node built in `node` itself, true where it reads one (where it reads none, `node` may be changed: the caller
  // drops it). cmp_node gives the same in an optional; comparison() builds its nodes in place (a Cmp returned in an
  // optional was moved again into the caller's node, and the empty optional zeroed).
  bool cmp_into(engine::Node& node, const engine::Concept& var, engine::Comparator c, const Quantity& q,
                std::uint32_t begin, std::uint32_t end);
  // --- lowerspeed21 (lower.cpp) ---
  // Whether sequence() reads [b, e) as text without its walk: the walk could only make unread words of it (lower.cpp).
  bool unread_words_only(std::size_t b, std::size_t e) const;
  friend struct NodeSlotProbe;  // tests/unit/test_grammar_node_slot.cpp: piece() and sequence() into a node and not
  friend struct UnreadPieceProbe;  // tests/unit/test_grammar_unread_pieces.cpp: sequence() with the walk and without
  // --- lowerspeed20 (lower_open.cpp, lower_open_refusals.cpp) ---
  // Whether [b, e) holds a negation outside parentheses and not "respectively": the open reading refuses such a text
  // whatever its islands, and asks this before it looks for them.
  bool negated_unless_respectively(std::size_t b, std::size_t e) const;
  // Whether [b, e) holds the word "respectively", whose reading open_reading asks before its refusals.
  bool holds_respectively(std::size_t b, std::size_t e) const;
  // Whether a token of [b, e) judges (judgement_at) and the text holds no "respectively".
  bool judges_unless_respectively(std::size_t b, std::size_t e) const;
  friend struct OpenReadingProbe;  // tests/unit/test_grammar_open_prechecks.cpp
  friend struct IslandIntoProbe;  // tests/unit/test_grammar_island_into.cpp: the islands built in place, old form
  friend struct BareNumberProbe;  // tests/unit/test_grammar_bare_number.cpp: the readings the guard spares refuse
  // --- lowerspeed23 (lower.cpp) ---
  // Whether a word or filler of [b, e) from its first opening parenthesis on is a scale word (unread_words_only's test
  // of a piece with a parenthesis; a call of its own, so that the test does not weigh on every unread_words_only).
  [[gnu::noinline]] bool scale_word_in(std::size_t b, std::size_t e) const;
  // --- s20seq (lower_sequence_scopes.cpp) ---
  // Whether [b, e), read as a piece, may give an event the lexicon names: parenthesis_group reads the words in
  // parentheses after an event for nothing else.
  bool may_name_events(std::size_t b, std::size_t e) const;
  friend struct NamedEventsProbe;  // tests/unit/test_grammar_parenthesis_events.cpp
  // --- s23seq (lower_sequence_scopes.cpp) ---
  // Whether [b, e), read as a piece, may give a comparison or a sex: parenthesis_group's first reading is used only then.
  bool may_compare(std::size_t b, std::size_t e) const;
  friend struct ComparedAlternativesProbe;  // tests/unit/test_grammar_compared_alternatives.cpp
  // --- s22steps (lower_criteria_met.cpp, lower_governed_or.cpp, lower_trial_site.cpp, lower_body_site.cpp) ---
  friend struct StepRefusalProbe;  // tests/unit/test_grammar_step_refusals.cpp: the steps against their old forms
  // --- s23alloc (lower.cpp) ---
  friend struct EventProbe;  // tests/unit/test_grammar_has_into.cpp: has_into into a node that held another tree
  // --- s32event (lower.hpp) ---
  friend struct SliceProbe;  // tests/unit/test_grammar_slice.cpp: slice against substr
  // --- s25robust (lower_cmp.cpp) ---
  // comparison's scan for "respectively" from a limit's end to the piece's end, the stretch scanned kept (lower_word_scan.hpp).
  mutable TokenScan respectively_scan_;
  // --- s26open (lower_open.cpp, lower_open_segments.hpp) ---
  friend struct OpenSegmentsProbe;  // tests/unit/test_grammar_open_segment_oracle.cpp: the segments' pass, old walk
};

// lower_cmp.cpp: lexicon.find("age"), the concept a comparison of years takes, kept for the thread from line to line.
const engine::Concept* age_concept(const engine::Lexicon& lexicon);

// lower_state_onset.cpp: mark_state_start (lower_onset.hpp) with the event's concept asked of `coder` (concept_of):
// finish_tree's form, where the line made events of concepts.
void mark_state_start(std::string_view text, const Lowering& coder, engine::Node& event);

}  // namespace detail
}  // namespace trialmatch::grammar
