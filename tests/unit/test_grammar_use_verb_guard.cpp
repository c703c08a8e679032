// present_use's length test before use_verb (lower_present_use.cpp; docs/lowering-guards.md): a guard made before a
// call that would refuse. It must let through every line use_verb reads: this fails where it refuses one.
#include <doctest/doctest.h>

#include <string>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

using trialmatch::engine::to_canonical;

namespace {

const trialmatch::grammar::Parser& parser() {
  static const trialmatch::grammar::Parser p(trialmatch::engine::Lexicon::builtin());
  return p;
}

}  // namespace

TEST_CASE("use_verb guard: \"use\" as a verb of present use, in any case") {
  // (use_verb's words are "use", "uses", "using": the guard lets through their lengths, 3 to 5. Lines with the last
  // two, "Patients using insulin", "Uses insulin", are kept as text today, with the guard or without it.)
  for (const std::string line : {"Use warfarin", "USE warfarin", "use warfarin", "Patients who use warfarin",
                                 "Use dietary supplements (vitamins, prebiotics or other bioactive compounds)"}) {
    CAPTURE(line);
    CHECK(to_canonical(parser().parse(line).tree).find("status active") != std::string::npos);
  }
  // (The noun: no status.)
  CHECK(to_canonical(parser().parse("Use of warfarin").tree) == "has warfarin");
}
