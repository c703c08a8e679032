// Pass 1 of split_criteria: lines into blocks. A heading switches the section; a marked line opens
// an item; an unmarked line either continues the item before it (a wrapped line) or is a paragraph
// of its own.
#include <algorithm>
#include <array>

#include "split_parts.hpp"
#include "text_clean.hpp"
#include "word_match.hpp"

namespace trialmatch::matcher::split {
namespace {

void append_text(std::string& to, std::string_view more) {
  more = text::trim(more);
  if (more.empty()) return;
  if (!to.empty()) to += ' ';
  to += more;
}

}  // namespace

bool dangles(std::string_view previous) {
  // `\b(by|of|...|including)$` (icase) on the trimmed text: its last word is one of these.
  static constexpr std::array<std::string_view, 17> dangling{"by", "of", "the", "a",  "an", "with", "to", "in", "for",
                                                             "as", "than", "at", "from", "on", "per", "between",
                                                             "including"};
  static_assert(words::valid_phrases(dangling));
  return words::ends_with_word(text::trim(previous), dangling);
}

bool ends_sentence(std::string_view t) {
  t = text::trim(t);
  return !t.empty() && std::string_view(".;:!?").find(t.back()) != std::string_view::npos;
}

std::vector<Block> read_blocks(std::string_view cleaned) {
  std::vector<Block> blocks;
  blocks.reserve(static_cast<std::size_t>(std::count(cleaned.begin(), cleaned.end(), '\n')) + 1);  // a Block moves dear
  Section section = Section::inclusion;
  bool blank_before = false;
  bool last_line_long = false;
  auto open_text_block = [&]() -> Block* { return blocks.empty() || blocks.back().heading ? nullptr : &blocks.back(); };

  auto add_line = [&](std::string_view line, bool after_heading) {
    auto ml = read_marker(line);
    Block* open = open_text_block();
    if (ml.marker.kind == MarkerKind::none) {
      if (ml.text.empty()) return;
      // A wrapped line continues its item; after a blank line only a lower-case start continues it.
      // Unmarked paragraphs join when the line before ran to the wrapping width without ending.
      bool continues = false;
      if (open && !after_heading) {
        // Left of the item's marker, or a capitalised line announcing a list at the marker's column
        // ("For healthy controls:"), starts a paragraph of its own rather than wrapping the item.
        const bool outdented = ml.indent < open->indent ||
                               (ml.indent <= open->indent && ml.text.ends_with(":") && !text::starts_with_lower(ml.text));
        if (open->marked) continues = !outdented && (!blank_before || text::starts_with_lower(ml.text));
        else continues = (!blank_before && ((last_line_long && !ends_sentence(open->text)) || text::starts_with_lower(ml.text)));
      }
      if (continues) {
        append_text(open->text, ml.text);
      } else {
        Block b;
        b.section = section;
        b.indent = ml.indent;
        b.text = std::move(ml.text);
        blocks.push_back(std::move(b));
      }
      return;
    }
    // A bullet that only continues the line before it is joined back.
    if (open && open->marked && ml.marker.kind == MarkerKind::bullet && open->marker.style == ml.marker.style &&
        text::starts_with_lower(ml.text) && dangles(open->text)) {
      append_text(open->text, ml.text);
      return;
    }
    Block b;
    b.section = section;
    b.marked = true;
    b.indent = ml.indent;
    b.marker = std::move(ml.marker);
    b.text = std::move(ml.text);
    blocks.push_back(std::move(b));
  };

  std::size_t pos = 0;
  while (pos <= cleaned.size()) {
    auto end = cleaned.find('\n', pos);
    if (end == std::string_view::npos) end = cleaned.size();
    const auto line = cleaned.substr(pos, end - pos);
    pos = end + 1;
    if (text::trim(line).empty()) {
      blank_before = true;
      continue;
    }
    if (auto h = read_heading(line)) {
      if (h->kind != HeadingKind::neutral)
        section = h->kind == HeadingKind::inclusion ? Section::inclusion : Section::exclusion;
      Block heading;
      heading.heading = true;
      heading.section = section;
      if (h->names_cohort) heading.cohort = h->words;
      heading.qualifier = std::move(h->qualifier);
      heading.heading_words = std::move(h->words);
      blocks.push_back(std::move(heading));
      // Text after the heading's colon is read as a line: "Exclusion Criteria: Pregnancy" is a criterion.
      // ("Inclusion Criteria: Adolescents" names a group, but dropping a real criterion costs more.)
      const auto rest = text::trim(h->rest);
      if (!rest.empty()) add_line(rest, true);
      blank_before = false;
      last_line_long = false;
      continue;
    }
    add_line(line, false);
    blank_before = false;
    last_line_long = text::trim(line).size() >= 60;
  }

  // Items merged on one line ("1) Age ≤18, male or female; 2) Patients diagnosed ...") split again.
  std::vector<Block> out;
  out.reserve(blocks.size());
  for (auto& b : blocks) {
    if (!b.marked || b.marker.kind != MarkerKind::number) {
      out.push_back(std::move(b));
      continue;
    }
    for (;;) {
      const auto at = find_inline_marker(b.text, b.marker.style, b.marker.value + 1);
      if (at == std::string::npos) break;
      Block next = b;
      next.marker.value = b.marker.value + 1;
      const auto marker_len = (b.marker.style == "(N)" ? 2 : 1) + std::to_string(next.marker.value).size();
      next.text = std::string(text::trim(std::string_view(b.text).substr(at + marker_len)));
      b.text = std::string(text::trim(std::string_view(b.text).substr(0, at)));
      out.push_back(std::move(b));
      b = std::move(next);
    }
    out.push_back(std::move(b));
  }
  for (auto& b : out) text::collapse_spaces_in_place(b.text);
  return out;
}

}  // namespace trialmatch::matcher::split
