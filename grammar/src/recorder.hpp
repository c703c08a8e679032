#pragma once
// Records the matches of a chosen set of PEGTL rules as a flat list, with the semantics of PEGTL's
// parse tree (tao/pegtl/contrib/parse_tree.hpp) for a selector that stores those rules: a match is
// kept when its rule and every controlled rule around it succeeded; a failed controlled rule discards
// whatever was recorded inside it. The parse tree allocates a node per match and one per attempt of
// every rule that may hold a stored one; this writes nothing for a failed attempt of a rule that holds
// nothing, and one 12-byte record per kept match into one vector.
//
// Choices (`sor`) also skip the alternatives that cannot begin with the next byte (first_set.hpp).
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

#include <tao/pegtl.hpp>

#include "first_set.hpp"
#include "phrase_index.hpp"

namespace trialmatch::grammar {

// The recorded rules; a rule's index in the list is its records' kind.
template <class... Rs>
struct RuleList {
  static constexpr std::size_t size = sizeof...(Rs);
  static_assert(sizeof...(Rs) < 256, "a record's kind is one byte");
  template <class R>
  static constexpr bool contains = (std::is_same_v<R, Rs> || ...);
  // The index of R, or `size` when R is not in the list.
  template <class R>
  static constexpr std::uint8_t index_of() {
    std::uint8_t i = 0;
    (void)((std::is_same_v<R, Rs> ? false : (++i, true)) && ...);
    return i;
  }
};

// One recorded match: a record comes before the records of the matches inside it.
struct Record {
  std::uint8_t rule = 0;    // RuleList::index_of<Rule>()
  std::uint16_t depth = 0;  // recorded matches around it
  std::uint32_t begin = 0, end = 0;  // byte offsets in the input
};

// The parse state that collects the records (pass it as the first state). The records are
// records[0, size); the room's further elements are room, so that appending a record is a store and an
// increment where it fits (a push_back, not inlined, cost a call per record). The room is a vector of its own,
// or one lent to it (kept between lines, so that its capacity serves the next: used in place, not swapped in and
// out, and left holding the records).
struct Recorder {
  std::size_t size = 0;
  std::uint16_t depth = 0;

  Recorder() : own_room_(std::make_unique<std::vector<Record>>()), room_vector_(own_room_.get()) {}
  // With `room` lent for the recorder's life: its elements are the room, and it grows where the records need.
  explicit Recorder(std::vector<Record>& room) noexcept
      : records_(room.data()), room_(room.size()), room_vector_(&room) {}
  Recorder(const Recorder&) = delete;  // (its room may be its own vector, which it points to)
  Recorder& operator=(const Recorder&) = delete;

  [[gnu::always_inline]] void add(const Record& r) {
    if (size == room_) [[unlikely]] grow();
    records_[size++] = r;
  }
  // Puts `r` at `at`, the records from there on one place later.
  void insert(std::size_t at, const Record& r) {
    add(r);
    std::copy_backward(records_ + at, records_ + (size - 1), records_ + size);
    records_[at] = r;
  }
  std::span<const Record> recorded() const { return {records_, size}; }

 private:
  [[gnu::noinline]] void grow() {
    std::vector<Record>& v = *room_vector_;
    v.resize(v.size() < 32 ? 64 : 2 * v.size());
    records_ = v.data();
    room_ = v.size();
  }
  Record* records_ = nullptr;
  // The room's size, kept apart: a Record is 12 bytes, and the size is a division of the vector's extent.
  std::size_t room_ = 0;
  // The room where none was lent, made only then (a vector member was made and unmade with every line's recorder).
  std::unique_ptr<std::vector<Record>> own_room_;
  std::vector<Record>* room_vector_;
};

// Whether a rule may contain a recorded rule within `Level` levels (beyond that: assume it may, as the
// parse tree does). A rule that cannot has nothing to discard when it fails.
template <class Recorded, unsigned Level, class List>
struct may_hold;
template <class Recorded, class... Rs>
struct may_hold<Recorded, 0, tao::pegtl::type_list<Rs...>> : std::bool_constant<(sizeof...(Rs) != 0)> {};
template <class Recorded, unsigned Level, class... Rs>
struct may_hold<Recorded, Level, tao::pegtl::type_list<Rs...>>
    : std::bool_constant<((Recorded::template contains<Rs> ||
                           may_hold<Recorded, Level - 1, typename Rs::subs_t>::value) ||
                          ...)> {};

// A rule of `line`'s shape, seq<star<sor<Blanks, Item>>, eof> where Blanks is plus<Blank> and Blank one byte of a
// set: blanks and items up to the input's end. The recorder runs it as a loop (control::match_rule).
template <class RuleT>
struct blanks_of : std::false_type {};
template <class Blank>
  requires first::one_byte_of<typename Blank::rule_t>
struct blanks_of<tao::pegtl::internal::plus<Blank>> : std::true_type {
  using blank = Blank;
  // By byte, whether Blank matches it (a one<>'s FIRST set is exactly the bytes it matches).
  static constexpr std::array<bool, 256> bytes = [] {
    std::array<bool, 256> b{};
    for (unsigned c = 0; c < 256; ++c) b[c] = first::of<Blank>.has(static_cast<unsigned char>(c));
    return b;
  }();
};
template <class RuleT>
struct blank_separated : std::false_type {};
template <class Blanks, class Item>
  requires blanks_of<typename Blanks::rule_t>::value
struct blank_separated<tao::pegtl::internal::seq<tao::pegtl::star<tao::pegtl::sor<Blanks, Item>>, tao::pegtl::eof>>
    : std::true_type {
  using blanks = Blanks;
  using blank = typename blanks_of<typename Blanks::rule_t>::blank;
  using run = tao::pegtl::star<tao::pegtl::sor<Blanks, Item>>;
  using item = Item;
  static bool is_blank(char c) noexcept { return blanks_of<typename Blanks::rule_t>::bytes[static_cast<unsigned char>(c)]; }
};

// recording<List>::control is the PEGTL control (PEGTL calls it for every controlled rule; its own
// combinators are not controlled, exactly as for the parse tree).
//
// `MemoRoot` (a rule, or void): where it starts, the phrase lists it may try there are matched all at
// once (phrase_index.hpp), and each of them reads its answer; elsewhere a list matches on its own.
template <class Recorded, class MemoRoot = void>
struct recording {
  using memo_index = std::conditional_t<std::is_void_v<MemoRoot>, phrases::combined<tao::pegtl::type_list<>>,
                                        phrases::index_for<std::conditional_t<std::is_void_v<MemoRoot>, tao::pegtl::eof, MemoRoot>>>;
  static_assert(memo_index::count <= PhraseMemo::capacity, "more phrase lists than PhraseMemo holds");

  // The memo root's alternatives (when it is a choice) that match only where one of their leading lists
  // matches (phrases::gated: the lists themselves, and "within", "or more", "= ", "3 x ULN"): by list, and
  // all the others, which are always tried.
  template <class Dispatched>
  struct alternatives_by_list {
    using Mask = typename Dispatched::Mask;
    static constexpr unsigned depth = 24;  // as phrases::index_for
    template <class Alternative>
    static constexpr bool gated = phrases::gated<Alternative, depth> && !first::of<Alternative>.nullable;
    // Led by lists in part (`quantity`: a number word, or a digit): tried where one of its lists matched
    // or where the next byte may begin the rest (phrases::unlisted), when that is fewer bytes than its
    // FIRST set.
    template <class Alternative>
    static constexpr bool partly_gated = !gated<Alternative> && !first::of<Alternative>.nullable &&
                                         !phrases::unlisted<Alternative, depth>.nullable &&
                                         phrases::unlisted<Alternative, depth>.bytes != first::of<Alternative>.bytes;
    template <class Alternative>
    static constexpr bool leads_with(std::size_t list) {
      return []<class... Tags>(tao::pegtl::type_list<Tags...>, [[maybe_unused]] std::size_t l) {
        return ((memo_index::template index_of<Tags>() == l) || ...);
      }(phrases::leading_t<tao::pegtl::type_list<>, Alternative, depth>{}, list);
    }
    static constexpr std::array<Mask, PhraseMemo::capacity> of_list = [] {
      std::array<Mask, PhraseMemo::capacity> m{};
      for (std::size_t l = 0; l < memo_index::count; ++l)
        m[l] = Dispatched::alternatives_where([l](auto a) {
          using A = typename decltype(a)::type;
          return (gated<A> || partly_gated<A>) && leads_with<A>(l);
        });
      return m;
    }();
    static constexpr Mask not_lists = Dispatched::alternatives_where([](auto a) { return !gated<typename decltype(a)::type>; });
    static constexpr Mask partly = Dispatched::alternatives_where([](auto a) { return partly_gated<typename decltype(a)::type>; });
    // Tried wherever their first byte allows: neither gated nor partly gated.
    static constexpr Mask always = [] {
      Mask m = not_lists;
      for (std::size_t i = 0; i < m.size(); ++i) m[i] &= ~partly[i];
      return m;
    }();
    // Those that match only where the walk found a name's first word (`needs_first_word`: concept names),
    // when the walk holds that list (GrammarState::first_words).
    static constexpr Mask by_first_word = Dispatched::alternatives_where([](auto a) {
      return requires { decltype(a)::type::needs_first_word; };
    });
    // By next byte, the partly gated alternatives that may match there without their lists.
    static constexpr std::array<Mask, 256> unlisted_at = [] {
      std::array<Mask, 256> m{};
      for (unsigned b = 0; b < 256; ++b)
        m[b] = Dispatched::alternatives_where([b](auto a) {
          using A = typename decltype(a)::type;
          if constexpr (partly_gated<A>) return phrases::unlisted<A, depth>.has(static_cast<unsigned char>(b));
          else return false;
        });
      return m;
    }();
    // The alternatives whose match is known without trying them where they are the first possible one
    // (first::dispatched_choice::match_allowed's `Known`): a recorded rule that holds no other and is either one
    // of the index's lists (where the root started: the walk's answer, as control::match_rule reads it) or one
    // byte of a set (first::one_byte_of: possible only before such a byte, which it matches). The answer is
    // what the rule's control does: the bytes, then its record.
    struct known {
      static constexpr std::uint8_t no_list = 0xFF;
      template <class Alternative>
      static constexpr std::size_t list_slot() {
        using list = typename phrases::list_of<typename Alternative::rule_t>::type;
        if constexpr (std::is_void_v<list>) return memo_index::count;
        else return memo_index::template index_of<list>();
      }
      template <class Alternative>
      static constexpr bool leaf = Recorded::template contains<Alternative> &&
                                   !may_hold<Recorded, 8, typename Alternative::subs_t>::value;
      // By alternative: its list's slot in the memo (no_list: a single byte).
      static constexpr auto slot = Dispatched::by_alternative([](auto a) -> std::uint8_t {
        using Alternative = typename decltype(a)::type;
        return list_slot<Alternative>() < memo_index::count ? static_cast<std::uint8_t>(list_slot<Alternative>()) : no_list;
      });
      static_assert(memo_index::count < no_list);
      // By alternative: its records' kind.
      static constexpr auto kind = Dispatched::by_alternative([](auto a) -> std::uint8_t {
        return Recorded::template index_of<typename decltype(a)::type>();
      });
      // The alternative tried on its own where it is the first possible (first::dispatched_choice::match_allowed):
      // the first recorded leaf that needs a name's first word (`token`'s concept_name). It is first at most
      // words that begin a name, where the whole choice's call cost more than its own try.
      static constexpr std::size_t tried_first = [] {
        const Mask m = Dispatched::alternatives_where([](auto a) {
          using Alternative = typename decltype(a)::type;
          return leaf<Alternative> && requires { Alternative::needs_first_word; };
        });
        for (std::size_t w = 0; w < m.size(); ++w)
          if (m[w] != 0) return w * 64 + static_cast<std::size_t>(std::countr_zero(m[w]));
        return Dispatched::count;
      }();
      static constexpr Mask alternatives = Dispatched::alternatives_where([](auto a) {
        using Alternative = typename decltype(a)::type;
        return leaf<Alternative> && !first::of<Alternative>.nullable &&
               (list_slot<Alternative>() < memo_index::count || first::one_byte_of<typename Alternative::rule_t>);
      });
      template <class ParseInput>
      static bool match(std::size_t index, ParseInput& in, Recorder& rec, GrammarState& state) {
        std::size_t length = 1;  // a single byte
        if (const std::uint8_t list = slot[index]; list != no_list) {
          const PhraseMemo& memo = state.phrase_memo;
          if (memo.at != in.current() || !memo.matched(list)) [[unlikely]] return false;
          length = memo.length[list];
        }
        const auto begin = static_cast<std::uint32_t>(in.current() - in.begin());
        in.bump(length);
        rec.add(Record{kind[index], rec.depth, begin, static_cast<std::uint32_t>(begin + length)});
        return true;
      }
      template <class ParseInput, class... States>
      static bool match(std::size_t /*index*/, ParseInput& /*in*/, States&... /*st*/) {
        return false;  // (other states: tried as any other)
      }
      // Where the tried-first concept name failed and the plain word (rules::other_word) is the next possible:
      // where the walk here found a name's first word that begins with a letter or digit, that word is the
      // plain word's first run of letters and digits (the tokenizer's first words are such runs, matched only
      // up to a word boundary: tokens.cpp, make_tokenizer_tables), so its scan goes on from the run's end
      // instead of reading the word again. The record is the one its control writes.
      template <class Alternative, class ParseInput>
      static bool scan_after_known_run(ParseInput& in, Recorder& rec, GrammarState& state) {
        if constexpr (requires { Alternative::scan_after(in, in.current()); }) {
          static_assert(leaf<Alternative>);
          const PhraseMemo& memo = state.phrase_memo;
          const std::size_t list = state.first_words;
          if (list >= PhraseMemo::capacity || memo.at != in.current() || !memo.matched(list) ||
              !rules::is_word_byte(*in.current()))
            return false;
          const auto begin = static_cast<std::uint32_t>(in.current() - in.begin());
          Alternative::scan_after(in, in.current() + memo.length[list]);
          rec.add(Record{Recorded::template index_of<Alternative>(), rec.depth, begin,
                         static_cast<std::uint32_t>(in.current() - in.begin())});
          return true;
        } else {
          return false;
        }
      }
      template <class Alternative, class ParseInput, class... States>
      static bool scan_after_known_run(ParseInput& /*in*/, States&... /*st*/) {
        return false;  // (other states: tried as any other)
      }
    };
    // By next byte, what the root allows where the walk found no list and no name's first word: those tried
    // wherever their first byte allows, those led by lists in part that may match there without them, and no
    // concept name (the steps of control::match_rule with no bit of `found` set).
    static constexpr std::array<Mask, 256> nothing_found_at = [] {
      std::array<Mask, 256> m{};
      for (unsigned b = 0; b < 256; ++b)
        for (std::size_t i = 0; i < Mask{}.size(); ++i) m[b][i] = (always[i] | unlisted_at[b][i]) & ~by_first_word[i];
      return m;
    }();
    // By next byte, the alternatives possible there where the walk found no list: where it found no name's first word
    // either (the first 256), nothing_found_at's; where it found one (the next 256), those tried wherever their
    // first byte allows and those led by lists in part that may begin there, concept names too (the steps of
    // control::match_rule with only the first word's bit of `found` set). Both less those whose FIRST set lacks the
    // byte (what first::dispatched_choice::match_allowed takes of them): made once here, not at every such position.
    static constexpr std::array<Mask, 512> possible_where_no_list = [] {
      std::array<Mask, 512> m{};
      for (unsigned b = 0; b < 256; ++b)
        for (std::size_t i = 0; i < Mask{}.size(); ++i) {
          const std::uint64_t may_start = Dispatched::may_start_at(static_cast<unsigned char>(b))[i];
          m[b][i] = nothing_found_at[b][i] & may_start;
          m[256 + b][i] = (always[i] | unlisted_at[b][i]) & may_start;
        }
      return m;
    }();
    // Likewise, whether the first of those is the first alternative with a one-pass scan (`token`'s other_word:
    // where the byte begins a plain word), for match_possible's `scanning_first`.
    static constexpr std::array<bool, 512> scanned_first_where_no_list = [] {
      std::array<bool, 512> first{};
      constexpr std::size_t scanning = Dispatched::template scanning_index<tao::pegtl::memory_input<>>();
      if constexpr (Dispatched::words == 1 && scanning < Dispatched::count)
        for (unsigned b = 0; b < 512; ++b) {
          const std::uint64_t m = possible_where_no_list[b][0];
          first[b] = (m & (~m + 1)) == std::uint64_t{1} << scanning;
        }
      return first;
    }();
  };
  using root_alternatives = alternatives_by_list<first::dispatched_t<std::conditional_t<std::is_void_v<MemoRoot>, tao::pegtl::eof, MemoRoot>>>;

  template <class Rule>
  struct control : tao::pegtl::normal<Rule> {
    static constexpr bool recorded = Recorded::template contains<Rule>;
    static constexpr bool holds = may_hold<Recorded, 8, typename Rule::subs_t>::value;
    using list = typename phrases::list_of<typename Rule::rule_t>::type;  // void unless a phrase list
    static constexpr std::size_t memo_slot = [] {
      if constexpr (std::is_void_v<list>) return memo_index::count;
      else return memo_index::template index_of<list>();
    }();

    // The rule itself; a choice skips the alternatives that cannot begin with the next byte.
    // pegtl::normal's start/success/failure, which this bypasses for a choice, do nothing.
    template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, class ParseInput, class... States>
    static bool match_rule(ParseInput& in, States&&... st) {
      using dispatched = first::dispatched_t<Rule>;
      if constexpr (memo_slot < memo_index::count) {
        // A phrase list of the index: where the memo root started, read the answer of the shared walk.
        if (const GrammarState* state = detail::find_state(st...); state && state->phrase_memo.at == in.current()) {
          const PhraseMemo& memo = state->phrase_memo;
          if (!memo.matched(memo_slot)) return false;
          in.bump(memo.length[memo_slot]);
          return true;
        }
        return tao::pegtl::match<Rule, A, M, Action, Control>(in, st...);
      } else if constexpr (!std::is_void_v<MemoRoot> && std::is_same_v<Rule, MemoRoot>) {
        GrammarState* state = detail::find_state(st...);
        if (!state) return tao::pegtl::match<Rule, A, M, Action, Control>(in, st...);
        // The walk: every indexed list's answer at this position.
        PhraseMemo& memo = state->phrase_memo;
        memo.found = {};
        // (The walk's text runs to the input's end, the line's: a NUL follows it where one follows the line.)
        // Where the tokenizer set its own walk (GrammarState::terminated_walk), one test stands for the line's walk,
        // its NUL and its first words; elsewhere the general walk, out of line (match: match_terminated's answers).
        const phrases::PhraseTrie* const terminated_walk = state->terminated_walk;
        if (terminated_walk) [[likely]]
          terminated_walk->match_terminated(std::string_view(in.current(), in.size(0)), memo.length.data(), memo.found.data(), &memo.item);
        else
          (state->walk ? *state->walk : memo_index::trie()).match(std::string_view(in.current(), in.size(0)), memo.length.data(), memo.found.data(), &memo.item);
        memo.at = in.current();
        if constexpr (std::is_void_v<dispatched>) {
          return tao::pegtl::match<Rule, A, M, Action, Control>(in, st...);
        } else {
          // An alternative that is one of the lists is tried only if the walk found it here; one led by lists
          // in part, also where the next byte may begin the rest.
          // The words of `found` that can hold a bit: the index's lists and the first words after them.
          constexpr std::size_t found_words = std::min<std::size_t>((memo_index::count + 1 + 63) / 64, PhraseMemo::capacity / 64);
          // Where the walk found no list, with the tokenizer's tables (their first words the list after the index's):
          // the commonest positions, a plain word or one that begins a name. What is allowed there is a constant of
          // the next byte and of whether a name's first word was found, as below.
          // (One call of the choice for both: it is inlined, and a second copy of it pushed the walk or the
          // choice itself out of line.)
          static constexpr std::array<std::uint64_t, found_words> first_word_bit = [] {
            std::array<std::uint64_t, found_words> m{};
            if (memo_index::count < found_words * 64) m[memo_index::count / 64] = std::uint64_t{1} << (memo_index::count % 64);
            return m;
          }();
          const bool no_list = [&] {
            // (terminated_walk: first_words is the list after the index's.)
            if ((!terminated_walk && state->first_words != memo_index::count) || in.empty()) return false;
            std::uint64_t any = 0;
            for (std::size_t w = 0; w < found_words; ++w) any |= memo.found[w] & ~first_word_bit[w];
            return any == 0;
          }();
          // (One call of the choice for both, with the alternatives possible at the next byte: where no list was
          // found, a constant of that byte and the first word, and whether the first of them is the plain word's scan.)
          static_assert(dispatched::template scanning_index<ParseInput>() ==
                        dispatched::template scanning_index<tao::pegtl::memory_input<>>());  // (the table's)
          typename dispatched::Mask possible;
          bool scanned_first = false;
          if (no_list) {
            const std::size_t at = static_cast<unsigned char>(*in.current()) + (memo.matched(memo_index::count) ? 256U : 0U);
            scanned_first = root_alternatives::scanned_first_where_no_list[at];
            possible = root_alternatives::possible_where_no_list[at];
          } else {
            typename dispatched::Mask allowed = root_alternatives::always;
            if (!in.empty()) {
              const auto& unlisted = root_alternatives::unlisted_at[static_cast<unsigned char>(*in.current())];
              for (std::size_t i = 0; i < allowed.size(); ++i) allowed[i] |= unlisted[i];
            }
            for (std::size_t w = 0; w < found_words; ++w)
              for (std::uint64_t bits = memo.found[w]; bits != 0; bits &= bits - 1) {
                const auto& alternatives = root_alternatives::of_list[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))];
                for (std::size_t i = 0; i < allowed.size(); ++i) allowed[i] |= alternatives[i];
              }
            // A concept name cannot start where the walk found no first word of one (it would return at once).
            // (The tokenizer's tables put that list right after the index's: a constant bit, tested first.)
            const std::size_t first_words = state->first_words;
            if (first_words == memo_index::count ? !memo.matched(memo_index::count)
                                                 : first_words < PhraseMemo::capacity && !memo.matched(first_words))
              for (std::size_t i = 0; i < allowed.size(); ++i) allowed[i] &= ~root_alternatives::by_first_word[i];
            possible = dispatched::next_byte(in);
            for (std::size_t i = 0; i < possible.size(); ++i) possible[i] &= allowed[i];
          }
          return dispatched::template match_possible<A, M, Action, Control, typename root_alternatives::known>(possible, scanned_first, in, st...);
        }
      } else if constexpr (blank_separated<typename Rule::rule_t>::value) {
        // `line`: PEGTL's star and choice, with a control call per blank and a FIRST-set dispatch between a
        // run of blanks and an item at every position, as a loop that skips a run of blanks by a table and
        // tries the item (through its control) where a blank is not: the same matches in the same order.
        // The rules it skips record nothing, so the records are the same too.
        using shape = blank_separated<typename Rule::rule_t>;
        static_assert(!Recorded::template contains<typename shape::blanks> && !Recorded::template contains<typename shape::blank> &&
                      !Recorded::template contains<typename shape::run> &&
                      !Recorded::template contains<tao::pegtl::sor<typename shape::blanks, typename shape::item>> &&
                      !Recorded::template contains<tao::pegtl::eof>);
        // Where a NUL follows the line (GrammarState::nul_after_text: the input is the state's text), the skip
        // needs no end test: a NUL is no blank, so it stops there. Read once per line, not at every token.
        static_assert(!blanks_of<typename shape::blanks::rule_t>::bytes[0]);
        const GrammarState* const line_state = detail::find_state(st...);
        const bool nul_after = line_state && line_state->nul_after_text;
        for (;;) {
          const char* const begin = in.current();
          const char* const end = begin + in.size(0);
          const char* p = begin;
          if (nul_after)
            while (shape::is_blank(*p)) ++p;
          else
            while (p != end && shape::is_blank(*p)) ++p;
          in.bump(static_cast<std::size_t>(p - begin));
          if (p == end) return true;  // eof
          // (An item that fails ends the star where eof fails: the line does not match.)
          if (!Control<typename shape::item>::template match<A, tao::pegtl::rewind_mode::required, Action, Control>(in, st...))
            return false;
        }
      } else if constexpr (requires { Rule::scan(in); }) {
        return Rule::scan(in);  // the rule's own one-pass form of the same match (rules::other_word)
      } else if constexpr (std::is_void_v<dispatched>) {
        return tao::pegtl::match<Rule, A, M, Action, Control>(in, st...);
      } else {
        return dispatched::template match<A, M, Action, Control>(in, st...);
      }
    }

    template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, class ParseInput, class... States>
    static bool match(ParseInput& in, Recorder& rec, States&&... st) {
      const auto offset = [&in] { return static_cast<std::uint32_t>(in.current() - in.begin()); };
      constexpr std::uint8_t kind = Recorded::template index_of<Rule>();
      if constexpr (!recorded && !holds) {
        return match_rule<A, M, Action, Control>(in, rec, st...);
      } else if constexpr (!holds) {  // a recorded leaf: nothing to write unless it matches
        const std::uint32_t begin = offset();
        if (!match_rule<A, M, Action, Control>(in, rec, st...)) return false;
        rec.add(Record{kind, rec.depth, begin, offset()});
        return true;
      } else {
        // A record that holds others goes in front of them once it has matched (they are few), so that
        // a failed attempt, the common case, writes nothing; the mark lives on the C++ stack.
        const std::size_t mark = rec.size;
        const std::uint32_t begin = offset();
        if constexpr (recorded) ++rec.depth;
        const bool ok = match_rule<A, M, Action, Control>(in, rec, st...);
        if constexpr (recorded) --rec.depth;
        if (!ok) {
          rec.size = mark;
          return false;
        }
        if constexpr (recorded)
          rec.insert(mark, Record{kind, rec.depth, begin, offset()});
        return true;
      }
    }
  };
};

}  // namespace trialmatch::grammar
