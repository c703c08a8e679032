// has_into (grammar/src/lower.cpp) makes its event in the node it is given, in place: where that node owns nothing
// (an item's node made empty) without destroying it, else after destroying what it held. Whatever the node held, the
// event must be the one the former construction made (the variant's emplace<Has>(), then the id assigned, and the
// status "active" where a word of the named span says so), with the span given. Every name token of the golden lines,
// alone and with the token before it, into an empty node, a text, a list, and another event.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

// has_into, a private member (Lowering's friend).
struct EventProbe {
  static void has_into(const Lowering& l, engine::Node& out, const engine::Concept& c, std::uint32_t b, std::uint32_t e) {
    l.has_into(out, c, b, e);
  }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::detail::EventProbe;
using g::detail::Lowering;

// The status the named words give, read plainly: a word is a letter and the letters and hyphens after it; "active",
// "current", "currently" or "ongoing" in any case gives "active", unless the concept's id says "active_" itself.
std::string status_of(std::string_view id, std::string_view named) {
  if (named.size() < 6 || id.starts_with("active_")) return {};
  const auto letter = [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); };
  for (std::size_t p = 0; p < named.size();) {
    if (!letter(named[p])) {
      ++p;
      continue;
    }
    std::string word;
    for (; p < named.size() && (letter(named[p]) || named[p] == '-'); ++p)
      word += static_cast<char>(named[p] >= 'A' && named[p] <= 'Z' ? named[p] - 'A' + 'a' : named[p]);
    if (word == "active" || word == "current" || word == "currently" || word == "ongoing") return "active";
  }
  return {};
}

// The former construction: the Has made by the variant's emplace (value-initialised), its id assigned after.
e::Node former_event(const e::Concept& c, std::uint32_t b, std::uint32_t end, std::string_view text) {
  e::Node out;
  e::Has& h = out.kind.emplace<e::Has>();
  out.span = {b, end};
  h.concept_id = c.id;
  h.status = status_of(c.id, text.substr(b, end - b));
  return out;
}

// What the node held before: nothing (an empty list, owning nothing), a text, a list of one, another event with codes.
e::Node held_before(std::size_t k) {
  switch (k) {
    case 0:
      return e::Node{};
    case 1:
      return e::make_text("held before, long enough to own its bytes", e::TextReason::not_understood, {1, 2});
    case 2: {
      std::vector<e::Node> one;
      one.push_back(e::make_text("held before", e::TextReason::not_understood, {1, 2}));
      return e::make_all(std::move(one), {3, 4});
    }
    default: {
      e::Node event;
      e::Has& h = event.kind.emplace<e::Has>();
      h.concept_id = "a_concept_id_longer_than_sixteen_bytes";
      h.codes.emplace("snomed", "123456789012345678");
      h.status = "history";
      return event;
    }
  }
}

}  // namespace

TEST_CASE("has_into makes the former event in a node whatever the node held") {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  std::vector<std::string> lines = golden_support::all_criterion_lines();
  // Names that carry a status word, in both cases and glued by a hyphen.
  lines.insert(lines.end(), {"Active malignancy", "CURRENT SMOKER", "currently pregnant", "ongoing-infection",
                             "No active infection", "Non-active hepatitis"});
  int events = 0, active = 0;
  for (const std::string& text : lines) {
    const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
    e::Diagnostics diags;
    const Lowering lowering(text, tokens, lexicon, 8, g::ListReading::all, g::PeopleHeadings::name_cohorts, diags);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].entry == nullptr) continue;
      const e::Concept& c = *tokens[i].entry;
      for (const std::uint32_t from : {tokens[i].begin, tokens[i > 0 ? i - 1 : i].begin}) {
        const e::Node expected = former_event(c, from, tokens[i].end, text);
        for (std::size_t k = 0; k < 4; ++k) {
          CAPTURE(text);
          CAPTURE(i);
          CAPTURE(k);
          e::Node node = held_before(k);
          EventProbe::has_into(lowering, node, c, from, tokens[i].end);
          CHECK(node == expected);
        }
        ++events;
        active += !std::get<e::Has>(expected.kind).status.empty();
      }
    }
  }
  // (Events of both kinds met: with a status word and without.)
  CHECK(events > 2000);
  CHECK(active > 20);
  MESSAGE("events: ", events, ", active ", active);
}
