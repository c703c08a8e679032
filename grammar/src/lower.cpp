#include "lower.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <type_traits>

#include "lower_node_slot.hpp"
#include "lower_scratch.hpp"
#include "lower_sequence.hpp"
#include "lower_event_status.hpp"
#include "lower_util.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace detail {

using engine::Node;

namespace {

// The working vectors of one sequence() call and the walk's state over them, taken together from a per-thread stack
// and given back with the vectors empty, so that their capacity serves the next piece and line instead of growing
// again (sequence nests: each call takes the room of its nesting level). The state is made once with the room and made
// ready per walk (SequenceState::begin_walk).
struct SequenceRoom {
  std::vector<Item> items;
  std::vector<Conn> conns;
  std::vector<bool> text_has_or;  // per item: a text run merged across "or"
  std::vector<int> depth_at;      // per token: the parenthesis depth before it
  SequenceState state{{}, 0, 0, 0, items, conns, text_has_or, depth_at};

  SequenceRoom() = default;
  SequenceRoom(const SequenceRoom&) = delete;  // (a copy's state would refer to the vectors of the room it came from)
  SequenceRoom& operator=(const SequenceRoom&) = delete;
};

// A rare long piece does not keep its memory. (Inline in the walk's end, with no call; the depths are emptied only where
// the walk made them, so that the vector is empty at every walk's start.)
[[gnu::always_inline]] inline void give_back_room(SequenceRoom& r) {
  keep_small(r.items, 256);
  keep_small(r.conns, 256);
  keep_small(r.text_has_or, 256);
  if (r.state.depths_made) keep_small(r.depth_at, 256);
}
using SequenceScratch = NestedScratch<SequenceRoom, give_back_room>;

// A line that warns mostly warns a few times (open readings push warnings and drop them again): room for
// four at its first, instead of growing one, two, four with every message moved each time.
// (The test inline, the reserve out of line: as a call, its entry and exit cost ~13 instructions a warning, ~17,000
// warnings a pass, where most find the room made.)
[[gnu::noinline, gnu::cold]] void reserve_first_warnings(engine::Diagnostics& diags) { diags.reserve(4); }
[[gnu::always_inline]] inline void make_room_for_warning(engine::Diagnostics& diags) {
  if (diags.capacity() == 0) reserve_first_warnings(diags);
}
// A warning made empty at the end of `diags`, which grow out of line: with the vector's growth inlined, the warnings'
// functions saved and restored six registers at every warning, most of which find room.
[[gnu::noinline]] engine::Diagnostic& new_warning_grown(engine::Diagnostics& diags) { return diags.emplace_back(); }
[[gnu::always_inline]] inline engine::Diagnostic& new_warning(engine::Diagnostics& diags) {
  make_room_for_warning(diags);
  if (diags.size() == diags.capacity()) return new_warning_grown(diags);
  return diags.emplace_back();
}

}  // namespace


void Lowering::warn(std::string message, std::uint32_t begin, std::uint32_t end) {
  // Made in place, not moved in (field by field: clang before 16 has no parenthesised aggregate initialisation).
  engine::Diagnostic& d = new_warning(diags_);
  d.severity = engine::Severity::warning;
  d.message = std::move(message);
  d.begin = begin;
  d.end = end;
}

// Most of these warnings belong to open readings that are dropped again, and the text is that of the
// warning's own span: it is pushed without a message, written once the line is read (write_warnings).
void Lowering::warn_not_understood(std::uint32_t begin, std::uint32_t end) {
  // (Made in its place: a warning with an empty message, as a Diagnostic is made; not built apart and moved in.)
  engine::Diagnostic& d = new_warning(diags_);
  d.severity = engine::Severity::warning;
  d.begin = begin;
  d.end = end;
}

namespace {
// not_understood_message written into `out` (lowerspeed21: in the warning's own string, with no string made apart,
// moved in and destroyed).
void write_not_understood_message(std::string& out, std::string_view text) {
  static constexpr std::string_view head = "not understood, kept as text: '";
  // (Made at its size and written in place: three appends each asked the capacity and copied through a call.)
  out.assign(head.size() + text.size() + 1, '\'');
  head.copy(out.data(), head.size());
  text.copy(out.data() + head.size(), text.size());
}
}  // namespace

std::string not_understood_message(std::string_view text) {
  std::string out;
  write_not_understood_message(out, text);
  return out;
}

void Lowering::write_warnings(std::size_t from) {
  // (The warnings' count read once: writing a message adds none, and the vector was read again at every warning.)
  for (auto d = diags_.begin() + static_cast<std::ptrdiff_t>(from), end = diags_.end(); d != end; ++d)
    if (d->message.empty()) write_not_understood_message(d->message, trim_view(slice(d->begin, d->end)));
}

// An `other` token that is layout: stray punctuation, a bullet, a quotation mark.
bool Lowering::neutral_other(const Token& t) const {
  const auto c = static_cast<unsigned char>(text_[t.begin]);
  if (c < 0x80) return true;                               // stray ASCII punctuation
  const std::string_view s = slice(t.begin, t.end);
  return s == "•" || s == "·" || s == "“" || s == "”" || s == "‘" || s == "’" || s == "…" || s == "，";
}

// A judgement word that asks a person to decide. "Consent" after "prior to (signing the informed)" is
// the moment a window counts back from, no judgement.
bool Lowering::judgement_at(std::size_t i) const {
  if (!iequals(slice(toks_[i].begin, toks_[i].end), "consent")) return true;
  static constexpr std::string_view leads[] = {"informed", "signing", "signed", "the", "of", "written", "study", "a",
                                               "date", "day", "time", "moment"};
  std::size_t k = i;
  while (k > 0 && (toks_[k - 1].kind == Tok::word || toks_[k - 1].kind == Tok::filler) &&
         one_of(slice(toks_[k - 1].begin, toks_[k - 1].end), leads))
    --k;
  // "at the date of consent", "on the day of consent": the moment of matching too.
  static constexpr std::string_view at[] = {"at", "on"};
  if (k > 0 && k < i && (toks_[k - 1].kind == Tok::word || toks_[k - 1].kind == Tok::filler) &&
      one_of(slice(toks_[k - 1].begin, toks_[k - 1].end), at))
    return false;
  return k == 0 || (toks_[k - 1].kind != Tok::before && toks_[k - 1].kind != Tok::after);
}


// "confirmed by biopsy", "diagnosed by electrophysiological study or ultrasound": a participle of diagnosis and
// "by" at i; the end of the method phrase: a comma before an event or a value, a semicolon, a negation, or an
// "and"/"or" before a comparison (which is a requirement of its own).
std::optional<std::size_t> Lowering::method_of_diagnosis(std::size_t i, std::size_t e) const {
  // (Asked at most tokens of a piece: the participles as a WordList, whose length and first-letter filter turns
  // most words away at once.)
  static constexpr std::string_view participle_words[] = {"confirmed", "proven", "documented", "diagnosed", "verified",
                                                          "established", "demonstrated", "evidenced"};
  static constexpr WordList participles(participle_words);
  static constexpr std::string_view means[] = {"by", "on", "through", "via", "using"};
  if (i + 2 >= e || (toks_[i].kind != Tok::word && toks_[i].kind != Tok::filler) ||
      !participles.contains(slice(toks_[i].begin, toks_[i].end)))
    return std::nullopt;
  // (The means may be read as one phrase with its object: "by biopsy", "on previous biopsy".)
  const std::string_view by = slice(toks_[i + 1].begin, toks_[i + 1].end);
  if (!one_of(by.substr(0, by.find(' ')), means)) return std::nullopt;
  std::size_t j = i + 2;
  for (; j < e; ++j) {
    const Tok k = toks_[j].kind;
    if (k == Tok::semicolon || k == Tok::period || k == Tok::negation) break;
    // "by standard clinical, radiographic, endoscopic, and histopathologic criteria": a comma goes on with the
    // method where nothing after it up to the next one names an event or a value.
    if (k == Tok::comma) {
      bool other = false;
      for (std::size_t x = j + 1; x < e && !other && toks_[x].kind != Tok::comma && toks_[x].kind != Tok::semicolon; ++x)
        other = toks_[x].kind == Tok::name || toks_[x].kind == Tok::cmp || toks_[x].kind == Tok::quantity ||
                toks_[x].kind == Tok::negation || toks_[x].kind == Tok::sex_female || toks_[x].kind == Tok::sex_male;
      if (other) break;
      continue;
    }
    if (k == Tok::and_ || k == Tok::or_ || k == Tok::and_or) {
      const std::size_t next = skip_neutral(j + 1, e);
      if (next < e && (toks_[next].kind == Tok::cmp || toks_[next].kind == Tok::quantity || is_measured(next) ||
                       toks_[next].kind == Tok::sex_female || toks_[next].kind == Tok::sex_male))
        break;
    }
  }
  return j > i + 2 ? std::optional<std::size_t>(j) : std::nullopt;
}

// "i.e.", "that is", "namely" at token i: the words after restate the ones before.
bool Lowering::restating(std::size_t i, std::size_t e) const {
  if (i >= e || toks_[i].kind != Tok::filler) return false;
  static constexpr std::string_view words[] = {"i.e.", "i.e", "that is", "namely"};
  return one_of(slice(toks_[i].begin, toks_[i].end), words);
}

// A comma or semicolon outside parentheses in [b, e): where unread words run over one, nobody can tell where
// the phrase they belong to ends and the next item of a list begins.
bool Lowering::list_within(std::size_t b, std::size_t e) const {
  int depth = 0;
  for (std::size_t k = b; k < e; ++k) {
    const Tok c = toks_[k].kind;
    if (c == Tok::lparen) ++depth;
    else if (c == Tok::rparen && depth > 0) --depth;
    else if (depth == 0 && (c == Tok::comma || c == Tok::semicolon)) return true;
  }
  return false;
}

Node Lowering::text_node(std::uint32_t begin, std::uint32_t end, engine::TextReason reason) {
  // Keep a closing parenthesis with the text it closes: "oxygen (state)".
  const std::string_view raw = slice(begin, end);
  // (The byte after the text tested first: most texts are followed by none, and their bytes need not be searched.)
  if (end < text_.size() && text_[end] == ')' && raw.find('(') != std::string_view::npos &&
      raw.find(')') == std::string_view::npos)
    ++end;
  if (reason == engine::TextReason::not_understood) warn_not_understood(begin, end);
  // (As engine::make_text would give it, the string made in its Text and the Text made in the node's variant: a Text
  // built apart was moved in and destroyed.)
  const auto text = MadeBy{[&] { return engine::Text{std::string(trim_view(slice(begin, end))), reason}; }};
  return Node{decltype(Node::kind)(std::in_place_type<engine::Text>, text), {begin, end}};
}

Node Lowering::has(const engine::Concept& c, std::uint32_t begin, std::uint32_t end) const {
  // Built in the node it is returned in (a Has built apart and moved in moved its seven strings).
  Node out;
  has_into(out, c, begin, end);
  return out;
}

void Lowering::has_into(Node& out, const engine::Concept& c, std::uint32_t begin, std::uint32_t end) const {
  // The event made in its place from its concept's id, as NodeSlot makes a node: the node given owns nothing most
  // often (an item's node made empty) and is not destroyed through the variant's table; and the Has is made member by
  // member with its id copied in (emplace<Has>() value-initialised it, zero-filling its 192 bytes first).
  NodeSlot(out).make([&] {
    const auto event = MadeBy{[&] {
      engine::Has made;  // (default-initialised: its members' own initialisers only)
      made.concept_id.assign(c.id);
      return made;
    }};
    return Node{decltype(Node::kind)(std::in_place_type<engine::Has>, event), {begin, end}};
  });
  engine::Has& h = *std::get_if<engine::Has>(&out.kind);
  // "active malignancy", "current smoker", "currently pregnant": a lexicon name that carries the status.
  // (A name shorter than six bytes holds none of the words.)
  if (end - begin >= 6 && !std::string_view(c.id).starts_with("active_") &&  // "active infection" is a concept, its status said by its name
      event_says_active(text_, begin, end))
    h.status = "active";
  // The codes are written into the final tree only (write_codes): most events built here belong to readings that
  // are dropped again, and their maps' nodes were allocated, filled and freed for nothing. Noted once a concept.
  // (A plain loop: the few concepts kept most often, where std::find's unrolled loop paid for its set-up.)
  const std::size_t kept = std::min(coded_count_, kCodedKept);
  std::size_t k = 0;
  while (k < kept && coded_[k] != &c) ++k;
  if (k == kept) {
    if (coded_count_ < kCodedKept) coded_[coded_count_] = &c;
    ++coded_count_;
  }
}

void Lowering::write_codes(Node& tree) const {
  if (coded_count_ == 0) return;
  for_each_has(tree, [&](engine::Has& h) { write_codes_of(h); });
}

namespace {
// The concept of id `id` among `kept` (the concepts has_into made events of, as far as they were kept), or nullptr.
const engine::Concept* kept_concept(std::span<const engine::Concept* const> kept, std::string_view id) {
  for (const engine::Concept* c : kept)
    if (c->id == id) return c;
  return nullptr;
}
}  // namespace

const engine::Concept* Lowering::concept_of(std::string_view id) const {
  // The concepts has_into made events of are the lexicon's own, and a lexicon's ids are unique: one found among
  // them is the one lexicon_.find(id) gives, for a few compares of lengths instead of hashing the id.
  if (const engine::Concept* c = kept_concept({coded_.data(), std::min(coded_count_, kCodedKept)}, id)) return c;
  return lexicon_.find(id);
}

void Lowering::write_codes_of(engine::Has& h) const {
  // An event has_into made: a concept's id and no name (open_node's events of unlisted things carry their
  // words; nothing else makes a Has or names one has_into made).
  if (!h.name.empty()) return;
  // (Unlike concept_of, the lexicon is asked only where the line made more events than were kept: a Has that no
  // kept concept names was not made by has_into, and takes no codes.)
  const engine::Concept* c = kept_concept({coded_.data(), std::min(coded_count_, kCodedKept)}, h.concept_id);
  if (!c && coded_count_ > kCodedKept) c = lexicon_.find(h.concept_id);
  if (!c) return;
  // The primary code of each event system, each once, made at load (Concept::event_codes): one copy. (An event
  // with codes already, which nothing makes now, takes them as the former walk did: each at the end.)
  if (h.codes.empty()) {
    h.codes = c->event_codes;
    return;
  }
  for (const auto& [system, code] : c->event_codes) h.codes.emplace_hint(h.codes.end(), system, code);
}

namespace {
// The token kinds sequence() reads calendar bounds at ("between 2010 and 2015", "after June 2016", a word or filler
// before a date), one bit a kind.
constexpr std::uint64_t kDatesStartKinds = [] {
  std::uint64_t bits = 0;
  for (const Tok k : {Tok::between, Tok::after, Tok::before, Tok::negation, Tok::word, Tok::filler, Tok::guard,
                      Tok::range_to})
    bits |= std::uint64_t{1} << static_cast<unsigned>(k);
  return bits;
}();
static_assert(static_cast<unsigned>(Tok::date) < 64, "one bit per token kind");

// The token kinds of a piece sequence() reads as nothing but unread words (see unread_words_only), one bit a kind.
// (An opening parenthesis among them is read by parenthesis_group, which among these kinds reads nothing and passes
// over it: lowerspeed23, see unread_words_only.)
constexpr std::uint64_t kUnreadOnlyKinds = [] {
  std::uint64_t bits = 0;
  for (const Tok k : {Tok::word, Tok::filler, Tok::other, Tok::comma, Tok::and_, Tok::or_, Tok::and_or, Tok::slash,
                      Tok::semicolon, Tok::period, Tok::range_to, Tok::rparen, Tok::subject, Tok::sex_any, Tok::inclusive,
                      Tok::status_history, Tok::status_active, Tok::judgement, Tok::related, Tok::age_suffix,
                      Tok::cmp_post, Tok::after, Tok::guard, Tok::lparen})
    bits |= std::uint64_t{1} << static_cast<unsigned>(k);
  return bits;
}();

// Whether a range of tokens holds any of these kinds (one test of the kinds' bits, the chain folded by the compiler).
template <Tok... Kinds>
bool holds_any(const TokKinds& kinds) {
  return (kinds.has(Kinds) || ...);
}
// The kinds a piece read as unread words alone never holds: every kind not in kUnreadOnlyKinds.
bool holds_a_read_kind(const TokKinds& kinds) {
  return holds_any<Tok::quantity, Tok::cmp, Tok::relative, Tok::between, Tok::within, Tok::ahead, Tok::before,
                   Tok::colon, Tok::negation, Tok::exception, Tok::examples, Tok::sex_female, Tok::sex_male,
                   Tok::name, Tok::date>(kinds);
}
constexpr std::uint64_t kReadKinds = [] {
  std::uint64_t bits = 0;
  for (const Tok k : {Tok::quantity, Tok::cmp, Tok::relative, Tok::between, Tok::within, Tok::ahead, Tok::before,
                      Tok::colon, Tok::negation, Tok::exception, Tok::examples, Tok::sex_female, Tok::sex_male,
                      Tok::name, Tok::date})
    bits |= std::uint64_t{1} << static_cast<unsigned>(k);
  return bits;
}();
// (The two lists part the kinds between them: every kind in one of them, none in both.)
static_assert((kReadKinds & kUnreadOnlyKinds) == 0 &&
                  (kReadKinds | kUnreadOnlyKinds) == (std::uint64_t{1} << (static_cast<unsigned>(Tok::date) + 1)) - 1,
              "each token kind either read by a step of the walk or passed over by it");
}  // namespace

// Whether the walk of [b, e) in sequence() can only make text of it (where no token is ignored): every token a word,
// a filler, stray punctuation, a connector or another kind the walk passes over as neutral or takes as unread (none
// that a step of its own reads: no name, number, comparator, window, date, "before", negation, colon, sex, example
// or exception; a parenthesis opened only as said below), at least one word, and no word ending in I or V. There the walk makes every
// word unread text (each reading that could make more needs another kind of token or a typed item before it: an
// event after "non", the kinds after "type", dates, a comparison, a window; or, at a word ending in I or V, classes
// glued to a score, "type I or II"), warns nothing and changes nothing outside its own state, and finish_items gives
// a piece of unread words alone nothing: sequence() reads the piece as text. At a guard ("if", "for") the walk reads
// no condition among such tokens (guard() needs a comparison, an event or a sex after it; criteria_for_at a condition
// named; patient_or_family an event before it): the guard is taken as unread, or the walk gives the piece as text.
// An opening parenthesis (lowerspeed23) where no word or filler from the first one on is a scale word: guard_or_parenthesis
// reads none of its readings there (a window or a family needs a typed item before it, guard() a comparison, an event
// or a sex after the guard), and parenthesis_group, where an "or" stands inside, reads the words inside as a nested
// piece of the same kinds, which gives text or nothing (by the same argument; no scale word, so no island for
// open_reading_or_text to read either): no Any to keep, no group for grouped_alternatives to take, and the nested
// warnings are dropped (diags_.resize) on every path; the parenthesis is passed over with no item and the words
// after it read on as before, all of them text.
// (Asked before the walk, which those pieces, a third of the pieces read as text, no longer take; a token of another
// kind ends the test at once. A step added to the walk that reads one of these kinds must take it out of
// kUnreadOnlyKinds: tests/unit/test_grammar_unread_pieces.cpp compares sequence() with the walk and without it.)
bool Lowering::unread_words_only(std::size_t b, std::size_t e) const {
  // (Where piece() has just asked kinds_in of the piece, as it does of most, most pieces are refused by one test of
  // the kinds kept; elsewhere by the first token of a kind the walk reads, without making the kinds of the rest.)
  const bool kinds_kept = b == kinds_b_ && e == kinds_e_;
  if (kinds_kept && holds_a_read_kind(kinds_)) return false;
  bool word = false;
  for (std::size_t x = b; x < e; ++x) {
    const Token& t = toks_[x];
    if (!kinds_kept && ((kUnreadOnlyKinds >> static_cast<unsigned>(t.kind)) & 1U) == 0) return false;
    if (t.kind == Tok::word) {
      const char last = text_[t.end - 1];
      if (last == 'I' || last == 'V') return false;
      word = true;
    }
  }
  // (A parenthesis known from the kinds kept, where they are kept; elsewhere looked for by scale_word_in.)
  return word && ((kinds_kept && !kinds_.has(Tok::lparen)) || !scale_word_in(b, e));
}

bool Lowering::scale_word_in(std::size_t b, std::size_t e) const {
  std::size_t x = b;
  while (x < e && toks_[x].kind != Tok::lparen) ++x;
  for (; x < e; ++x)
    if ((toks_[x].kind == Tok::word || toks_[x].kind == Tok::filler) && scale_word_token(toks_[x])) return true;
  return false;
}

std::optional<Node> Lowering::sequence(std::size_t b, std::size_t e, std::size_t depth) {
  std::optional<Node> read;
  sequence_into(b, e, depth, read);
  return read;
}

bool Lowering::sequence_into(std::size_t b, std::size_t e, std::size_t depth, NodeSlot out) {
  if (b >= e) return false;
  if (depth == 0) sequence_end_ = e;
  if (depth == 0) sequence_begin_ = skip_neutral(b, e);
  if (depth > max_depth_) {
    warn("nesting deeper than the parser's limit; kept as text", toks_[b].begin, toks_[e - 1].end);
    out.put(text_node(toks_[b].begin, toks_[e - 1].end, engine::TextReason::not_understood));
    return true;
  }
  const auto text_made = [&] { return open_or_text_tokens(b, e, engine::TextReason::not_understood); };
  // (Out of line, as the rare readings below are: the walk's loop is kept small, its state in registers.)
  const auto whole_text = [&]() __attribute__((noinline)) {
    out.make(text_made);
    return true;
  };
  // Unread words alone: read as text without the walk, as the walk would end (unread_words_only says why).
  if (ignored_.empty() && unread_words_only(b, e)) return whole_text();

  SequenceScratch scratch;
  SequenceState& s = scratch.get().state;
  s.begin_walk(toks_, b, e, depth);
  // (A piece without a parenthesis is at depth 0 throughout: most pieces, whose kinds piece() has just asked. Only a
  // piece with one fills the vector.)
  // "Patients receiving X" (lower_present_use.cpp). (It reads only the neutral words right before b: where b opens
  // the line or follows a word that is not neutral, it has none to read and answers no, without the call.)
  s.active = depth == 0 && b > 0 && neutral(b - 1) && present_use_before(b, e);
  const TokKinds kinds = kinds_in(b, e);
  s.parenthesis = kinds.has(Tok::lparen);  // (the depths made at the first asked: SequenceState::depth_before)
  // (Calendar bounds are looked for token by token only in a piece that may hold their start: lower_sequence.hpp.)
  const bool dates_may_start = may_hold_dates_start(kinds);
  // Whether any token is passed over: every step that marks tokens ignored (lower_ahead.cpp, lower_current.cpp,
  // lower_pieces.cpp, lower_whichever.cpp) gives the marks back before it returns, leaving at most all-false flags
  // where there were none; so the answer at the start holds for the whole walk, asked once here, not per token.
  const bool ignoring = !ignored_.empty();
  // The walk's rare readings, out of line (see whole_text).
  // "Non-smoker": the event n, after "non" at i, absent now.
  const auto push_not_event = [this](SequenceState& s, std::size_t i, std::size_t n) __attribute__((noinline)) {
    Node now = has(*toks_[n].entry, toks_[n].begin, toks_[n].end);
    std::get<engine::Has>(now.kind).status = "active";
    s.push(Item{engine::make_not(std::move(now), {toks_[i].begin, toks_[n].end}), false, toks_[i].begin, toks_[n].end});
    s.last_event = n;
  };
  // "type 1 or 2 diabetes" at i: both kinds, as alternatives; the token after them, or 0 where none is read.
  const auto kinds_elided = [this](SequenceState& s, std::size_t i) __attribute__((noinline)) -> std::size_t {
    const auto kinds = kinds_elided_at(i, s.e);
    if (!kinds) return 0;
    const Token& t = toks_[i];
    const auto span_end = toks_[kinds->second - 1].end;
    std::vector<Node> both;
    both.push_back(has(*kinds->first.first, t.begin, span_end));
    both.push_back(has(*kinds->first.second, t.begin, span_end));
    if (s.active)
      for (auto& h : both) std::get<engine::Has>(h.kind).status = "active";
    if (s.pending_within)
      for (auto& h : both) {
        std::get<engine::Has>(h.kind).within = s.pending_within;
        std::get<engine::Has>(h.kind).before = s.pending_before;
        s.pending_used = true;
      }
    s.push_typed(engine::make_any(std::move(both), {t.begin, span_end}), t.begin, span_end);
    s.last_event = kinds->second - 1;
    return kinds->second;
  };
  // A window at i ("within 6 months"), or the word unread.
  const auto window_at = [this](SequenceState& s, std::size_t& i) __attribute__((noinline)) {
    engine::Amount w;
    std::string bef;
    if (auto j = window(i, s.e, w, bef)) {
      // A window after a plan word looks ahead too ("planning pregnancy within 6 months"); one ahead
      // names no event it counts back from.
      const bool ahead = toks_[i].kind == Tok::ahead || i == plan_window_;
      if (ahead && !ahead_of_entry(i, *j, bef)) return Step::whole_text;
      if (ahead) bef.clear();  // counted from the moment of matching, as the reference date is
      if (!take_window(s, i, w, bef, *j, ahead)) return Step::whole_text;
      i = *j;
      return Step::next;
    }
    s.unknown(i);
    ++i;
    return Step::next;
  };
  for (std::size_t i = b; i < e;) {
    const Token& t = toks_[i];
    if (ignoring && ignored_[i]) { ++i; continue; }
    // "Non-smoker", "non-pregnant women", "non-diabetic": the event's absence now (a former smoker is a non-smoker).
    // (Only a three-letter word, "non" in either case, starts one: the tests before the call, which every token
    // reaches; `| 0x20` makes only 'N' and 'n' equal to 'n'.)
    if (const std::size_t n = t.kind == Tok::word && t.end - t.begin == 3 && (text_[t.begin] | 0x20) == 'n'
                                  ? event_after_non(i, e)
                                  : 0;
        n != 0) {
      push_not_event(s, i, n);
      i = n + 1;
      continue;
    }
    // "type 1 or 2 diabetes": both kinds the lexicon names, as alternatives.
    // (Only "type" in either case starts one: its first letter before the call.)
    if (t.kind == Tok::word && t.end - t.begin == 4 && i + 4 < e && (text_[t.begin] | 0x20) == 't') {
      if (const std::size_t j = kinds_elided(s, i); j != 0) {
        i = j;
        continue;
      }
    }
    // (In a piece that may hold their start, guard: lower_sequence.hpp. There the kinds that may start calendar bounds
    // are one bit test, before the token after is read.)
    if (dates_may_start && ((kDatesStartKinds >> static_cast<unsigned>(t.kind)) & 1U) != 0 && may_start_dates(i, e)) {
      if (const auto dates = date_range_at(i, e)) {
        if (!take_dates(s, *dates)) return whole_text();
        i = dates->end;
        continue;
      }
    }
    Step step = Step::next;
    // (The steps move a copy of i: i itself, whose address no call takes, stays in a register through the walk.)
    std::size_t at = i;
    switch (t.kind) {
      case Tok::and_: s.connector(Conn::and_); ++i; continue;
      case Tok::or_: case Tok::and_or:
        // (The depth asked after the items and the word after: it makes the piece's depths, at most "or"s not needed.)
        if (!s.items.empty() && s.items.back().text && !s.items.back().orphan && s.pending == Conn::none &&
            i + 1 < e && toks_[i + 1].kind == Tok::word && s.depth_before(i) > 0 && !compared_before_close(i, e)) {  // (lower_grouped.cpp)
          s.unknown(i); ++i; continue;  // "(robotic or laparoscopic)": words of the text in parentheses
        }
        s.connector(Conn::or_); ++i; continue;
      case Tok::comma:
        // "History of heart failure, i.e. NYHA class III-IV": what follows says which of the thing before is
        // meant, as a parenthesis would; it is no other item of a list.
        if (!restating(i + 1, e)) s.connector(Conn::comma);
        ++i;
        continue;
      // Inside parentheses (line() parts the line at the others): "(systolic 90-140 mmHg; diastolic 50-90 mmHg)".
      case Tok::semicolon: s.connector(Conn::comma); ++i; continue;
      case Tok::range_to:
        // "≥ 12 to < 18 years of age": two bounds, each with its comparator.
        if (!s.items.empty() && i + 1 < e && toks_[i + 1].kind == Tok::cmp) { s.connector(Conn::and_); ++i; continue; }
        if (neutral(i)) { ++i; continue; }
        s.unknown(i); ++i; continue;
      case Tok::slash: s.connector(Conn::slash); ++i; continue;
      case Tok::status_active: s.active = true; s.active_used = false; ++i; continue;
      case Tok::examples: case Tok::exception: step = examples_or_exception(s, at); break;
      case Tok::colon: step = lead_in_at_colon(s, at); break;
      case Tok::negation: step = negation_scope(s, at); break;
      case Tok::guard: case Tok::lparen: step = guard_or_parenthesis(s, at); break;
      case Tok::within: case Tok::ahead: step = window_at(s, at); break;
      case Tok::quantity: case Tok::cmp: case Tok::between: case Tok::relative: case Tok::name:
        // (An event's name is read by neither comparison_at nor time_before_event, which read a name only where
        // it is measured and a time only at a comparator or a number: most names reach event_at without the calls.)
        step = t.kind != Tok::name || is_measured(i) ? comparison_at(s, at) : Step::not_read;
        if (step == Step::not_read && (t.kind == Tok::cmp || t.kind == Tok::quantity)) step = time_before_event(s, at);
        if (step == Step::not_read && (is_event(i) || (t.kind == Tok::name && t.entry->kind == engine::ConceptKind::biomarker)))
          step = event_at(s, at);
        if (step != Step::not_read) break;
        s.unknown(i);
        // A comparator that found no variable takes its number with it: never re-read alone.
        if (t.kind == Tok::cmp && i + 1 < e && toks_[i + 1].kind == Tok::quantity) s.unknown(++i);
        ++i;
        continue;
      case Tok::sex_female: case Tok::sex_male: step = sex_word(s, at); break;
      default:
        // other_word's commonest paths, taken here without its call: a plain word or a filler after unread words (or
        // first in the piece). Its tests that could read more there all need the item before to be typed (a "with",
        // a method of diagnosis, an elided event), or a word of nine letters ("according") or one ending in I or V
        // (glued classes): a filler is then passed over as neutral, a word joins the text (as other_word ends).
        // (Not a verb of present use, which other_word reads: "Receiving mechanical ventilation", lower_present_use.cpp.)
        if ((t.kind == Tok::word || t.kind == Tok::filler) && (s.items.empty() || s.items.back().text) &&
            (s.active || !may_be_present_verb(t, text_) || !present_use_at(s, i))) {
          if (t.kind == Tok::filler) { ++i; continue; }
          if (t.end - t.begin != 9 && text_[t.end - 1] != 'I' && text_[t.end - 1] != 'V') { s.unknown(i); ++i; continue; }
        }
        step = other_word(s, at);
        break;
    }
    i = at;
    if (step == Step::whole_text) return whole_text();
    if (step == Step::done) {
      if (!s.result) return false;
      out.put(std::move(*s.result));
      return true;
    }
  }
  if (s.items.empty()) return false;
  // A window that timed nothing would be lost from the reading: a person reads the piece.
  if (s.pending_within && !s.pending_used) return whole_text();
  if (!finish_items_into(b, e, s.items, s.conns, s.text_has_or, out)) out.make(text_made);
  return true;
}

}  // namespace detail
}  // namespace trialmatch::grammar