#pragma once
// Criterion text -> predicate tree. PEGTL stays behind this header (grammar/src only).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "trialmatch/engine/diagnostic.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/limits.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar {

struct ParserOptions {
  // longer lines become one `text` node with an error
  std::size_t max_line_bytes = engine::limits::max_criterion_bytes;
  std::size_t max_depth = engine::limits::max_criterion_depth;  // nesting of parentheses / guards
};

// Where the line stands. A list of separate conditions joined by ";" means "all of them" in an
// inclusion but "any of them excludes" in an exclusion; unspecified reads such lists as written.
enum class CriterionSection : std::uint8_t { unspecified, inclusion, exclusion };

// What a lead-in naming people means ("Children: 6 to 12 years of age", "Donors: age 18-60"). Alone in a trial
// it restates whom the trial takes; where the trial names two or more groups of people that way, each names a
// cohort, and what follows is for that cohort only (the trial's reader tells which: matcher/).
enum class PeopleHeadings : std::uint8_t { restate_the_population, name_cohorts };

struct ParsedCriterion {
  std::string text;                     // the line as given
  engine::Node tree;
  engine::Diagnostics diagnostics;      // offsets into `text`
  // The line's lead-in where it names people: its words in lower case less criteria words and a plural "s"
  // ("Healthy children:" -> "healthy children"; only generic words, "Patients:" -> "participants"); else empty.
  std::string people_heading;
};

struct TokenizerTables;      // tokens.hpp
struct TokenizerTablesOnce;  // parser.cpp: the tables, made at the first parse

// Immutable after construction; parse() may be called from many threads at once.
class Parser {
 public:
  explicit Parser(const engine::Lexicon& lexicon, ParserOptions options = {});
  ParsedCriterion parse(std::string_view line, CriterionSection section = CriterionSection::unspecified,
                        PeopleHeadings headings = PeopleHeadings::restate_the_population) const;
  const engine::Lexicon& lexicon() const noexcept { return *lexicon_; }
  const ParserOptions& options() const noexcept { return options_; }

 private:
  const engine::Lexicon* lexicon_;
  ParserOptions options_;
  // Made once for the lexicon at the first parse, not at construction: a run that only loads a compiled
  // library (a coordinator's one patient) never parses and does not pay for them.
  std::shared_ptr<TokenizerTablesOnce> tokenizer_tables_;
  const TokenizerTables* tokenizer_tables() const;
};

}  // namespace trialmatch::grammar
