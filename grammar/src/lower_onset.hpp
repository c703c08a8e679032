#pragma once
// Windows and calendar bounds that hold an event's start ("diagnosed within the last 5 years").

#include <string_view>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::grammar::detail {

// Marks `onset` on the `has` in `event` where it has a window that looks back or calendar bounds whose own words
// (its span of `text`) name the event's start before the time phrase begins: "Type 2 diabetes diagnosed
// within the last 5 years", "newly diagnosed AML (within 30 days)", "started on insulin in the past 3
// months", "diagnosed since 2010". Words after the time phrase name the reference event ("within 4 weeks
// prior to initiation of study treatment") and are not read.
void mark_onset(std::string_view text, engine::Node& event);
// lower_state_onset.cpp: "Mechanically ventilated less than 24 hours prior to enrollment": its start (asked after
// mark_onset: an event marked already is left as it is).
void mark_state_start(std::string_view text, const engine::Lexicon& lexicon, engine::Node& event);

// The same on every `has` of `tree`, each a walk of its own. (The parse marks its tree in the one walk of
// finish_tree, lower_finish.cpp; these are the forms tests/unit/test_grammar_finish_tree.cpp compares it with.)
void mark_onsets(std::string_view text, engine::Node& tree);
void mark_state_starts(std::string_view text, const engine::Lexicon& lexicon, engine::Node& tree);

}  // namespace trialmatch::grammar::detail
