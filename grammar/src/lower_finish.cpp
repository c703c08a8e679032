// The line's tree once line() has read it: two bounds no value meets together separated (lower_disjoint.cpp), each
// event's start marked (lower_onset.cpp, lower_state_onset.cpp). Each was a walk of the whole tree of its own, paid
// by every line; most trees are one node or a few, and the walks' calls cost more than their tests. One walk now:
// at an `all` its parts are finished first (marked, and separated below it), then its own pairs are separated, as
// separate_disjoint_bounds does bottom up; an event is marked where the walk meets it. An event that a separation
// then drops into text was marked for nothing; one it keeps is moved with its mark. So every event of the final tree
// is marked once, as the walks after the separation marked it. lower() has each event's codes written where it is
// marked (a walk of their own after this one wrote them): a separation moves an event with its codes, or drops it
// into text, and reads no code.
#include "lower_finish.hpp"

#include <cstddef>
#include <utility>
#include <variant>

#include "lower.hpp"
#include "lower_kind_index.hpp"
#include "lower_onset.hpp"

namespace trialmatch::grammar::detail {
namespace {

struct Finishing {
  bool exclusion;
  std::string_view text;
  const engine::Lexicon& lexicon;
  engine::Diagnostics& diagnostics;
  const Lowering* coder;  // nullptr: no codes written here

  // `separate`: n is reached from the root through `all`, `any` and the `then` of an `if` only, where
  // separate_disjoint_bounds looks (not under a `not`, nor in a guard's condition).
  void finish(engine::Node& n, bool separate) {
    switch (n.kind.index()) {
      case kind_index<engine::All>:
        for (auto& a : std::get<engine::All>(n.kind).args) finish(a, separate);
        if (separate) separate_disjoint_pairs(n, exclusion, text, diagnostics);
        return;
      case kind_index<engine::Any>:
        for (auto& a : std::get<engine::Any>(n.kind).args) finish(a, separate);
        return;
      case kind_index<engine::Not>:
        finish(*std::get<engine::Not>(n.kind).arg, false);
        return;
      case kind_index<engine::If>: {
        auto& g = std::get<engine::If>(n.kind);
        finish(*g.cond, false);
        finish(*g.then, separate);
        return;
      }
      case kind_index<engine::Has>: {
        engine::Has& h = *std::get_if<engine::Has>(&n.kind);
        // (Both marks read the words of an event bounded by a window before the date or by calendar dates only,
        // mark_onset's own first test; mark_state_start's asks a window before the date. Most events carry neither,
        // and the calls are not made for them.)
        if ((h.within && !h.ahead) || !h.dated_from.empty() || !h.dated_to.empty()) {
          mark_onset(text, n);
          // (The event's concept asked first of the ones the line made events of, where it made any.)
          if (coder) mark_state_start(text, *coder, n);
          else mark_state_start(text, lexicon, n);
        }
        if (coder) coder->write_codes_of(h);
        return;
      }
      default:
        return;
    }
  }
};

}  // namespace

void finish_tree(engine::Node& tree, bool exclusion, std::string_view text, const engine::Lexicon& lexicon,
                 engine::Diagnostics& diagnostics) {
  Finishing{exclusion, text, lexicon, diagnostics, nullptr}.finish(tree, true);
}

void finish_tree(engine::Node& tree, bool exclusion, std::string_view text, const engine::Lexicon& lexicon,
                 engine::Diagnostics& diagnostics, const Lowering* coder) {
  Finishing{exclusion, text, lexicon, diagnostics, coder}.finish(tree, true);
}

}  // namespace trialmatch::grammar::detail
