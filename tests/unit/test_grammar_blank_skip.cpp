// The token line's blank skip (recorder.hpp, the `line` loop): where a NUL follows the line (a std::string's bytes,
// GrammarState::nul_after_text) it stops at that NUL and tests no end; elsewhere it tests the end at every byte. The
// oracle is the form that tests the end everywhere: the same text as a view of a longer buffer whose next bytes are
// blanks (no NUL after it), against the text as a std::string, at every prefix and suffix of the golden lines and of
// lines made of runs of blanks.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "../../grammar/src/tokens.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "golden_support.hpp"

namespace g = trialmatch::grammar;
using trialmatch::engine::Lexicon;

namespace {

bool same_tokens(const std::vector<g::Token>& a, const std::vector<g::Token>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].begin != b[i].begin || a[i].end != b[i].end) return false;
  return true;
}

// `text` tokenized as a std::string (a NUL after it) and as a view of a buffer that goes on with blanks and a word.
bool same_with_and_without_nul(std::string_view text, const Lexicon& lexicon, const g::TokenizerTables* tables) {
  const std::string buffer = std::string(text) + " \t\n x";
  std::vector<g::Token> bounded, terminated;
  g::tokenize(std::string_view(buffer).substr(0, text.size()), lexicon, bounded, tables);
  g::tokenize(std::string(text), lexicon, terminated, tables);
  return same_tokens(bounded, terminated);
}

}  // namespace

TEST_CASE("the blank skip reads the same where a NUL follows the line as where the end is tested") {
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  for (const char* made : {"", " ", "\t", "\n\r", "a", " a", "a ", "  a  b  ", "a\t\t", "5 mg  ", "(a) ", " \t\r\n "})
    lines.emplace_back(made);
  lines.push_back(std::string("a \0 b  ", 7));  // a NUL inside the text stops the skip as any other non-blank byte
  int texts = 0;
  for (const std::string& line : lines)
    for (std::size_t cut = 0; cut <= line.size(); ++cut) {
      // every prefix (the text ends where a run of blanks may go on in the buffer) and every suffix
      for (const std::string_view text : {std::string_view(line).substr(0, cut), std::string_view(line).substr(cut)}) {
        ++texts;
        for (const g::TokenizerTables* t : {tables.get(), static_cast<const g::TokenizerTables*>(nullptr)})
          if (!same_with_and_without_nul(text, lexicon, t)) {
            CAPTURE(text);
            FAIL("the tokens differ where a NUL follows the line");
          }
      }
    }
  CHECK(texts > 100000);
}
