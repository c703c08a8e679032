// The open reading gathers what each segment's reading asks of its tokens (its words outside the islands, its measure,
// a judgement, a stray number) in the pass that finds the segments, and a merge of two segments merges them
// (lower_open.cpp, OpenSegment). Lines of the LCT corpus whose reading depends on it: a segment merged with the next
// one counts the words of both ("endocrine or metabolic disorder ...": its name too long, kept as text) and keeps
// the measure of the second ("Fasting or random plasma glucose": a lexicon comparison), and each
// segment's facts are its own (a stray number or a word of the segment before does not leak into the next). Each
// line's diagnostics are those the reading gave when each segment's tokens were asked again in a pass of their own.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/grammar/parser.hpp"

namespace {

struct SegmentFactsCase {
  const char* line;
  trialmatch::grammar::CriterionSection section;
  std::vector<std::string> messages;  // the diagnostics' messages, in order
};

}  // namespace

TEST_CASE("grammar: an open reading's segments keep the facts of their own tokens, merged with the segment") {
  const trialmatch::grammar::Parser parser(trialmatch::engine::Lexicon::builtin());
  using trialmatch::grammar::CriterionSection;
  const std::vector<SegmentFactsCase> cases = {
      {"History of endocrine or metabolic disorder that could affect counter-regulation (well-controlled hypothyroidism is acceptable if on stable dose of l-thyroxine for ≥3 months)",
       CriterionSection::exclusion,
       {"not understood, kept as text: 'endocrine or metabolic disorder that could affect counter-regulation (well-controlled hypothyroidism is acceptable if on stable dose of l-thyroxine for ≥3 months)'"}},
      {"ever encountered the acute illness, allergy reaction, immune, or rheumatic disease within one month.",
       CriterionSection::exclusion,
       {"'ever encountered the acute illness' is not in the lexicon: read as an unlisted event",
        "'allergy reaction' is not in the lexicon: read as an unlisted event",
        "'immune, or rheumatic disease' is not in the lexicon: read as an unlisted event"}},
      {"Meeting criteria for drug abuse of depressants, dissociative anesthetics, hallucinogens, opioids, cocaine, or amphetamine within the last 3 months.",
       CriterionSection::exclusion,
       {"not understood, kept as text: 'Meeting criteria for drug abuse of depressants'",
        "not understood, kept as text: 'dissociative anesthetics'",
        "not understood, kept as text: 'hallucinogens'",
        "not understood, kept as text: 'opioids'",
        "'cocaine, or amphetamine' is not in the lexicon: read as an unlisted event"}},
      {"According to RECIST version 1.1, there is at least one measurable lesion.",
       CriterionSection::inclusion,
       {"not understood, kept as text: 'According to RECIST version 1.1'",
        "'there … measurable lesion' is not in the lexicon: read as an unlisted variable"}},
      {"PANSS total score of 60 and Score 4 or more on one or more items of the 'positive' syndrome items (P1-P7)",
       CriterionSection::inclusion,
       {"not understood, kept as text: 'PANSS total score of 60'",
        "'Score … items of the 'positive' syndrome items P1-P7' is not in the lexicon: read as an unlisted variable with 2 conditions"}},
      // (Made up: "Fasting" merged with the segment after it, whose measure the merged segment keeps.)
      {"Fasting or random plasma glucose above 11 mmol/L in the past month, or ketoacidosis",
       CriterionSection::inclusion,
       {"not understood, kept as text: 'ketoacidosis'"}},
  };
  for (const SegmentFactsCase& c : cases) {
    CAPTURE(c.line);
    const auto parsed = parser.parse(c.line, c.section);
    std::vector<std::string> messages;
    for (const auto& d : parsed.diagnostics) messages.push_back(d.message);
    CHECK(messages == c.messages);
  }
}
