#pragma once
// The two rules that consult data at run time: lexicon names and unit spellings. Both find the
// grammar's state among the parse states by type (the token recorder and coverage add states of their own).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "trialmatch/engine/lexicon.hpp"

namespace trialmatch::grammar {

namespace phrases {
class PhraseTrie;
}

// What the phrase lists that a choice may try where it starts match there, found in one walk
// (phrase_index.hpp) when the choice starts at `at`: list l matched length[l] bytes if bit l of `found`
// is set, nothing otherwise (length[l] is then stale).
struct PhraseMemo {
  static constexpr std::size_t capacity = 128;
  // `length` is left unwritten: it is read only where `found` says it was written (the state is made
  // once per line, and zeroing 512 bytes there cost more than the walks it serves on a short line).
  PhraseMemo() noexcept {}  // NOLINT(modernize-use-equals-default): `= default` would zero `length` in `{}`
  const char* at = nullptr;
  std::uint32_t item = 0;  // where the walk's item list matched: which of its phrases (PhraseTrie::match)
  std::array<std::uint64_t, capacity / 64> found{};
  std::array<std::uint32_t, capacity> length;

  bool matched(std::size_t list) const noexcept { return ((found[list / 64] >> (list % 64)) & 1U) != 0; }
};

// The concept names a line's rule matched, by position (GrammarState::names_found).
using NamesFound = std::vector<std::pair<std::size_t, const engine::Concept*>>;

// The explicit parse state: the line and the lexicon it is read with. No globals.
struct GrammarState {
  // (A constructor, not aggregate initialisation: as an aggregate the compiler zeroed all 616 bytes, the
  // phrase memo's lengths too, once per line, before writing the members.)
  GrammarState(std::string_view line, const engine::Lexicon* lexicon_used) noexcept : text(line), lexicon(lexicon_used) {}
  // With `names` (emptied here) lent for the names found, so that its capacity serves the next line.
  GrammarState(std::string_view line, const engine::Lexicon* lexicon_used, NamesFound& names) noexcept
      : text(line), lexicon(lexicon_used), names_found(&names) {
    names.clear();
  }
  GrammarState(const GrammarState&) = delete;  // (names_found may point into it)
  GrammarState& operator=(const GrammarState&) = delete;

  std::string_view text;
  const engine::Lexicon* lexicon = nullptr;
  // Every concept name the rule matched, by position, so that reading the tokens afterwards does not
  // look the name up a second time (a lookup is a hash of the word and a walk of its candidates). Its own
  // vector, or one lent to it.
  NamesFound* names_found = &own_names_found_;
  PhraseMemo phrase_memo{};
  // The trie of the phrase walk when it is not the phrase lists' own: one that also holds, as list
  // `first_words`, the first word of every name of the lexicon (tokens.cpp, TokenizerTables).
  const phrases::PhraseTrie* walk = nullptr;
  std::size_t first_words = PhraseMemo::capacity;  // PhraseMemo::capacity: no such list
  // By phrase of that list, the lexicon's names that begin with it (nullptr for a name's first byte that
  // is no letter or digit: the lookup finds those itself).
  const engine::Lexicon::NameBucket* const* first_word_buckets = nullptr;
  // A NUL byte follows the line and may be read (a std::string's bytes), and the walk's trie holds no NUL
  // byte: the walk takes its form that tests no end (PhraseTrie::match_terminated).
  bool nul_after_text = false;
  // `walk` where the line is read in the tokenizer's own form: its tables' trie, with `first_words` the list right
  // after the index's, and a NUL after the text (nul_after_text). Set by tokenize_text (tokens.cpp), null elsewhere.
  // These are constants of the line, but the calls in the token loop made the recorder reload and test all three at
  // every token: one test of this pointer stands for them (recorder.hpp).
  const phrases::PhraseTrie* terminated_walk = nullptr;

  // The plain units the unit rule read in this line (unit_spelling_length_noted: read by the unit reader, not a
  // count per time, not in parentheses), by their bytes: reading the tokens afterwards takes each from here, not
  // from a second resolve of its spelling (a hash and a compare). The first `units_noted` only, up to `units_room`
  // (a line holds few; past that, a unit is resolved again).
  struct NotedUnit {
    std::uint32_t begin, end;  // the spelling's bytes in the line
    const char* unit;          // its UCUM code (resolve_unit's answer for the bytes; kept())
    std::size_t unit_size;
  };
  static constexpr std::size_t units_room = 8;
  std::size_t units_noted = 0;
  std::array<NotedUnit, units_room> units;  // (not zeroed: read only below units_noted)

  void note_unit(std::size_t begin, std::size_t end, std::string_view unit) noexcept {
    if (units_noted == units_room) return;
    units[units_noted++] = NotedUnit{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), unit.data(), unit.size()};
  }
  // The unit noted for the spelling at [begin, end), if any.
  std::optional<std::string_view> unit_noted(std::size_t begin, std::size_t end) const noexcept {
    for (std::size_t i = 0; i < units_noted; ++i)
      if (units[i].begin == begin && units[i].end == end) return std::string_view(units[i].unit, units[i].unit_size);
    return std::nullopt;
  }

  // The concept matched at `pos` (the last match there), or a fresh lookup when the rule never ran there.
  const engine::Concept* name_found_at(std::size_t pos) const {
    for (auto it = names_found->rbegin(); it != names_found->rend(); ++it)
      if (it->first == pos) return it->second;
    if (!lexicon) return nullptr;
    const auto m = lexicon->match_name_at(text, pos);
    return m ? m->entry : nullptr;
  }

 private:
  NamesFound own_names_found_;  // (where none was lent)
};

// Bytes of a unit spelling that starts at `pos` in `text` (0 when there is none); see units_read.cpp.
std::size_t unit_spelling_length(std::string_view text, std::size_t pos);
// The same in the state's line, where the state notes the code of a plain unit (read by the unit reader: not a
// count per time, not in parentheses): resolve_unit's answer for its bytes less a leading '-' (GrammarState::units).
std::size_t unit_spelling_length_noted(GrammarState& state, std::size_t pos);
// resolve_unit(spelling, ten_power) where the spelling's own unit (ten_power 0) is known to be `unit`.
std::optional<std::string_view> unit_with_ten_power(std::string_view unit, int ten_power);

namespace detail {
template <class S>
GrammarState* as_state(S& s) {
  if constexpr (std::is_same_v<std::remove_cv_t<S>, GrammarState>) return &s;
  else return nullptr;
}
template <class... States>
GrammarState* find_state(States&... states) {
  GrammarState* found = nullptr;
  ((found = found ? found : as_state(states)), ...);
  return found;
}

template <class ParseInput>
std::size_t position(const ParseInput& in, const GrammarState& st) {
  return static_cast<std::size_t>(in.current() - st.text.data());
}
}  // namespace detail

namespace rules {

// A rule that consumes the bytes a run-time measure of the line gives at the current position
// (`Measure::length(state, pos)`, 0 for no match).
template <class Measure>
struct measured_rule {
  using rule_t = measured_rule;
  using subs_t = tao::pegtl::type_list<>;
  template <tao::pegtl::apply_mode, tao::pegtl::rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&... states) {
    GrammarState* st = detail::find_state(states...);
    if (!st) return false;
    const std::size_t n = Measure::length(*st, detail::position(in, *st));
    if (n == 0) return false;
    in.bump(n);
    return true;
  }
};

struct concept_name_length {
  // (Inlined into the token choice, which tries it where the walk found a first word: a call per try cost
  // more than the tests before the lookup.)
  [[gnu::always_inline]] static std::size_t length(GrammarState& st, std::size_t pos) {
    if (!st.lexicon) return 0;
    // Where the walk at this token's start found no first word of a name, no name starts here (the
    // lookup's own first step, in the walk that was made anyway).
    const engine::Lexicon::NameBucket* bucket = nullptr;
    if (st.first_words < PhraseMemo::capacity && st.phrase_memo.at == st.text.data() + pos) {
      if (!st.phrase_memo.matched(st.first_words)) return 0;
      // The walk found the word too: the lookup starts from its bucket (the same key: the word's letters
      // and digits, lower case, up to a word boundary).
      if (st.first_word_buckets) bucket = st.first_word_buckets[st.phrase_memo.item];
      // The lookup's filter, where it refuses by the continuation's second byte (Lexicon::NameBucket).
      if (bucket && !bucket->may_match_after(st.text, pos + st.phrase_memo.length[st.first_words])) return 0;
    }
    const auto m = bucket ? st.lexicon->match_name_in(*bucket, st.text, pos, st.phrase_memo.length[st.first_words])
                          : st.lexicon->match_name_at(st.text, pos);
    if (!m) return 0;
    found(st, pos, m->entry);
    return m->length;
  }
  // Out of line: most positions find no name, and the vector's growth would weigh on every call's frame.
  [[gnu::noinline]] static void found(GrammarState& st, std::size_t pos, const engine::Concept* entry) {
    st.names_found->emplace_back(pos, entry);
  }
};
struct unit_spelling_measure {
  static std::size_t length(GrammarState& st, std::size_t pos) { return unit_spelling_length_noted(st, pos); }
};

// A concept name from the lexicon, longest first, whole words (Lexicon::match_name_at).
struct concept_name : measured_rule<concept_name_length> {
  // It matches only where the walk at its start found a name's first word (concept_name_length), so a
  // choice that made the walk there need not try it elsewhere (recorder.hpp).
  static constexpr bool needs_first_word = true;
};
// A unit spelling right after a number: "g/dL", "x10^9/L" (after ten_power), "(mol/L)", "years", "%".
struct unit_spelling : measured_rule<unit_spelling_measure> {};

}  // namespace rules
}  // namespace trialmatch::grammar

namespace tao::pegtl {
// A measured rule consumes at least one byte when it succeeds.
template <typename Name, class Measure>
struct analyze_traits<Name, trialmatch::grammar::rules::measured_rule<Measure>> : analyze_any_traits<> {};
}  // namespace tao::pegtl
