// WordTable (grammar/src/lower_word_table.hpp) compares a word with its bucket's entries by a key of up to eight of its
// case-folded bytes (all of them up to eight; past eight, the first four and the last four), then the bytes between
// one by one. Against a plain search of the lists (the oracle): entries of every length from 1 to 17, in three
// casings, each byte in turn changed to another letter, to a byte that folds to no letter, and to its other case.
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>

#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/lower_word_table.hpp"

namespace d = trialmatch::grammar::detail;

namespace {

constexpr std::string_view kFirst[] = {"a", "an", "and", "aorta", "abcdefgh", "abcdefghi", "abcdefghijklmnopq",
                                       "abcdefghijklmnopz", "zzzzzzzzzz", "zzzzyzzzzz", "pneumonia", "pneumonias"};
constexpr std::string_view kSecond[] = {"ab", "abcd", "abce", "abcdefg", "abcdefghij", "abcdxfghij", "pneumonia",
                                        "qrstuvwxyzabcdefg", "q"};

constexpr auto kTable = [] {
  d::WordTable<std::size(kFirst) + std::size(kSecond), 17> table;
  table.add(kFirst, 1);
  table.add(kSecond, 2);
  table.finish();
  return table;
}();

unsigned lists_plain(std::string_view w) {
  unsigned bits = 0;
  for (const auto e : kFirst) bits |= d::iequals(w, e) ? 1u : 0u;
  for (const auto e : kSecond) bits |= d::iequals(w, e) ? 2u : 0u;
  return bits;
}

}  // namespace

TEST_CASE("word table keys: every entry, every byte changed, reads as a plain search of the lists") {
  for (const auto list : {std::span<const std::string_view>(kFirst), std::span<const std::string_view>(kSecond)})
    for (const auto entry : list)
      for (const int how : {0, 1, 2}) {
        std::string s(entry);
        for (std::size_t i = 0; i < s.size(); ++i)
          if (how == 1 || (how == 2 && i % 2 == 0)) s[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
        CAPTURE(s);
        CHECK(kTable.lists_of(s) != 0);
        CHECK(kTable.lists_of(s) == lists_plain(s));
        for (std::size_t i = 0; i < s.size(); ++i)
          for (const char c : {'a', 'z', 'Q', '[', '@', '{', '\x80', '\xc1', ' ', '0'}) {
            std::string t = s;
            t[i] = c;
            CAPTURE(t);
            CHECK(kTable.lists_of(t) == lists_plain(t));
          }
        CHECK(kTable.lists_of(s + "a") == lists_plain(s + "a"));
        CHECK(kTable.lists_of(s.substr(1)) == lists_plain(s.substr(1)));
        CHECK(kTable.lists_of(s.substr(0, s.size() - 1)) == lists_plain(s.substr(0, s.size() - 1)));
      }
  CHECK(kTable.lists_of("") == 0);
  CHECK(kTable.lists_of(std::string(18, 'a')) == 0);
  CHECK(kTable.lists_of(std::string(40, 'a')) == 0);
}
