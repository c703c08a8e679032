// Hostile criterion text (issue 7): parsed or refused within a second or two, never a stack overflow,
// a hang or an exception; what is refused stays a visible `text` node with an error saying why.
#include <doctest/doctest.h>

#include <ctime>

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "trialmatch/engine/limits.hpp"
#include "trialmatch/engine/predicate_json.hpp"
#include "trialmatch/grammar/parser.hpp"

using trialmatch::engine::Lexicon;
using trialmatch::engine::Severity;
using trialmatch::grammar::CriterionSection;
using trialmatch::grammar::ParsedCriterion;
using trialmatch::grammar::Parser;
namespace limits = trialmatch::engine::limits;

namespace {

const Parser& parser() {
  static const Parser p(Lexicon::builtin());
  return p;
}

// "A second or two" holds for an optimised build; unoptimised and sanitised builds run the grammar many
// times slower, so there the bound only catches a hang.
// Unoptimised builds also read shorter lines (the whole line limit where optimised), to keep the suite quick.
#ifdef NDEBUG
constexpr double allowed_seconds = 2;
constexpr std::size_t within_limit_bytes = trialmatch::engine::limits::max_criterion_bytes - 64;
#else
constexpr double allowed_seconds = 60;
constexpr std::size_t within_limit_bytes = 2048;
#endif

struct Timed {
  ParsedCriterion parsed;
  double seconds = 0;
};

Timed timed_parse(const std::string& line, CriterionSection section = CriterionSection::inclusion) {
  const std::clock_t start = std::clock();  // CPU time: other processes on the machine do not count
  Timed t{parser().parse(line, section), 0};
  t.seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  return t;
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

bool refused_as_too_long(const ParsedCriterion& p) {
  return std::holds_alternative<trialmatch::engine::Text>(p.tree.kind) && p.diagnostics.size() == 1 &&
         p.diagnostics[0].severity == Severity::error &&
         p.diagnostics[0].message.find("is longer than the limit of 65536; kept as text") != std::string::npos;
}

}  // namespace

TEST_CASE("hostile criterion lines of the issue: refused by the line limit at once") {
  struct Case {
    const char* name;
    std::string line;
  };
  const Case cases[] = {
      {"a 5 MB line", repeat("Platelets >= 100 x 10^9/L and ", 5 * 1024 * 1024 / 30)},
      {"100,000 nested parentheses", std::string(100000, '(') + "ALT > 3 x ULN" + std::string(100000, ')')},
      {"200,000 comparators in a row", "Age " + std::string(200000, '>') + " 18 years"},
      {"200,000 comparators with numbers", "ALT " + repeat("<= 3 ", 200000)},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const Timed t = timed_parse(c.line);
    CHECK(refused_as_too_long(t.parsed));
    CHECK(t.parsed.text.size() == c.line.size());
    CHECK(t.seconds < allowed_seconds);
  }
}

TEST_CASE("hostile criterion lines within the line limit: parsed or kept as text, no overflow, in time") {
  const std::size_t room = within_limit_bytes;
  struct Case {
    const char* name;
    std::string line;
  };
  const Case cases[] = {
      {"nested parentheses to the line limit", std::string(room / 2, '(') + "ALT > 3" + std::string(room / 2, ')')},
      {"unbalanced parentheses", std::string(room, '(')},
      {"closing parentheses only", std::string(room, ')')},
      {"comparators to the line limit", "Age " + std::string(room, '<') + " 18"},
      {"multi-byte comparators", "Age " + repeat("≤", room / 3) + " 18"},
      {"a chain of comparisons", "ALT " + repeat("> 3 ", room / 4)},
      {"a list of conditions", repeat("HIV, ", room / 5) + "HIV"},
      {"conjunctions", repeat("ALT > 3 x ULN and ", room / 18)},
      {"numbers", repeat("1.", room / 2)},
      {"guards", repeat("if female, ", room / 11) + "pregnant"},
      {"one long word", std::string(room, 'x')},
      {"invalid UTF-8", repeat("\xff\xfe ", room / 3)},
      {"NUL bytes", std::string(room, '\0')},
  };
  for (const auto section : {CriterionSection::inclusion, CriterionSection::exclusion}) {
    for (const Case& c : cases) {
      CAPTURE(c.name);
      CAPTURE(static_cast<int>(section));
      REQUIRE(c.line.size() <= limits::max_criterion_bytes);
      Timed t;
      CHECK_NOTHROW(t = timed_parse(c.line, section));
      CHECK(t.seconds < allowed_seconds);
      if (t.seconds > allowed_seconds / 4) MESSAGE(std::string(c.name) << ": " << t.seconds << " s");
      CHECK(t.parsed.text == c.line);
      for (const auto& d : t.parsed.diagnostics) CHECK(d.end <= c.line.size());
      CHECK_NOTHROW((void)trialmatch::engine::to_json(t.parsed.tree).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  }
}

TEST_CASE("the parser's limits are the ones stated in limits.hpp") {
  const trialmatch::grammar::ParserOptions options;
  CHECK(options.max_line_bytes == limits::max_criterion_bytes);
  CHECK(options.max_depth == limits::max_criterion_depth);
  const std::string at_limit = "ALT > 3 x ULN" + std::string(limits::max_criterion_bytes - 13, ' ');
  CHECK_FALSE(refused_as_too_long(parser().parse(at_limit)));
  CHECK(refused_as_too_long(parser().parse(at_limit + " ")));
}

// fuzz_criterion crash-f3a8a079 (2026-11-22): a score's class number beyond int is cast to int in
// grammar/src/lower_class.cpp (Lowering::class_value), undefined behaviour that UBSan stops on. Skipped
// until class_value checks the range before the cast; then remove the skip.
TEST_CASE("hostile criterion: a score value beyond int is no class number") {
  for (const std::string line : {"ECOG 777777777777777777777777777777777777777", "ECOG = 7777777777777777777777777777777777777777",
                                 "NYHA class 99999999999"}) {
    CAPTURE(line);
    CHECK_NOTHROW((void)parser().parse(line));
  }
}
