#pragma once
// FIRST sets of PEGTL rules, computed at compile time: the bytes a rule's match can begin with, and
// whether it can match without consuming a byte. A rule that is not nullable cannot match where the
// next byte is outside its set, so a choice can skip it there without trying it (first_dispatch.hpp).
//
// Conservative by construction: a rule type not listed here may begin with any byte and may match
// nothing, so it is always tried. Listed: PEGTL's sequence, choice, repetition and lookahead
// combinators, its single-byte rules, and the project's phrase lists and measured rules.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <tao/pegtl.hpp>

#include "custom_rules.hpp"
#include "phrase_rule.hpp"

namespace trialmatch::grammar::first {

namespace pegtl = tao::pegtl;
namespace pi = tao::pegtl::internal;

// A set of bytes and whether the empty match is possible.
struct First {
  std::array<std::uint64_t, 4> bytes{};
  bool nullable = false;

  constexpr void add(unsigned char b) noexcept { bytes[b >> 6] |= std::uint64_t{1} << (b & 63); }
  constexpr void add_range(unsigned char lo, unsigned char hi) noexcept {
    for (unsigned b = lo; b <= hi; ++b) add(static_cast<unsigned char>(b));
  }
  constexpr bool has(unsigned char b) const noexcept { return (bytes[b >> 6] >> (b & 63)) & 1U; }
  constexpr void merge(const First& o) noexcept {
    for (std::size_t i = 0; i < 4; ++i) bytes[i] |= o.bytes[i];
  }
  // May a match begin at a position whose next byte is `b`?
  constexpr bool may_start_with(unsigned char b) const noexcept { return nullable || has(b); }
};

constexpr First anything() noexcept {
  First f;
  f.bytes = {~std::uint64_t{0}, ~std::uint64_t{0}, ~std::uint64_t{0}, ~std::uint64_t{0}};
  f.nullable = true;
  return f;
}
constexpr First every_byte() noexcept {
  First f = anything();
  f.nullable = false;
  return f;
}
constexpr First empty_match() noexcept {
  First f;
  f.nullable = true;
  return f;
}

// By the rule's implementation type (`Rule::rule_t`): the project's rules derive from PEGTL's.
template <class RuleT>
struct of_impl {
  static constexpr First value = anything();  // unknown: always tried
};
template <class Rule>
constexpr First of = of_impl<typename Rule::rule_t>::value;

// A sequence: the first sets of its elements up to the first that must consume a byte.
template <class... Rules>
constexpr First sequence() noexcept {
  First f = empty_match();
  bool open = true;  // every element so far may match nothing
  (
      [&] {
        if (!open) return;
        const First e = of<Rules>;
        f.merge(e);
        open = e.nullable;
      }(),
      ...);
  f.nullable = open;
  return f;
}
template <class... Rules>
constexpr First choice() noexcept {
  First f;
  ((f.merge(of<Rules>), f.nullable = f.nullable || of<Rules>.nullable), ...);
  return f;
}
constexpr First with_nullable(First f, bool nullable) noexcept {
  f.nullable = nullable;
  return f;
}

template <class... Rules>
struct of_impl<pi::seq<Rules...>> {
  static constexpr First value = sequence<Rules...>();
};
// A sequence led by a lookahead of a rule that consumes a byte ("5-fluorouracil": at<digit>, then a name):
// it matches only where that rule does, so only before a byte of the rule's set.
template <class Rule, class... Rules>
struct of_impl<pi::seq<pegtl::at<Rule>, Rules...>> {
  static constexpr First value = [] {
    First f = sequence<pegtl::at<Rule>, Rules...>();
    if (!of<Rule>.nullable)
      for (std::size_t i = 0; i < 4; ++i) f.bytes[i] &= of<Rule>.bytes[i];
    return f;
  }();
};
template <class... Rules>
struct of_impl<pi::sor<Rules...>> {
  static constexpr First value = choice<Rules...>();
};
template <class Rule>
struct of_impl<pi::opt<Rule>> {
  static constexpr First value = with_nullable(of<Rule>, true);
};
template <class Rule>
struct of_impl<pi::star<Rule>> {
  static constexpr First value = with_nullable(of<Rule>, true);
};
template <class Rule>
struct of_impl<pi::plus<Rule>> {
  static constexpr First value = of<Rule>;
};
template <unsigned Count, class Rule>
struct of_impl<pi::rep<Count, Rule>> {
  static constexpr First value = with_nullable(of<Rule>, Count == 0 || of<Rule>.nullable);
};
template <unsigned Min, unsigned Max, class Rule>
struct of_impl<pi::rep_min_max<Min, Max, Rule>> {
  static constexpr First value = with_nullable(of<Rule>, Min == 0 || of<Rule>.nullable);
};
template <unsigned Max, class Rule>
struct of_impl<pi::rep_opt<Max, Rule>> {
  static constexpr First value = with_nullable(of<Rule>, true);
};
// Lookaheads consume nothing.
template <class Rule>
struct of_impl<pi::at<Rule>> {
  static constexpr First value = empty_match();
};
template <class Rule>
struct of_impl<pi::not_at<Rule>> {
  static constexpr First value = empty_match();
};
template <>
struct of_impl<pi::eof> {
  static constexpr First value = empty_match();
};
template <>
struct of_impl<pi::success> {
  static constexpr First value = empty_match();
};
template <>
struct of_impl<pi::failure> {
  static constexpr First value = First{};  // never matches
};
// Single bytes.
template <char... Cs>
struct of_impl<pi::one<pi::result_on_found::success, pi::peek_char, Cs...>> {
  static constexpr First value = [] {
    First f;
    (f.add(static_cast<unsigned char>(Cs)), ...);
    return f;
  }();
};
template <char Lo, char Hi>
struct of_impl<pi::range<pi::result_on_found::success, pi::peek_char, Lo, Hi>> {
  static constexpr First value = [] {
    First f;
    f.add_range(static_cast<unsigned char>(Lo), static_cast<unsigned char>(Hi));
    return f;
  }();
};
template <char... Cs>
struct of_impl<pi::ranges<pi::peek_char, Cs...>> {
  static constexpr First value = [] {
    First f;
    constexpr char cs[] = {Cs...};
    std::size_t i = 0;
    for (; i + 1 < sizeof...(Cs); i += 2) f.add_range(static_cast<unsigned char>(cs[i]), static_cast<unsigned char>(cs[i + 1]));
    if (i < sizeof...(Cs)) f.add(static_cast<unsigned char>(cs[i]));  // an odd last one is a single byte
    return f;
  }();
};
template <class Peek>
struct of_impl<pi::any<Peek>> {
  static constexpr First value = every_byte();  // one byte or one code point: at least one byte
};

// Whether a rule implementation is one byte of a set (pegtl::one<Cs...>): then its FIRST set is the bytes it matches.
template <class RuleT>
inline constexpr bool one_byte_of = false;
template <char... Cs>
inline constexpr bool one_byte_of<pi::one<pi::result_on_found::success, pi::peek_char, Cs...>> = true;

// A phrase list: the first bytes of its phrases, either case; a leading blank is any blank.
template <const auto& Phrases>
struct of_impl<rules::one_of_phrases<Phrases>> {
  static constexpr First value = [] {
    First f;
    for (std::string_view p : Phrases) {
      if (p.empty()) continue;  // matches nothing
      const char c = p.front();
      if (c == ' ') {
        for (char b : {' ', '\t', '\n', '\r'}) f.add(static_cast<unsigned char>(b));
      } else {
        f.add(static_cast<unsigned char>(c));
        f.add(static_cast<unsigned char>(rules::ascii_lower(c)));
        if (c >= 'a' && c <= 'z') f.add(static_cast<unsigned char>(c - 'a' + 'A'));
      }
    }
    return f;
  }();
};
// A measured rule consumes at least one byte when it matches, and any byte may begin it.
template <class Measure>
struct of_impl<rules::measured_rule<Measure>> {
  static constexpr First value = every_byte();
};

}  // namespace trialmatch::grammar::first

namespace trialmatch::grammar::first {

// The choice sor<Alternatives...> with each alternative tried only where its FIRST set allows:
// the same alternatives in the same order with the same rewind modes as PEGTL's sor, minus the
// attempts that could not have matched. In an island grammar most positions are plain words, and
// most of `token`'s alternatives cannot begin with the byte there.
template <class... Alternatives>
struct dispatched_choice {
  static constexpr std::size_t count = sizeof...(Alternatives);
  static constexpr std::size_t words = (count + 63) / 64;
  using Mask = std::array<std::uint64_t, words>;  // one bit per alternative, in order

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class ParseInput, class... States>
  static bool match(ParseInput& in, States&&... st) {
    return match_each<A, M, Action, Control>(std::index_sequence_for<Alternatives...>(), next_byte(in), in, st...);
  }
  // The same, trying only the alternatives whose bit is set in `allowed` (the caller knows that the
  // others cannot match here).
  //
  // `Known` (or void): the caller's answer for some alternatives where one of them is the first possible, given
  // without trying it (the token recorder's phrase lists, which its walk has matched, and single bytes):
  // Known::alternatives, a Mask, and Known::match(index, in, st...), which matches as the alternative would
  // and returns true, or returns false having done nothing (then it is tried as any other). Also
  // Known::tried_first: an alternative tried on its own where it is the first possible (count: none); where it
  // fails and the next possible is the first with a one-pass scan, Known::scan_after_known_run<Alternative>(in,
  // st...) matches that one as it would, or returns false having done nothing.
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class Known = void, class ParseInput, class... States>
  static bool match_allowed(const Mask& allowed, ParseInput& in, States&&... st) {
    Mask possible = next_byte(in);
    for (std::size_t w = 0; w < words; ++w) possible[w] &= allowed[w];
    return match_possible<A, M, Action, Control, Known>(possible, false, in, st...);
  }
  // The same where the caller has already taken `allowed` with the next byte's FIRST sets (may_start_at):
  // `possible` the alternatives that are both. `scanning_first`: the caller knows that the first of them is the
  // first that scans in one pass (scanning_index), which is then tried at once.
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class Known = void, class ParseInput, class... States>
  static bool match_possible(Mask possible, bool scanning_first, ParseInput& in, States&&... st) {
    if constexpr (words == 1) {
      constexpr std::size_t scanning = first_scanning<ParseInput>();
      if constexpr (scanning < count) {
        if (scanning_first) return match_first_scanning<A, M, Action, Control>(possible, in, st...);
      }
      std::uint64_t lowest = possible[0] & (~possible[0] + 1);  // the first possible alternative's bit
      // Where it is the one the caller names to be tried first (Known::tried_first: `token`'s concept_name, first
      // at most words that begin a name), it is tried here, without the call of the whole choice; where it fails,
      // the next possible one is the first (most often a plain word, below).
      if constexpr (!std::is_void_v<Known>) {
        constexpr std::size_t tried_first = Known::tried_first;
        if constexpr (tried_first < count) {
          constexpr std::uint64_t bit = std::uint64_t{1} << tried_first;
          if (lowest == bit) {
            if (match_one<tried_first, A, M, Action, Control>(in, st...)) return true;
            possible[0] &= ~bit;
            if (possible[0] == 0) return false;
            lowest = possible[0] & (~possible[0] + 1);
            // Where the next is the one that scans in one pass (a plain word that begins a name but none here),
            // the caller may know where its first run ends (Known::scan_after_known_run: the word the name's
            // first word was): it scans on from there, not from the start.
            constexpr std::size_t scanning = first_scanning<ParseInput>();
            if constexpr (scanning < count) {
              using Scanning = std::tuple_element_t<scanning, std::tuple<Alternatives...>>;
              if (lowest == std::uint64_t{1} << scanning && Known::template scan_after_known_run<Scanning>(in, st...))
                return true;
            }
          }
        }
      }
      // Where the first possible alternative is one that scans in one pass (`token`'s other_word: a plain word,
      // where the lists found lead nothing possible here; where none was found the caller says so, above), it is
      // tried here, without the call of the whole choice and its frame; the others follow in order as before.
      if constexpr (scanning < count) {
        if (lowest == std::uint64_t{1} << scanning) return match_first_scanning<A, M, Action, Control>(possible, in, st...);
      }
      // Where it is one whose match the caller knows, that answer, with no call of the choice either.
      if constexpr (!std::is_void_v<Known>) {
        if ((lowest & Known::alternatives[0]) != 0 &&
            Known::match(static_cast<std::size_t>(std::countr_zero(lowest)), in, st...))
          return true;
      }
    }
    return match_each<A, M, Action, Control>(std::index_sequence_for<Alternatives...>(), possible, in, st...);
  }
  // Where the first possible alternative is the first that scans in one pass: it, then the others in order.
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class ParseInput, class... States>
  [[gnu::always_inline]] static bool match_first_scanning(Mask possible, ParseInput& in, States&&... st) {
    constexpr std::size_t scanning = first_scanning<ParseInput>();
    if (match_one<scanning, A, M, Action, Control>(in, st...)) return true;
    possible[0] &= ~(std::uint64_t{1} << scanning);
    if (possible[0] == 0) return false;
    return match_each<A, M, Action, Control>(std::index_sequence_for<Alternatives...>(), possible, in, st...);
  }
  // By alternative, in order, value(std::type_identity<Alternative>{}).
  template <class Value>
  static constexpr auto by_alternative(Value value) {
    std::array<decltype(value(std::type_identity<std::tuple_element_t<0, std::tuple<Alternatives...>>>{})), count> a{};
    std::size_t i = 0;
    ((a[i++] = value(std::type_identity<Alternatives>{})), ...);
    return a;
  }
  // The alternatives whose FIRST set holds `byte` (next_byte's answer where the input is not at its end).
  static constexpr const Mask& may_start_at(unsigned char byte) noexcept { return candidates[byte]; }
  // By the next byte (or the input's end), the alternatives whose FIRST set allows it.
  template <class ParseInput>
  static const Mask& next_byte(const ParseInput& in) noexcept {
    return candidates[in.empty() ? 256U : static_cast<unsigned char>(*in.current())];
  }
  // The first alternative with a one-pass `scan` of its own (count: none).
  template <class ParseInput>
  static constexpr std::size_t scanning_index() noexcept {
    return first_scanning<ParseInput>();
  }
  // The alternatives for which pred(std::type_identity<Alternative>{}) holds.
  template <class Pred>
  static constexpr Mask alternatives_where(Pred pred) {
    Mask m{};
    std::size_t i = 0;
    ((pred(std::type_identity<Alternatives>{}) ? (m[i / 64] |= std::uint64_t{1} << (i % 64)) : 0, ++i), ...);
    return m;
  }

 private:
  // For each next byte (and, at index 256, for the end of the input), the alternatives that may match
  // there, one bit each: one table load per position instead of one test per alternative.
  static constexpr auto candidates = [] {
    std::array<std::array<std::uint64_t, words>, 257> table{};
    std::size_t i = 0;
    (
        [&] {
          for (unsigned b = 0; b < 256; ++b)
            if (of<Alternatives>.may_start_with(static_cast<unsigned char>(b))) table[b][i / 64] |= std::uint64_t{1} << (i % 64);
          if (of<Alternatives>.nullable) table[256][i / 64] |= std::uint64_t{1} << (i % 64);
          ++i;
        }(),
        ...);
    return table;
  }();

  // The index of the first alternative with a one-pass `scan` of its own (count: none).
  template <class ParseInput>
  static constexpr std::size_t first_scanning() noexcept {
    std::size_t i = 0;
    (void)((requires(ParseInput& in) { Alternatives::scan(in); } ? false : (++i, true)) && ...);
    return i;
  }

  // One alternative, as PEGTL's sor tries it (the last with the choice's rewind mode).
  template <std::size_t I, pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class ParseInput, class... States>
  static bool match_one(ParseInput& in, States&... st) {
    using Alternative = std::tuple_element_t<I, std::tuple<Alternatives...>>;
    return Control<Alternative>::template match<A, (I == count - 1 ? M : pegtl::rewind_mode::required), Action, Control>(
        in, st...);
  }

  // The alternatives whose bit is set, in order: a long choice takes one step per set bit (lowest first),
  // each reaching its alternative through a jump, instead of a test of every bit (`token` has 46
  // alternatives; at most positions 3-5 are possible).
  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, std::size_t... I, class ParseInput, class... States>
  static bool match_each(std::index_sequence<I...> /*unused*/, const Mask& possible, ParseInput& in, States&&... st) {
    if constexpr (count <= 8) {  // a short choice: a test per alternative costs no more
      return ((((possible[I / 64] >> (I % 64)) & 1U) != 0 && match_one<I, A, M, Action, Control>(in, st...)) || ...);
    } else {
      for (std::size_t w = 0; w < words; ++w)
        for (std::uint64_t bits = possible[w]; bits != 0; bits &= bits - 1) {
          const std::size_t index = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
          bool matched = false;
          // A chain of equality tests on one index, which the compiler turns into a jump.
          (void)((index == I ? (matched = match_one<I, A, M, Action, Control>(in, st...), true) : false) || ...);
          if (matched) return true;
        }
      return false;
    }
  }
};

// The dispatched form of a rule whose implementation is a choice; void for any other rule.
template <class RuleT>
struct dispatched_form {
  using type = void;
};
template <class... Alternatives>
struct dispatched_form<pi::sor<Alternatives...>> {
  using type = dispatched_choice<Alternatives...>;
};
template <class Rule>
using dispatched_t = typename dispatched_form<typename Rule::rule_t>::type;

}  // namespace trialmatch::grammar::first
