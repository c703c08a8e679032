// balanced() (lower_open_names.cpp) asks a name eight bytes at a time (sixteen where SSE2 is there and the name is
// longer than sixteen) whether it holds a bracket or two spaces in a row, and reads it byte by byte only where it may:
// against the byte-by-byte form it replaces, for names of every length around the eight- and sixteen-byte steps, with
// each of those bytes (and the bytes the eight-byte test takes for brackets) at every place, the last byte included.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_util.hpp"

namespace {

// The names' brackets that do not close inside them dropped, runs of spaces made one, then trimmed: byte by byte.
std::string balanced_bytewise(std::string_view in) {
  std::vector<std::size_t> open, drop;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '(' || in[i] == '[') open.push_back(i);
    else if (in[i] == ')' || in[i] == ']') {
      if (open.empty()) drop.push_back(i);
      else open.pop_back();
    }
  }
  drop.insert(drop.end(), open.begin(), open.end());
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    bool dropped = false;
    for (const std::size_t d : drop) dropped = dropped || d == i;
    if (dropped) continue;
    if (!(in[i] == ' ' && !out.empty() && out.back() == ' ')) out.push_back(in[i]);
  }
  return std::string(trialmatch::grammar::detail::trim_view(out));
}

}  // namespace

TEST_CASE("grammar: balanced() reads every name as the byte-by-byte form does") {
  using trialmatch::grammar::detail::balanced;
  const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXabcdefghijklmnopqrstuvwxyz";
  const std::string marks[] = {"(", ")", "[", "]", " ", "  ", "Y", "_", ")(", "( ", " )"};
  std::size_t changed = 0;  // names balanced() changes beyond the trim (the test must reach the slow path)
  for (std::size_t n = 0; n <= 56; ++n) {
    const std::string base = letters.substr(0, n);
    CHECK(balanced(base) == base);
    for (const std::string& mark : marks)
      for (std::size_t at = 0; at + mark.size() <= n; ++at) {
        std::string name = base;
        name.replace(at, mark.size(), mark);
        CAPTURE(name);
        const std::string want = balanced_bytewise(name);
        CHECK(balanced(name) == want);
        changed += want != trialmatch::grammar::detail::trim_view(name) ? 1 : 0;
      }
  }
  CHECK(changed > 1000);
  // Two marks far apart: each eight- or sixteen-byte step and the last nine or seventeen bytes, which overlap.
  std::uint32_t seed = 12345;
  for (int round = 0; round < 4000; ++round) {
    seed = seed * 1664525u + 1013904223u;
    const std::size_t n = 9 + seed % 64;
    std::string name = letters.substr(0, n);
    for (int k = 0; k < 2; ++k) {
      seed = seed * 1664525u + 1013904223u;
      const std::string& mark = marks[seed % 11];
      const std::size_t at = (seed >> 8) % (n - mark.size() + 1);
      name.replace(at, mark.size(), mark);
    }
    CAPTURE(name);
    CHECK(balanced(name) == balanced_bytewise(name));
  }
  // A dropped bracket between two spaces, whose second space is then dropped too, and runs of spaces beside it, at
  // every offset of the sixteen-byte steps (the runs between dropped brackets are copied whole where they can be).
  for (std::size_t pad = 0; pad < 40; ++pad)
    for (const char* middle : {" ( ", " ] ", "  (  ", " )  x", "x  ] ", " ) ( ", "( ", " ["}) {
      const std::string name = letters.substr(0, pad) + middle + letters.substr(pad, 20) + " ) " + letters.substr(0, 5);
      CAPTURE(name);
      CHECK(balanced(name) == balanced_bytewise(name));
    }
  // Words a name is made of, the fast test's usual input: unchanged but for the trim.
  CHECK(balanced(" Macular thickness above, ") == "Macular thickness above");
  CHECK(balanced("Engorgement (any breast") == "Engorgement any breast");
  CHECK(balanced("bone loss in at least  30%] of the dentition") == "bone loss in at least 30% of the dentition");
}
