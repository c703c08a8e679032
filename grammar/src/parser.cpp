#include "trialmatch/grammar/parser.hpp"

#include <fmt/format.h>

#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

#include "lower.hpp"
#include "lower_heading.hpp"
#include "tokens.hpp"
#include "units_read.hpp"

namespace trialmatch::grammar {
namespace {

// A line's tokens, in a vector kept per thread so that its capacity serves the next line. The thread's outermost
// parse uses it in place, marked in use; a nested parse (none is made now) gets a vector of its own. A rare long
// line does not keep its memory. (Used in place, not swapped out of the thread's slot and back: the swaps wrote the
// vector's three pointers four times a line and made and destroyed an empty vector. Not emptied when the parse
// ends: tokenize empties it first, and the tokens own nothing; those left are read by nobody, their views into the
// line and its kept() strings gone with the parse.)
class TokenScratch {
 public:
  TokenScratch() : room_(&room()) {
    if (room_->in_use) [[unlikely]] {
      own_ = std::make_unique<std::vector<Token>>();
      room_ = nullptr;
    } else {
      room_->in_use = true;
    }
  }
  ~TokenScratch() {
    if (!room_) return;  // a nested parse's own vector, freed with `own_`
    if (room_->tokens.capacity() > kMaxKept) [[unlikely]] std::vector<Token>().swap(room_->tokens);
    room_->in_use = false;
  }
  TokenScratch(const TokenScratch&) = delete;
  TokenScratch& operator=(const TokenScratch&) = delete;
  std::vector<Token>& get() noexcept { return room_ ? room_->tokens : *own_; }

 private:
  static constexpr std::size_t kMaxKept = 1024;
  static_assert(std::is_trivially_destructible_v<Token>, "the tokens left in the room until the next line own nothing");
  struct Room {
    std::vector<Token> tokens;
    bool in_use = false;  // a parse of this thread is using `tokens`
  };
  static Room& room() {
    thread_local Room r;
    return r;
  }
  Room* room_;                              // the thread's room, or null where a nested parse uses `own_`
  std::unique_ptr<std::vector<Token>> own_;
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
  out.text.append(line);  // (copied into the result's own, empty, string: no temporary moved in; append, not assign: no _M_replace)
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
