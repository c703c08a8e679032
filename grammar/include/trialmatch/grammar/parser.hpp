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

struct ParsedCriterion {
  std::string text;                     // the line as given
  engine::Node tree;
  engine::Diagnostics diagnostics;      // offsets into `text`
};

struct TokenizerTables;      // tokens.hpp
struct TokenizerTablesOnce;  // parser.cpp: the tables, made at the first parse

// Immutable after construction; parse() may be called from many threads at once.
class Parser {
 public:
  explicit Parser(const engine::Lexicon& lexicon, ParserOptions options = {});
  ParsedCriterion parse(std::string_view line, CriterionSection section = CriterionSection::unspecified) const;
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
