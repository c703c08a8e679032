// The tokenizer's working vectors (tokens.cpp, Scratch: the recorder's room and the names found) are the thread's,
// lent to each line's recorder and state and used in place, where they were swapped in and given back before. What
// a line leaves in them (records, names) must not reach the next line. The oracle is a line tokenized with vectors
// that hold nothing yet (a fresh thread's, as the swapped-in vectors of a first line were), against the same line
// tokenized on one thread right after every other golden line and after a line that fills the vectors.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "../../grammar/src/custom_rules.hpp"
#include "../../grammar/src/tokens.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "golden_support.hpp"

namespace g = trialmatch::grammar;
using trialmatch::engine::Lexicon;

namespace {

// A token's every field as text (a unit is a view into the thread's store of kept strings, which a thread's end
// frees: the oracle's threads hand their tokens over as this).
std::string described(const g::Token& t) {
  const g::Quantity& q = t.quantity;
  std::ostringstream out;
  out << static_cast<int>(t.kind) << ' ' << static_cast<int>(t.cmp) << ' ' << t.begin << ' ' << t.end << ' '
      << static_cast<const void*>(t.entry) << ' ' << t.first_day.time_since_epoch().count() << ' '
      << t.last_day.time_since_epoch().count() << " | " << q.value << " [" << std::string_view(q.unit) << "] ["
      << std::string_view(q.unit_spelling) << "] " << static_cast<int>(q.relative_to) << q.unit_unknown << q.plus
      << q.above << ' ' << q.ten_power << ' ' << q.unit_begin << ' ' << q.unit_end;
  return out.str();
}

std::vector<std::string> described(const std::vector<g::Token>& tokens) {
  std::vector<std::string> out;
  for (const g::Token& t : tokens) out.push_back(described(t));
  return out;
}

}  // namespace

TEST_CASE("a line's tokens are the same whatever lines the thread's working vectors served before") {
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  lines.emplace_back("");
  // Many names, quantities and nested records: it leaves the vectors fuller than most lines need.
  std::string filler;
  for (int i = 0; i < 12; ++i)
    filler += "history of diabetes mellitus, hypertension or asthma; platelets >= 100 x 10^9/L (ULN); 18 years (yrs); ";
  // The oracle: each line with vectors that hold nothing yet (a thread of its own).
  std::vector<std::vector<std::string>> fresh(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i)
    std::thread([&, i] {
      std::vector<g::Token> tokens;
      g::tokenize(lines[i], lexicon, tokens, tables.get());
      fresh[i] = described(tokens);
    }).join();
  std::size_t names = 0, compared = 0;
  std::vector<g::Token> after_previous, after_filler, as_view;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    g::tokenize(lines[i], lexicon, after_previous, tables.get());  // right after line i - 1
    g::tokenize(filler, lexicon, after_filler, tables.get());
    g::tokenize(lines[i], lexicon, after_filler, tables.get());  // right after the filler, into its tokens
    g::tokenize(filler, lexicon, as_view, tables.get());
    g::tokenize(std::string_view(lines[i]), lexicon, as_view, tables.get());  // the view's form (no NUL after it)
    for (const auto* tokens : {&after_previous, &after_filler, &as_view}) {
      ++compared;
      if (described(*tokens) != fresh[i]) {
        CAPTURE(lines[i]);
        FAIL("a line's tokens depend on the lines tokenized before it");
      }
    }
    for (const g::Token& t : after_previous) names += t.kind == g::Tok::name;
  }
  CHECK(compared > 3000);
  CHECK(names > 1000);  // (the names found are what a line could take from the one before)
}

TEST_CASE("a state lent the vector of names found starts with none, and keeps what the rule finds in it") {
  const Lexicon& lexicon = Lexicon::builtin();
  const std::string line = "diabetes";
  const trialmatch::engine::Concept* const diabetes = g::GrammarState{line, &lexicon}.name_found_at(0);
  REQUIRE(diabetes != nullptr);
  // A vector that holds a name found at the same position in another line.
  g::NamesFound names{{0, nullptr}, {0, nullptr}};
  g::GrammarState lent{line, &lexicon, names};
  CHECK(names.empty());
  CHECK(lent.name_found_at(0) == diabetes);  // looked up again, not the other line's
  lent.names_found->emplace_back(0, diabetes);
  CHECK(names.size() == 1);  // in the lent vector
  g::GrammarState own{line, &lexicon};
  CHECK(own.names_found->empty());
  CHECK(own.name_found_at(0) == diabetes);
}
