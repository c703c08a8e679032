// The library keeps each trial's bound array (format 6 on), so loading binds no tree: what is loaded must be what
// binding the trial's criteria gives, and a damaged array or criteria block must be refused, never evaluated.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "../../matcher/src/library_codec.hpp"
#include "trialmatch/matcher/library.hpp"

using namespace trialmatch;
namespace fs = std::filesystem;
using engine::BoundTree;

namespace {

const fs::path fixtures = fs::path(TRIALMATCH_SOURCE_DIR) / "fixtures";

std::vector<matcher::CompiledTrial> fixture_trials() {
  const auto& lexicon = engine::Lexicon::builtin();
  const grammar::Parser parser(lexicon);
  std::vector<std::string> paths;
  for (const char* dir : {"seeds", "golden", "e2e"}) paths.push_back((fixtures / "trials" / dir).string());
  const auto loaded = matcher::load_compiled(paths, parser, lexicon, 2);
  REQUIRE(loaded.problems.empty());
  REQUIRE(loaded.trials.size() >= 15);
  return loaded.trials;
}

// The same array: nodes, text, and the unit each node reads (the slots may be numbered alike or not).
void check_same(const BoundTree& a, const BoundTree& b) {
  CHECK(a.lexicon() == b.lexicon());
  CHECK(a.trees() == b.trees());
  REQUIRE(a.nodes().size() == b.nodes().size());
  CHECK(a.all_text() == b.all_text());
  for (std::size_t i = 0; i < a.nodes().size(); ++i) {
    CAPTURE(i);
    BoundTree::Node x = a.nodes()[i], y = b.nodes()[i];
    REQUIRE((a.unit(x) == nullptr) == (b.unit(y) == nullptr));
    if (a.unit(x)) CHECK(*a.unit(x) == *b.unit(y));
    CHECK(a.factor(x) == b.factor(y));
    x.unit_slot = y.unit_slot = 0;
    CHECK(x == y);
  }
}

BoundTree bind_criteria(const matcher::CriterionList& criteria) {
  std::vector<std::pair<const engine::Node*, bool>> trees;
  for (const auto& c : criteria) trees.emplace_back(&c.tree, c.criterion.section == matcher::Section::exclusion);
  return BoundTree::bind_each(trees, engine::Lexicon::builtin());
}

}  // namespace

TEST_CASE("a loaded library's bound arrays are what binding its criteria gives, and it decodes no criterion") {
  const auto source = fixture_trials();
  const auto loaded = matcher::read_library(matcher::library_bytes(source), "fixtures.tmlib", 2);
  REQUIRE(loaded.problems.empty());
  REQUIRE(loaded.trials.size() == source.size());
  for (std::size_t i = 0; i < source.size(); ++i) {
    CAPTURE(source[i].trial.id);
    const matcher::CompiledTrial& t = loaded.trials[i];
    CHECK_FALSE(t.criteria.is_decoded());
    check_same(t.bound, source[i].bound);
    check_same(t.bound, bind_criteria(t.criteria));  // decodes the criteria: checked last
  }
}

TEST_CASE("a trial without a bound array (built by hand) is bound when written") {
  matcher::CompiledTrial t;
  t.trial.id = "H";
  matcher::CompiledCriterion c;
  engine::Cmp cmp;
  cmp.var = "hemoglobin";
  cmp.cmp = engine::Comparator::ge;
  cmp.value = 9;
  cmp.unit = "g/dL";
  c.tree = engine::Node{cmp, {}};
  t.criteria.push_back(c);
  c.criterion.section = matcher::Section::exclusion;
  c.tree = engine::Node{engine::Sex{"male"}, {}};
  t.criteria.push_back(c);
  REQUIRE(t.bound.trees() == 0);
  const auto loaded = matcher::read_library(matcher::library_bytes({t}), "hand.tmlib");
  REQUIRE(loaded.problems.empty());
  REQUIRE(loaded.trials.size() == 1);
  check_same(loaded.trials[0].bound, bind_criteria(t.criteria));
  CHECK(loaded.trials[0].bound.marked(loaded.trials[0].bound.next(0)));
  REQUIRE(loaded.trials[0].bound.unit(loaded.trials[0].bound.nodes()[0]));
  CHECK(loaded.trials[0].bound.unit(loaded.trials[0].bound.nodes()[0])->ucum == "g/dL");
}

TEST_CASE("assemble: a concept the lexicon no longer lists leaves its tree unbound; malformed arrays are refused") {
  const auto& lexicon = engine::Lexicon::builtin();
  engine::Cmp cmp;
  cmp.var = "platelets";
  cmp.cmp = engine::Comparator::ge;
  cmp.value = 100;
  cmp.unit = "10*9/L";
  engine::Has has;
  has.concept_id = "hiv_infection";
  const engine::Node a{cmp, {}};
  const engine::Node b{engine::All{{engine::Node{has, {}}, engine::Node{engine::Sex{"female"}, {}}}}, {}};
  const BoundTree bound = BoundTree::bind_each({{&a, false}, {&b, true}}, lexicon);
  REQUIRE(bound.bound(0));
  REQUIRE(bound.bound(1));
  const std::vector<std::optional<engine::units::Unit>> units{*bound.unit(bound.nodes()[0])};
  auto stored = [&] {
    std::vector<BoundTree::Node> nodes = bound.nodes();
    nodes[0].unit_slot = 1;  // the table's first unit
    return nodes;
  };
  check_same(BoundTree::assemble(stored(), bound.all_text(), units, lexicon), bound);

  SUBCASE("unlisted") {
    auto nodes = stored();
    nodes[2].concept_index = BoundTree::kNotListed;  // the has inside the second tree
    const BoundTree out = BoundTree::assemble(nodes, bound.all_text(), units, lexicon);
    CHECK(out.trees() == 2);
    CHECK(out.bound(0));
    CHECK_FALSE(out.bound(1));
    CHECK(out.marked(1));
    CHECK(out.nodes().size() == 2);
  }
  SUBCASE("an unreadable unit decides nothing, as when binding") {
    const std::vector<std::optional<engine::units::Unit>> unreadable{std::nullopt};
    const BoundTree out = BoundTree::assemble(stored(), bound.all_text(), unreadable, lexicon);
    CHECK(out.bound(0));
    CHECK(out.unit(out.nodes()[0]) == nullptr);
  }
  SUBCASE("malformed") {
    auto refused = [&](std::vector<BoundTree::Node> nodes) {
      CHECK_THROWS_AS(BoundTree::assemble(std::move(nodes), bound.all_text(), units, lexicon), std::invalid_argument);
    };
    auto nodes = stored();
    nodes[1].end = 5;  // the all ends past the array
    refused(nodes);
    nodes = stored();
    nodes[0].end = 2;  // a leaf with a child
    refused(nodes);
    nodes = stored();
    nodes[2].op = BoundTree::Op::unbound;  // unbound inside a tree
    refused(nodes);
    nodes = stored();
    nodes[2].concept_index = static_cast<std::uint32_t>(lexicon.concepts().size());
    refused(nodes);
    nodes = stored();
    nodes[0].unit_slot = 2;
    refused(nodes);
    nodes = stored();
    nodes[3].text_size = 200;  // the sex value outside the text
    refused(nodes);
    nodes = stored();
    nodes[1].end = 0;
    refused(nodes);
  }
}

TEST_CASE("loading checks a criteria block as decoding it would: the same bytes fail with the same message") {
  const auto source = fixture_trials();
  std::mt19937 random(7);
  std::size_t failed = 0, passed = 0;
  for (const auto& t : source) {
    const std::string block(t.criteria.block());
    REQUIRE_FALSE(block.empty());
    for (int attempt = 0; attempt < 300; ++attempt) {
      std::string bytes = block;
      if (attempt % 10 == 0) {
        bytes.resize(random() % bytes.size());
      } else {
        for (int k = 0; k < 1 + attempt % 3; ++k) bytes[random() % bytes.size()] = static_cast<char>(random() % 256);
      }
      std::string decoded, checked;
      try {
        matcher::codec::Reader r(bytes);
        (void)r.criteria();
        if (!r.done()) r.fail("expected the end", 0);
      } catch (const std::runtime_error& e) {
        decoded = e.what();
      }
      try {
        matcher::codec::Reader r(bytes);
        (void)r.check_criteria();
        if (!r.done()) r.fail("expected the end", 0);
      } catch (const std::runtime_error& e) {
        checked = e.what();
      }
      CAPTURE(attempt);
      CHECK(checked == decoded);
      (decoded.empty() ? passed : failed) += 1;
    }
  }
  CHECK(failed > 1000);
  CHECK(passed > 10);
}

TEST_CASE("a damaged bound array is reported with its record, not evaluated") {
  matcher::CompiledTrial t;
  t.trial.id = "B";
  matcher::CompiledCriterion c;
  c.tree = engine::Node{engine::Sex{"female"}, {}};
  t.criteria.push_back(c);
  std::string bytes = matcher::library_bytes({t});
  // Record: u32 length, id "B" (2 bytes), title, conditions, two amounts, sex, healthy, status, origin (1 byte
  // each when empty), then the bound array: node count 1, text "female", then the node: op, flags, size.
  const std::size_t node = bytes.find("female") + 6;
  REQUIRE(static_cast<BoundTree::Op>(bytes[node]) == BoundTree::Op::sex);
  SUBCASE("a subtree past the array") {
    bytes[node + 2] = 2;
    const auto loaded = matcher::read_library(bytes, "b.tmlib");
    CHECK(loaded.trials.empty());
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].message.find("the bound array") != std::string::npos);
  }
  SUBCASE("a node kind out of range") {
    bytes[node] = 11;
    const auto loaded = matcher::read_library(bytes, "b.tmlib");
    CHECK(loaded.trials.empty());
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].message.find("expected a bound node kind (0 to 10), found 11") != std::string::npos);
  }
}
