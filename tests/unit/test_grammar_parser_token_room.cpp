// Parser::parse reads a line's tokens into a vector kept per thread (parser.cpp's TokenScratch): used in place by the
// thread's parse, left holding the line's tokens until the next line's tokenize empties it, freed after a line of
// more tokens than it keeps. Its oracle is the parse of each line on a thread of its own, whose room no line used
// before. Compared on every golden line in both sections: parsed one after another on one thread in the files'
// order and in reverse (so each line after a longer and after a shorter one), with long lines between them that
// free the room; and on four threads at once, each reading all the lines from its own place.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "golden_support.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/limits.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

// What a parse gives, in a form to compare.
struct Read {
  std::string text, tree, heading;
  e::Diagnostics diagnostics;
  bool operator==(const Read&) const = default;
};

Read reading(const g::ParsedCriterion& p) { return {p.text, e::to_canonical(p.tree), p.people_heading, p.diagnostics}; }

struct Case {
  std::string line;
  g::CriterionSection section;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const std::string& line : golden_support::all_criterion_lines())
    for (const auto section : {g::CriterionSection::inclusion, g::CriterionSection::exclusion})
      out.push_back({line, section});
  // Lines of more tokens than the room keeps (1,024): after each the room is freed and made again.
  std::string long_line = "Any of";
  for (int k = 0; k < 700; ++k) long_line += " aspirin, diabetes";
  CHECK(long_line.size() < e::limits::max_criterion_bytes);
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(out.size() / 3), {long_line, g::CriterionSection::inclusion});
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(2 * out.size() / 3), {long_line + " and HbA1c > 7%",
                                                                             g::CriterionSection::exclusion});
  return out;
}

}  // namespace

TEST_CASE("a line read into the thread's token room reads as on a thread whose room no line used") {
  const g::Parser parser(e::Lexicon::builtin());
  const std::vector<Case> all = cases();
  REQUIRE(all.size() > 4000);

  // The oracle: each line on a fresh thread (a new thread's room is empty and unused).
  std::vector<Read> fresh(all.size());
  for (std::size_t k = 0; k < all.size(); ++k)
    std::thread([&, k] { fresh[k] = reading(parser.parse(all[k].line, all[k].section)); }).join();

  std::size_t compared = 0;
  for (std::size_t k = 0; k < all.size(); ++k, ++compared)
    CHECK(reading(parser.parse(all[k].line, all[k].section)) == fresh[k]);
  for (std::size_t k = all.size(); k-- > 0; ++compared)
    CHECK(reading(parser.parse(all[k].line, all[k].section)) == fresh[k]);

  // Four threads at once, each its own room, each starting elsewhere in the lines.
  constexpr std::size_t kThreads = 4;
  std::vector<std::size_t> differing(kThreads, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t n = 0; n < all.size(); ++n) {
        const std::size_t k = (n + t * all.size() / kThreads) % all.size();
        differing[t] += !(reading(parser.parse(all[k].line, all[k].section)) == fresh[k]);
      }
    });
  for (std::thread& t : threads) t.join();
  for (std::size_t t = 0; t < kThreads; ++t) CHECK(differing[t] == 0);
  CHECK(compared == 2 * all.size());
}
