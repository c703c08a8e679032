#pragma once
// A table of criterion lines and the trees each must read as, checked line by line: the form of the tests that a
// guard refuses no line its reading is written for (a guard that refused too much leaves one as text or reads it
// another way).
#include <doctest/doctest.h>

#include <span>
#include <string>

#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace reads_as {

struct LineTree {
  const char* line;
  const char* tree;  // canonical form (engine::to_canonical)
};

inline void check(const trialmatch::grammar::Parser& parser, std::span<const LineTree> cases,
                  trialmatch::grammar::CriterionSection section = trialmatch::grammar::CriterionSection::inclusion) {
  for (const LineTree& c : cases) {
    CAPTURE(c.line);
    CHECK(trialmatch::engine::to_canonical(parser.parse(c.line, section).tree) == std::string(c.tree));
  }
}

}  // namespace reads_as
