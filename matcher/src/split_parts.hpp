#pragma once
// Pieces of split_criteria (internal to matcher/): reading one line's item marker and section headings.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::matcher::split {

enum class MarkerKind : std::uint8_t { none, bullet, number, letter, roman };

// How an item was marked: "1." is {number, "N.", 1}; "c." {letter, "a.", 3}; "•" {bullet, "•", 0}.
struct Marker {
  MarkerKind kind = MarkerKind::none;
  std::string style;
  int value = 0;
};

// A line with its marker taken off. `indent` is the column where the marker (or text) starts; for
// a bullet decorating a number ("• 7.Refers") it is the number's column, as the number is the marker.
struct MarkedLine {
  int indent = 0;
  Marker marker;
  std::string text;
};

MarkedLine read_marker(std::string_view line);

// Finds the next item marker of `style` numbered `value` inside running text ("...; 2) Patients"),
// where a line wrap or a lost line break merged two items. Returns its byte offset, or npos.
std::size_t find_inline_marker(std::string_view text, const std::string& style, int value);

// One paragraph of criteria text: a section heading, a marked item, or unmarked text, with its
// wrapped lines joined. `depth` is its place in the outline, set once all blocks are read.
struct Block {
  Section section = Section::inclusion;
  bool heading = false;     // a section heading: closes every open list
  bool marked = false;
  bool alternatives_parent = false;  // an unmarked lead-in asking for one of the items after it
  int indent = 0;
  Marker marker;
  std::string text;
  int depth = 0;            // outline depth, set by pass 2
  std::string cohort;       // a heading's arm or kind of participant ("Inclusion Criteria for Healthy Controls")
  std::string qualifier;    // a heading's Heading::qualifier
  std::string heading_words;  // a heading's words, for `cohort` where the trial's headings name several groups
  std::string group_name;   // an unmarked line over items naming a group of people ("Donors"), for `cohort`
};

// Pass 1 of split_criteria: cleaned text into blocks, wrapped lines joined, items that a lost line
// break merged split again.
std::vector<Block> read_blocks(std::string_view cleaned);

// A bullet that only continues the line before it ("... determined by" / "- species, phenotype"):
// the previous item stops on a word that cannot end a clause ("by", "of", "the", ...) and this one starts in
// lower case. "and", "or" and commas do end list items ("...; and," / "- able to tolerate ..."), so they do not count.
bool dangles(std::string_view previous);

// The text ends a sentence or clause (".", ";", ":", "!", "?").
bool ends_sentence(std::string_view t);

enum class HeadingKind : std::uint8_t { inclusion, exclusion, neutral };

struct Heading {
  HeadingKind kind = HeadingKind::neutral;
  std::string rest;  // text after "Inclusion Criteria:" on the same line
  std::string words;      // the heading as written, before its colon
  std::string qualifier;  // whose criteria, past the plain words ("healthycontrols"), else empty
  bool names_cohort = false;  // the heading names an arm or kind of participant outright
};

// "Inclusion Criteria:", "Key Exclusion Criteria", "INCLUSION CRITERIA", "Exclusions:",
// "Inclusion Criteria for Patients:", "Eligibility Criteria" (neutral). Not "Does not meet inclusion criteria".
std::optional<Heading> read_heading(std::string_view line);

// The item ends by announcing a list: "... including:", "... the following", "... as follows".
bool is_lead_in(std::string_view text);
// A parent item whose text frames its sub-items ("... must meet all of the following criteria.",
// "... defined as", or any lead-in): its sub-items are read with it. Other parents are criteria of
// their own and their deeper-indented items are read on their own.
bool frames_sub_items(std::string_view text);
// The lead-in or heading names an arm of the trial or a kind of participant ("Cohort 1:", "Part B:",
// "For healthy controls:", "Inclusion criteria for caregivers"): whom the criteria after it are for.
bool names_cohort(std::string_view text);
// The lead-in makes its items alternatives: "any of the following", "one of", "at least one of", "either".
bool announces_alternatives(std::string_view lead_in);
// An unmarked lead-in whose words change what its items mean (a negation, an exception, a time): read with them.
bool governs_items(std::string_view lead_in, Section section);
// A lead-in whose last words announce examples ("Cardiovascular disease, such as:"): its items are kinds, any of which is it.
bool lists_examples(std::string_view lead_in);

// Just past the ':' of the last lead-in word ("including", "criteria", "defined as", ...) followed by a colon
// ("including:", "criteria :"), with text after it; npos where there is none (split_criteria's inline lists).
std::size_t lead_in_end(std::string_view t);

}  // namespace trialmatch::matcher::split
