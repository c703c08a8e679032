#include "trialmatch/grammar/parser.hpp"

#include <fmt/format.h>

#include <atomic>
#include <exception>
#include <memory>
#include <mutex>

#include "lower.hpp"
#include "lower_heading.hpp"
#include "tokens.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace {

// A line's tokens, in a vector kept per thread so that its capacity serves the next line (taken and given
// back: a nested parse would find it empty). A rare long line does not keep its memory.
class TokenScratch {
 public:
  TokenScratch() { tokens_.swap(pool()); }
  ~TokenScratch() {
    tokens_.clear();
    if (tokens_.capacity() <= kMaxKept) tokens_.swap(pool());
  }
  TokenScratch(const TokenScratch&) = delete;
  TokenScratch& operator=(const TokenScratch&) = delete;
  std::vector<Token>& get() noexcept { return tokens_; }

 private:
  static constexpr std::size_t kMaxKept = 1024;
  static std::vector<Token>& pool() {
    thread_local std::vector<Token> kept;
    return kept;
  }
  std::vector<Token> tokens_;
};

}  // namespace

struct TokenizerTablesOnce {
  std::once_flag made;
  std::shared_ptr<const TokenizerTables> tables;
  // tables.get() once made: every parse reads it with one load (std::call_once, asked of every line, was a call into
  // pthread_once and two thread-local stores).
  std::atomic<const TokenizerTables*> made_tables{nullptr};
};

Parser::Parser(const engine::Lexicon& lexicon, ParserOptions options)
    : lexicon_(&lexicon), options_(options), tokenizer_tables_(std::make_shared<TokenizerTablesOnce>()) {}

const TokenizerTables* Parser::tokenizer_tables() const {
  TokenizerTablesOnce& once = *tokenizer_tables_;
  if (const TokenizerTables* made = once.made_tables.load(std::memory_order_acquire)) return made;
  std::call_once(once.made, [&] {
    once.tables = make_tokenizer_tables(*lexicon_);
    once.made_tables.store(once.tables.get(), std::memory_order_release);
  });
  return once.tables.get();
}

ParsedCriterion Parser::parse(std::string_view line, CriterionSection section, PeopleHeadings headings) const {
  ParsedCriterion out;
  out.text.assign(line);  // (copied into the result's own string: no temporary moved in)
  const auto end = static_cast<std::uint32_t>(line.size());
  if (line.size() > options_.max_line_bytes) {
    out.diagnostics.push_back({engine::Severity::error,
                               fmt::format("line of {} bytes is longer than the limit of {}; kept as text",
                                           line.size(), options_.max_line_bytes),
                               0, end});
    out.tree = engine::make_text(out.text, engine::TextReason::not_understood, {0, end});
    return out;
  }
  // The kept() unit strings the tokens may point at live until the parse ends (bounded there).
  const KeptScope kept_scope;
  try {
    TokenScratch scratch;
    std::vector<Token>& tokens = scratch.get();
    tokenize(out.text, *lexicon_, tokens, tokenizer_tables());
    const ListReading lists = section == CriterionSection::exclusion   ? ListReading::any
                              : section == CriterionSection::inclusion ? ListReading::all
                                                                       : ListReading::as_written;
    lower(out.text, tokens, *lexicon_, options_.max_depth, lists, headings, out.diagnostics, out.tree);
    detail::people_heading_into(out.people_heading, out.text, tokens);
  } catch (const std::exception& e) {
    // A failure inside the grammar keeps the line visible and says where it happened.
    out.diagnostics.push_back({engine::Severity::error, fmt::format("could not read the line: {}", e.what()), 0, end});
    out.tree = engine::make_text(out.text, engine::TextReason::not_understood, {0, end});
  }
  return out;
}

}  // namespace trialmatch::grammar
