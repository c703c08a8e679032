// The words finish_items (lower_items.cpp) looks for in unread words to find one that governs the events after it: a
// relation head ("allergy", "planned", "stopped"...), "criteria" (after "exclusion"), a relative ("who", "which").
// The scan asks them of every unread word through one table of the three (lower_governing_table.hpp).
#pragma once

#include <string_view>

namespace trialmatch::grammar::detail {

inline constexpr std::string_view kRelationHeads[] = {
    "contraindication", "contraindications", "contraindicated", "allergy", "allergies", "allergic",
    "hypersensitivity", "hypersensitive", "intolerance", "intolerant", "family", "families", "relative", "relatives",
    "risk", "suspected", "suspicion", "planned", "planning", "candidate", "candidates", "indication",
    "indications", "prophylaxis", "fear", "refusal", "refuses", "refused", "awaiting", "scheduled",
    // "having stopped taking anti-inflammatory medicines or analgesics three days before": what was stopped
    // is not taken since, the opposite of the event read alone.
    "stopped", "stopping", "discontinued", "discontinuing", "discontinuation", "ceased", "quit", "withdrawn"};
inline constexpr std::string_view kCriteria[] = {"criteria"};
inline constexpr std::string_view kRelatives[] = {"who", "whom", "whose", "which"};

}  // namespace trialmatch::grammar::detail
