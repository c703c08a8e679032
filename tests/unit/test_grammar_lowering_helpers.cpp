// Helpers the lowering uses to go faster, against the plain forms they replace: same_canonical against
// comparing canonical strings, the not-understood warning written late against the message it had,
// resolve_unit's per-thread cache against reading each spelling afresh, and the ASCII word tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_util.hpp"
#include "../../grammar/src/units_read.hpp"
#include "golden_support.hpp"
#include "tree_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

std::vector<std::string> golden_lines() { return golden_support::criterion_lines({"bounds", "constructions", "lct_registry", "seeds", "unlisted", "windows"}); }

const g::Parser& parser() {
  static const g::Parser p(e::Lexicon::builtin());
  return p;
}

using tree_support::cmp;

}  // namespace

TEST_CASE("same_canonical: agrees with comparing canonical strings on every pair of golden subtrees") {
  std::vector<e::Node> nodes;
  for (const auto& line : golden_lines()) {
    tree_support::collect_subtrees(parser().parse(line).tree, nodes);
    tree_support::collect_subtrees(parser().parse(line, g::CriterionSection::exclusion).tree, nodes);
  }
  REQUIRE(nodes.size() > 1000);
  std::vector<std::string> canonical;
  for (const auto& n : nodes) canonical.push_back(e::to_canonical(n));
  // Every node against its neighbours in a window (equal forms sit near each other: a line read twice).
  std::size_t equal = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    for (std::size_t j = i; j < nodes.size() && j < i + 300; ++j) {
      const bool same = canonical[i] == canonical[j];
      equal += same && i != j ? 1 : 0;
      if (e::same_canonical(nodes[i], nodes[j]) != same) FAIL_CHECK(canonical[i] << " vs " << canonical[j]);
    }
  CHECK(equal > 100);
}

TEST_CASE("same_canonical: what the canonical form shows and what it leaves out") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<e::Node> nodes = {
      cmp("alt", 3, ""), cmp("alt", 3, "?"), cmp("alt", 3, "ULN"), cmp("alt", 0, "1"), cmp("alt", -0.0, "1"),
      cmp("alt", nan, "1"), cmp("alt", -nan, "1"), cmp("alt", 0.1, "1"), cmp("alt", 0.1000000001, "1"),
      // Delimiters inside bare fields: compared by the strings.
      cmp("a b", 1, "c"), cmp("a", 1, "b c"), cmp("a(", 1, "x"), cmp("\"q\"", 1, "1"),
      e::make_text("x", e::TextReason::judgement), e::make_text("x", e::TextReason::not_understood),
      e::make_text("x", static_cast<e::TextReason>(7)), e::Node{e::Sex{"female"}, {}}, e::Node{e::Sex{"female x"}, {}}};
  std::vector<e::Node> all = nodes;
  {
    e::Cmp c = std::get<e::Cmp>(cmp("alt", 3, "").kind);
    c.relative_to = e::RelativeTo::uln;
    all.push_back(e::Node{c, {}});
    c.loinc = "1742-6";  // not in the canonical form
    all.push_back(e::Node{c, {4, 9}});
    c.name = "q";  // the quoted name stands for the variable
    all.push_back(e::Node{c, {}});
    c.var = "other";
    all.push_back(e::Node{c, {}});
    c.within = e::Amount{6, "mo"};
    all.push_back(e::Node{c, {}});
    c.within = e::Amount{6, "mo x"};
    all.push_back(e::Node{c, {}});
  }
  {
    e::Has h;
    h.concept_id = "stroke";
    all.push_back(e::Node{h, {}});
    h.codes["snomed"] = "230690007";
    all.push_back(e::Node{h, {1, 2}});
    for (const char* status : {"active", "active within"}) {
      h.status = status;
      all.push_back(e::Node{h, {}});
    }
    h.before = "screening";
    all.push_back(e::Node{h, {}});
    h.except = "minor";
    all.push_back(e::Node{h, {}});
    h.name = "q";
    all.push_back(e::Node{h, {}});
  }
  const std::size_t leaves = all.size();
  for (std::size_t i = 0; i + 1 < leaves; ++i) {
    all.push_back(e::make_all({all[i], all[i + 1]}));
    all.push_back(e::make_any({all[i], all[i + 1]}));
    all.push_back(e::make_any({all[i]}));
    all.push_back(e::make_not(all[i]));
    all.push_back(e::make_if(all[i], all[i + 1]));
  }
  for (const auto& a : all)
    for (const auto& b : all) {
      const std::string ca = e::to_canonical(a), cb = e::to_canonical(b);
      CAPTURE(ca);
      CAPTURE(cb);
      CHECK(e::same_canonical(a, b) == (ca == cb));
    }
}

TEST_CASE("lowering: a not-understood warning written late says what it said when written at once") {
  const auto parsed = parser().parse("Subjects who are wombats (see appendix)");
  REQUIRE(!parsed.diagnostics.empty());
  // As the binary before the change wrote it (lead-in words are neutral, so the text starts at "wombats").
  CHECK(parsed.diagnostics.front().message == "not understood, kept as text: 'wombats (see appendix)'");
  CHECK(parsed.diagnostics.front().begin == 17);
  CHECK(parsed.diagnostics.front().end == 39);
  CHECK(g::detail::not_understood_message("a 'b'") == "not understood, kept as text: 'a 'b''");
  std::size_t written = 0;
  for (const auto& line : golden_lines())
    for (const auto section : {g::CriterionSection::unspecified, g::CriterionSection::exclusion}) {
      const auto p = parser().parse(line, section);
      for (const auto& d : p.diagnostics) {
        CAPTURE(line);
        CHECK(!d.message.empty());
        if (d.message.rfind("not understood, kept as text: '", 0) != 0) continue;
        ++written;
        const std::string_view span = std::string_view(p.text).substr(d.begin, d.end - d.begin);
        CHECK(d.message == "not understood, kept as text: '" + g::detail::trim(span) + "'");
      }
    }
  CHECK(written > 50);
}

TEST_CASE("resolve_unit: the per-thread cache answers as a fresh read, also past its bound") {
  CHECK(g::resolve_unit("mg/dl") == std::optional<std::string>("mg/dL"));
  CHECK(g::resolve_unit("(mol/L)") == std::optional<std::string>("mol/L"));
  CHECK(g::resolve_unit("/L", 9) == std::optional<std::string>("10*9/L"));
  CHECK(g::resolve_unit("/L") == std::optional<std::string>("/L"));
  CHECK(!g::resolve_unit("and"));
  CHECK(!g::resolve_unit("mg", 9));  // a power of ten only before a count's "/"
  std::vector<std::pair<std::string, std::optional<std::string>>> first;
  for (int i = 0; i < 5000; ++i) {  // more spellings than the cache keeps
    const std::string s = i % 3 == 0 ? std::to_string(i) + "/L" : i % 3 == 1 ? "mg/" + std::to_string(i) : "x" + std::to_string(i);
    first.emplace_back(s, g::resolve_unit(s));
  }
  for (const auto& [s, u] : first) {
    CAPTURE(s);
    CHECK(g::resolve_unit(s) == u);
  }
  CHECK(g::resolve_unit("mg/dl") == std::optional<std::string>("mg/dL"));
}

TEST_CASE("resolve_unit and kept: a code is a view that outlives the cache's clears (a Token's unit points at it)") {
  const std::optional<std::string_view> mg = g::resolve_unit("mg/dl"), count = g::resolve_unit("/L", 9);
  for (int i = 0; i < 5000; ++i) (void)g::resolve_unit("y" + std::to_string(i));  // past the cache's bound: cleared
  CHECK(mg == std::optional<std::string_view>("mg/dL"));
  CHECK(count == std::optional<std::string_view>("10*9/L"));
  const std::string made = "{cigarettes}/d";
  const std::string_view copy = g::kept(made);
  CHECK(copy == made);
  CHECK(copy.data() != made.data());                      // a copy, not the caller's string
  CHECK(g::kept(std::string(made)).data() == copy.data());  // each distinct string once
}

TEST_CASE("kept: the store is bounded over a long run of parses, and what was read stays right") {
  // Every line makes a distinct code ("10*1234/L"): kept() once held each for the thread's life, so a
  // service parsing for days grew without bound. The outermost parse now empties a store past its bound.
  const std::string probe = "Platelets >= 100 x 10^9/L";
  const std::string before = e::to_canonical(parser().parse(probe).tree);
  CHECK(before.find("10*9/L") != std::string::npos);
  for (int i = 10; i < 10 + 3 * static_cast<int>(g::kMaxKeptStrings); ++i) {
    const std::string line = "Platelets >= 100 x 10^" + std::to_string(i) + "/L";
    const auto parsed = parser().parse(line);
    std::string read = e::to_canonical(parsed.tree);  // the code, in the tree or in why it is text ("outside the
    for (const auto& d : parsed.diagnostics) read += d.message;  // plausible range")
    CAPTURE(line);
    CHECK(read.find("10*" + std::to_string(i) + "/L") != std::string::npos);
    CHECK(g::kept_strings() <= g::kMaxKeptStrings + 8);  // past the bound by at most one line's strings
  }
  CHECK(e::to_canonical(parser().parse(probe).tree) == before);  // read afresh after the store was emptied
  // Within a parse (and a nested one) nothing is released: a view taken in the scope stays valid.
  {
    const g::KeptScope outer;
    const std::string_view code = g::kept("10*77777/L");
    for (int i = 0; i < 2 * static_cast<int>(g::kMaxKeptStrings); ++i) {
      const g::KeptScope inner;
      (void)g::kept("{k" + std::to_string(i) + "}/d");
    }
    CHECK(code == "10*77777/L");
    CHECK(g::kept_strings() > g::kMaxKeptStrings);
  }
  CHECK(g::kept_strings() == 0);
}

TEST_CASE("lowering: ASCII word tests ignore case without allocating") {
  using g::detail::iequals;
  CHECK(iequals("Grade", "grade"));
  CHECK(iequals("GRADE", "grade"));
  CHECK(!iequals("grades", "grade"));
  CHECK(!iequals("gr\xC3\xA9", "gre"));
  static constexpr std::string_view words[] = {"with", "without"};
  CHECK(g::detail::one_of("WITHOUT", words));
  CHECK(!g::detail::one_of("within", words));
  CHECK(g::detail::trim_view(" ,a b.; ") == "a b");
  CHECK(g::detail::trim_view(" ,.") == "");
}

TEST_CASE("lowering: a WordList answers as one_of over the same words") {
  static constexpr std::string_view words[] = {"the", "a", "i.e.", "with", "contraindications", "3d", "\xC3\xA9t\xC3\xA9"};
  static constexpr g::detail::WordList list(words);
  const std::vector<std::string> probes = {"", "a", "A", "b", "the", "THE", "thE", "they", "th", "i.e.", "I.E.", "i.e",
                                           "with", "WITH", "wit", "within", "contraindications", "CONTRAINDICATIONS",
                                           "contraindication", "3d", "3D", "4d", "\xC3\xA9t\xC3\xA9", "\xC3\x89t\xC3\xA9",
                                           std::string(70, 'a'), "@", "[", "`", "{"};
  for (const auto& p : probes) {
    CAPTURE(p);
    CHECK(list.contains(p) == g::detail::one_of(p, words));
  }
  // Every word of the golden lines, against a longer list.
  static constexpr std::string_view heads[] = {"allergy", "family", "risk", "planned", "scheduled", "fear", "x"};
  static constexpr g::detail::WordList head_list(heads);
  std::size_t found = 0;
  for (const auto& line : golden_lines())
    for (std::size_t p = 0; p < line.size();) {
      std::size_t q = line.find(' ', p);
      if (q == std::string::npos) q = line.size();
      const std::string_view w = std::string_view(line).substr(p, q - p);
      CHECK(head_list.contains(w) == g::detail::one_of(w, heads));
      found += head_list.contains(w) ? 1 : 0;
      p = q + 1;
    }
  CHECK(found > 0);
}

// lowerspeed24: join (lower_util.hpp) asks the kinds of two nodes before same_canonical's call. Against the join it
// replaces (nodes compared by canonical strings, the first of equals kept, then joined and flattened as join does),
// on runs of golden subtrees of mixed kinds with repeats: the same tree.
TEST_CASE("join: keeping the first of equal nodes agrees with comparing canonical strings") {
  std::vector<e::Node> nodes;
  for (const auto& line : golden_lines())
    tree_support::collect_subtrees(parser().parse(line, g::CriterionSection::exclusion).tree, nodes);
  REQUIRE(nodes.size() > 1000);
  std::size_t dropped = 0, runs = 0, kinds_mixed = 0;
  for (std::size_t i = 0; i + 6 < nodes.size(); i += 3) {
    // Six neighbours (of several kinds) and two of them again.
    std::vector<e::Node> run(nodes.begin() + static_cast<std::ptrdiff_t>(i),
                             nodes.begin() + static_cast<std::ptrdiff_t>(i) + 6);
    run.push_back(nodes[i + 1]);
    run.push_back(nodes[i + 4]);
    std::vector<e::Node> kept;
    std::vector<std::string> seen;
    for (const auto& n : run) {
      std::string c = e::to_canonical(n);
      if (std::find(seen.begin(), seen.end(), c) != seen.end()) continue;
      seen.push_back(std::move(c));
      kept.push_back(n);
    }
    for (std::size_t k = 1; k < kept.size(); ++k) kinds_mixed += kept[k].kind.index() != kept[0].kind.index() ? 1 : 0;
    dropped += run.size() - kept.size();
    ++runs;
    for (const bool any : {false, true}) {
      const e::Node want = kept.size() == 1 ? kept.front()
                                            : g::detail::flatten(any ? e::make_any(kept) : e::make_all(kept));
      CHECK(e::to_canonical(g::detail::join(run, any, {})) == e::to_canonical(want));
    }
  }
  CHECK(runs > 300);
  CHECK(dropped >= 2 * runs);  // each run's two repeats, and the equal neighbours
  CHECK(kinds_mixed > runs);
}

// lowerspeed24: other_concepts (lower_util.hpp), join's test before same_canonical: where it says two events (or two
// comparisons) differ,
// their canonical strings differ, on every pair of golden subtrees in a window and on ids and names made to run into
// the fields after them; and it says so of most pairs of events of other concepts (else it saves nothing).
TEST_CASE("other_concepts: only events whose canonical forms differ") {
  std::vector<e::Node> nodes;
  for (const auto& line : golden_lines())
    tree_support::collect_subtrees(parser().parse(line, g::CriterionSection::exclusion).tree, nodes);
  const auto has = [](std::string id, std::string name, std::string status) {
    e::Has h;
    h.concept_id = std::move(id);
    if (!name.empty()) h.name = name;
    if (!status.empty()) h.status = status;
    return e::Node{std::move(h), {}};
  };
  // An id that runs on into the next field, a name with quotes and backslashes, a name beside an id.
  for (const auto& n : {has("x", "", "history"), has("x status history", "", ""), has("x status", "", "history"),
                        has("", "a\"b", ""), has("", "a\\", "\"b"), has("", "a", ""), has("\"a\"", "", ""),
                        has("y", "", "")})
    nodes.push_back(n);
  std::size_t events_differing = 0, told = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    for (std::size_t j = i; j < nodes.size() && j < i + 200; ++j) {
      const bool differ = e::to_canonical(nodes[i]) != e::to_canonical(nodes[j]);
      const bool said = g::detail::other_concepts(nodes[i], nodes[j]);
      if (said && !differ) FAIL_CHECK(e::to_canonical(nodes[i]) << " vs " << e::to_canonical(nodes[j]));
      const bool events = std::holds_alternative<e::Has>(nodes[i].kind) && std::holds_alternative<e::Has>(nodes[j].kind);
      events_differing += events && differ ? 1 : 0;
      told += said ? 1 : 0;
    }
  CHECK(told * 2 > events_differing);
  // The ones it must leave to same_canonical: an id the other runs on past, a name beside an id.
  CHECK_FALSE(g::detail::other_concepts(has("x", "", "history"), has("x status history", "", "")));
  CHECK_FALSE(g::detail::other_concepts(has("", "a", ""), has("\"a\"", "", "")));
  CHECK(g::detail::other_concepts(has("x", "", ""), has("y", "", "")));
  CHECK(g::detail::other_concepts(has("", "a\"b", ""), has("", "a\\", "\"b")));
  // Comparisons: the variable's id the same way ("x" and "x <" could read as one form: left alone).
  CHECK_FALSE(g::detail::other_concepts(cmp("x", 1, "kg"), cmp("x <", 1, "kg")));
  CHECK(g::detail::other_concepts(cmp("x", 1, "kg"), cmp("y", 1, "kg")));
  CHECK_FALSE(g::detail::other_concepts(cmp("x", 1, "kg"), has("y", "", "")));
  for (const auto& [a, b] : {std::pair{cmp("x", 1, "kg"), cmp("x <", 1, "kg")}, std::pair{cmp("ab", 2, "1"), cmp("ac", 2, "1")}})
    if (g::detail::other_concepts(a, b)) CHECK(e::to_canonical(a) != e::to_canonical(b));
}
