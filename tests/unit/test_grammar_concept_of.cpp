// Lowering::concept_of (grammar/src/lower.cpp) answers an id first from the concepts the line made events of, then
// from the lexicon: its answer must be lexicon.find's for any id, asked after a line is lowered (the concepts noted,
// fewer than its array holds and more). The ids of every token and event of the golden lines, the lines' words, and
// near misses of the ids (a byte more, a byte less, another case).
#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

void collect_ids(const e::Node& n, std::vector<std::string>& out) {
  if (const auto* h = std::get_if<e::Has>(&n.kind)) out.push_back(h->concept_id.str());
  else if (const auto* c = std::get_if<e::Cmp>(&n.kind)) out.push_back(c->var);
  else if (const auto* a = std::get_if<e::All>(&n.kind))
    for (const auto& x : a->args) collect_ids(x, out);
  else if (const auto* o = std::get_if<e::Any>(&n.kind))
    for (const auto& x : o->args) collect_ids(x, out);
  else if (const auto* no = std::get_if<e::Not>(&n.kind)) collect_ids(*no->arg, out);
  else if (const auto* i = std::get_if<e::If>(&n.kind)) {
    collect_ids(*i->cond, out);
    collect_ids(*i->then, out);
  }
}

}  // namespace

TEST_CASE("concept_of gives lexicon.find's concept for every id, whatever the line noted") {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  // Lines of many events: more concepts than the noted ones' array holds.
  for (std::size_t k = 0; k + 40 <= lines.size() && k < 4000; k += 400) {
    std::string joined;
    for (std::size_t j = k; j < k + 40; ++j) joined += lines[j] + "; ";
    lines.push_back(joined);
  }
  long asked = 0, found = 0;
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    e::Diagnostics diags;
    g::detail::Lowering lowering(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
    e::Node tree;
    lowering.line(tree);
    std::vector<std::string> ids;
    collect_ids(tree, ids);
    for (const auto& t : tokens) {
      if (t.entry != nullptr) ids.push_back(t.entry->id);
      ids.emplace_back(text.substr(t.begin, t.end - t.begin));
    }
    const std::size_t exact = ids.size();
    for (std::size_t k = 0; k < exact; ++k) {
      const std::string id = ids[k];
      if (id.empty()) continue;
      ids.push_back(id + "x");
      ids.push_back(id.substr(0, id.size() - 1));
      std::string upper = id;
      for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      ids.push_back(upper);
    }
    ids.emplace_back();
    for (const std::string& id : ids) {
      CAPTURE(text);
      CAPTURE(id);
      const e::Concept* expected = lexicon.find(id);
      CHECK(lowering.concept_of(id) == expected);
      ++asked;
      found += expected != nullptr;
    }
  }
  CHECK(found > 5000);
  MESSAGE("ids asked: ", asked, ", found ", found);
}

// age_concept (grammar/src/lower_cmp.cpp) keeps the concept of id "age" for the thread: asked of lexicons one after
// another (with the concept at other places, without it, one built where another was freed), each gives its own.
TEST_CASE("age_concept gives lexicon.find(\"age\") of the lexicon asked, whichever was asked before") {
  const e::Lexicon& builtin = e::Lexicon::builtin();
  REQUIRE(builtin.find("age") != nullptr);
  const char* texts[] = {
      R"({"concepts": [{"id": "age", "kind": "demographic", "names": ["age"], "unit": "a"}]})",
      R"({"concepts": [{"id": "pregnancy", "kind": "condition", "names": ["pregnancy"]},
                       {"id": "age", "kind": "demographic", "names": ["age"], "unit": "a"}]})",
      R"({"concepts": [{"id": "pregnancy", "kind": "condition", "names": ["pregnancy"]}]})",
      R"({"concepts": [{"id": "aged", "kind": "demographic", "names": ["aged"], "unit": "a"}]})",
  };
  for (int round = 0; round < 3; ++round) {
    CHECK(g::detail::age_concept(builtin) == builtin.find("age"));
    for (const char* text : texts) {
      const e::Lexicon lexicon = e::Lexicon::from_json(text);
      CAPTURE(text);
      CHECK(g::detail::age_concept(lexicon) == lexicon.find("age"));
      CHECK(g::detail::age_concept(lexicon) == lexicon.find("age"));
      CHECK(g::detail::age_concept(builtin) == builtin.find("age"));
    }
  }
}
