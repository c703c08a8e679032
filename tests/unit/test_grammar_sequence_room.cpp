// sequence()'s walk state (grammar/src/lower_sequence.hpp) is kept with its vectors at its nesting level, per thread
// (lower.cpp's SequenceRoom), and made ready for each walk by SequenceState::begin_walk, not built and destroyed per
// walk. Its oracle is the state the constructor builds: a state used in every member (as the walk's steps leave
// it), made ready, must equal a fresh one in every member. And lines whose walks set each member (a status word,
// a window and its event, calendar bounds, parentheses, a lead-in that ends the walk) read the same after any other
// of them on one thread as each on a thread of its own, whose rooms no walk used.
#include <doctest/doctest.h>

#include <cstddef>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_sequence.hpp"
#include "../../grammar/src/tokens.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace {

struct Vectors {
  std::vector<g::detail::Item> items;
  std::vector<g::detail::Conn> conns;
  std::vector<bool> text_has_or;
  std::vector<int> depth_at;
};

// Every member but the vectors' references, compared one by one.
void check_same(const g::detail::SequenceState& made_ready, const g::detail::SequenceState& fresh) {
  CHECK(made_ready.toks.data() == fresh.toks.data());
  CHECK(made_ready.toks.size() == fresh.toks.size());
  CHECK(made_ready.b == fresh.b);
  CHECK(made_ready.e == fresh.e);
  CHECK(made_ready.depth == fresh.depth);
  CHECK(made_ready.parenthesis == fresh.parenthesis);
  CHECK(made_ready.depths_made == fresh.depths_made);
  CHECK(made_ready.pending == fresh.pending);
  CHECK(made_ready.active == fresh.active);
  CHECK(made_ready.active_used == fresh.active_used);
  CHECK(made_ready.last_event == fresh.last_event);
  CHECK(made_ready.pending_within == fresh.pending_within);
  CHECK(made_ready.pending_used == fresh.pending_used);
  CHECK(made_ready.pending_before == fresh.pending_before);
  CHECK(made_ready.window_from == fresh.window_from);
  CHECK(made_ready.dates_from == fresh.dates_from);
  CHECK(made_ready.result.has_value() == fresh.result.has_value());
}

struct Case {
  std::string line;
  g::CriterionSection section;
};

// What a parse gives, in a form to compare.
std::string reading(const g::ParsedCriterion& p) {
  std::string out = p.text + "\n" + e::to_canonical(p.tree) + "\n" + p.people_heading;
  for (const e::Diagnostic& d : p.diagnostics)
    out += "\n" + d.message + " " + std::to_string(d.begin) + "-" + std::to_string(d.end);
  return out;
}

}  // namespace

// (The state's members as this test knows them: a member added must be set by begin_walk and compared above.)
static_assert(sizeof(g::detail::SequenceState) == 400, "a member added to SequenceState: set it in begin_walk too");

TEST_CASE("a walk state made ready is the state the constructor makes") {
  const std::vector<g::Token> toks(12);
  const std::vector<g::Token> other_toks(30);
  Vectors v;
  const g::detail::SequenceState fresh(std::span<const g::Token>(toks), 2, 9, 1, v.items, v.conns, v.text_has_or,
                                       v.depth_at);
  Vectors w;
  g::detail::SequenceState used(std::span<const g::Token>(other_toks), 5, 30, 3, w.items, w.conns, w.text_has_or,
                                w.depth_at);
  // Every member as a walk's steps may leave it.
  used.parenthesis = true;
  used.depths_made = true;
  used.pending = g::detail::Conn::or_;
  used.active = true;
  used.active_used = true;
  used.last_event = 7;
  used.pending_within = e::Amount{6, "months"};
  used.pending_used = true;
  used.pending_before = "surgery of the hip, a long phrase that no string keeps in place";
  used.window_from = 3;
  used.dates_from = 4;
  used.result = e::make_text("kept as text", e::TextReason::not_understood, {0, 12});
  used.begin_walk(std::span<const g::Token>(toks), 2, 9, 1);
  check_same(used, fresh);
  // Its vectors are still its own.
  CHECK(&used.items == &w.items);
  CHECK(&used.depth_at == &w.depth_at);
}

TEST_CASE("lines whose walks set each member of the state read the same after one another as each alone") {
  const g::Parser parser(e::Lexicon::builtin());
  std::vector<Case> all;
  for (const char* line : {
           "Currently receiving chemotherapy or radiotherapy",                     // a status word (active)
           "Active hepatitis B, and other liver disease",                           // active_used past an event
           "Myocardial infarction within 6 months before enrollment",               // a window and its before
           "Within 3 months prior to screening: surgery or chemotherapy",           // a window before its events
           "Within 6 months, unless treated",                                       // a window timing nothing
           "Myocardial infarction between 2010 and 2015",                           // calendar bounds
           "Chemotherapy since 2010, stroke after 1 March 2018",                    // dates_from past an item
           "Surgery (robotic or laparoscopic) for cancer",                          // the depths made
           "Use dietary supplements (vitamins, minerals, probiotics)",              // a status past a bracket
           "Any of the following: diabetes, hypertension",                          // a lead-in that ends the walk
           "History of stroke, i.e. transient ischemic attack",                     // a restating comma
           "Non-smoker and type 1 or 2 diabetes",                                   // last_event
           "HbA1c > 7% or fasting glucose >= 126 mg/dL",                            // typed items and connectors
           "Pregnant or breastfeeding women",                                       //
       })
    for (const auto section : {g::CriterionSection::inclusion, g::CriterionSection::exclusion})
      all.push_back({line, section});

  // The oracle: each line on a fresh thread (a new thread's rooms are unused).
  std::vector<std::string> fresh(all.size());
  for (std::size_t k = 0; k < all.size(); ++k)
    std::thread([&, k] { fresh[k] = reading(parser.parse(all[k].line, all[k].section)); }).join();

  // Each line right after each other line, on one thread of its own (its rooms used by that line only).
  std::size_t compared = 0;
  for (std::size_t before = 0; before < all.size(); ++before)
    std::thread([&, before] {
      for (std::size_t k = 0; k < all.size(); ++k, ++compared) {
        (void)parser.parse(all[before].line, all[before].section);
        CHECK(reading(parser.parse(all[k].line, all[k].section)) == fresh[k]);
      }
    }).join();
  CHECK(compared == all.size() * all.size());
}
