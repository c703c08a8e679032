// split_criteria: criteria text into numbered criteria, as a person reads them.
//
// The text is read in three passes. (1) Lines become blocks (split_blocks.cpp). (2) Items are placed in an outline: an item is a sibling of the level whose
// marker style it shares and whose numbering it continues; otherwise it is a child of the item before
// it when that item announces a list ("... including:") or it is indented deeper. (3) The outline is
// flattened into criteria numbered per section: "1", "2", and children "13.1", "13.2" prefixed with
// the parent's lead-in, except inclusion items whose lead-in asks for one of several alternatives.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <deque>
#include <optional>
#include <vector>

#include "split_parts.hpp"
#include "trialmatch/grammar/people.hpp"
#include "text_clean.hpp"
#include "word_match.hpp"

namespace trialmatch::matcher {

// Just past the ':' of the last lead-in word followed by a colon ("including:", "criteria :"), with text after
// it; npos where there is none. Each colon is read back from the end: white space, then one of the words, which
// starts a word (case folded as ASCII).
std::size_t split::lead_in_end(std::string_view t) {
  static constexpr std::array<std::string_view, 10> lead_words{
      "including", "include",    "includes",   "following",  "follows",
      "criteria",  "conditions", "defined as", "defined by", "namely"};
  // (Most items hold no colon: one forward find, vectorised, says so; rfind reads back a byte at a time.)
  if (t.size() < 2 || t.find(':') == std::string_view::npos) return std::string_view::npos;
  for (std::size_t colon = t.rfind(':', t.size() - 2); colon != std::string_view::npos;
       colon = colon == 0 ? std::string_view::npos : t.rfind(':', colon - 1)) {
    std::size_t end = colon;
    while (end > 0 && words::is_space(t[end - 1])) --end;
    for (const auto word : lead_words) {
      if (end < word.size()) continue;
      const std::size_t start = end - word.size();
      if (words::starts_with_icase(t, start, word) && (start == 0 || !words::is_word_byte(t[start - 1])))
        return colon + 1;
    }
  }
  return std::string_view::npos;
}

namespace {

using split::Block;
using split::Marker;
using split::MarkerKind;
using split::ends_sentence;

struct Level {
  std::string style;
  int indent = 0;
  int last = 0;
  bool repeats = false;  // the rendering lost its numbers: every item reads "1."
};

bool indent_close(const Block& b, const Level& l) { return std::abs(b.indent - l.indent) <= 2; }

// Does item b continue the numbering of level l? Bullets always do. A repeated "1." continues a
// list that lost its numbers, but not right after a lead-in, where a new "1." starts the sub-list.
bool continues_numbering(const Block& b, Level& l, bool previous_is_lead_in, bool previous_at_level) {
  if (b.marker.kind == MarkerKind::bullet) return true;
  if (l.repeats) return b.marker.value == l.last;
  if (b.marker.value == l.last + 1) return true;
  return b.marker.value == l.last && l.last == 1 && !(previous_is_lead_in && previous_at_level);
}

Level level_of(const Block& b) { return {b.marker.style, b.indent, b.marker.value, false}; }

// Pass 2: outline depth of every marked item. An unmarked paragraph ends any open list. When a
// lead-in closes a section ("5. Any of the following:" then "Exclusion Criteria:" then "1. ..."),
// the heading wins: the items after it belong to the new section and restart its numbering, and the
// lead-in stays one criterion with its own text, because a heading is a stronger signal than a colon.
void place_in_outline(std::vector<Block>& blocks) {
  std::vector<Level> stack;
  int base = 0;  // 1 under an unmarked lead-in whose items are alternatives
  const Block* previous = nullptr;
  for (auto& b : blocks) {
    if (b.heading || !b.marked) {
      stack.clear();
      base = b.alternatives_parent ? 1 : 0;
      b.depth = 0;
      previous = nullptr;
      continue;
    }
    const bool lead_in = previous && previous->marked && split::is_lead_in(previous->text);
    // The level the item continues. Bullets continue the level nearest their column. A number that
    // continues two levels ("2. ... including:" "1. a" "2. b" then "3. Consent") goes to the outer
    // one: sub-lists are short, and a sub-list numbered like its parent is rarer than a parent resuming.
    int depth = -1;
    int best_offset = 1 << 20;
    for (int k = static_cast<int>(stack.size()) - 1; k >= 0; --k) {
      auto& l = stack[static_cast<std::size_t>(k)];
      const bool previous_at_level = previous && previous->marked && previous->depth - base == k;
      if (l.style == b.marker.style && indent_close(b, l) && continues_numbering(b, l, lead_in, previous_at_level)) {
        const int offset = std::abs(b.indent - l.indent);
        if (b.marker.kind == MarkerKind::bullet ? offset < best_offset : true) {
          depth = k;
          best_offset = offset;
        }
      }
    }
    if (depth >= 0) {
      auto& l = stack[static_cast<std::size_t>(depth)];
      if (b.marker.kind != MarkerKind::bullet && b.marker.value == l.last && l.last == 1) l.repeats = true;
    }
    if (depth < 0 && !stack.empty() && previous && previous->marked &&
        (lead_in || b.indent > previous->indent + 1)) {
      stack.push_back(level_of(b));
      depth = static_cast<int>(stack.size()) - 1;
    }
    for (int k = static_cast<int>(stack.size()) - 1; k >= 0 && depth < 0; --k)
      if (stack[static_cast<std::size_t>(k)].style == b.marker.style && indent_close(b, stack[static_cast<std::size_t>(k)])) depth = k;
    if (depth < 0) {
      // A marker of another style at the same place ("c." among "2." "3." "4."): a sibling there.
      if (stack.empty()) stack.push_back(level_of(b));
      depth = static_cast<int>(stack.size()) - 1;
    }
    stack.resize(static_cast<std::size_t>(depth) + 1);
    auto& level = stack.back();
    if (b.marker.kind != MarkerKind::bullet) level.last = b.marker.value;
    b.depth = base + depth;
    previous = &b;
  }
}

struct Node {
  const Block* block = nullptr;
  std::vector<Node> children;
  std::string cohort;  // "Cohort 1:": whom a root item is for, read with it (the grammar guards by it)
};

std::string strip_separator(std::string t) {
  while (!t.empty() && (t.back() == ';' || t.back() == ',' || t.back() == '.' || t.back() == ' ')) t.pop_back();
  return t;
}

// "Cohort 1 :" -> "Cohort 1": a lead-in's words without its closing colon.
std::string lead_in_words(std::string t) {
  while (!t.empty() && (t.back() == ':' || t.back() == ' ' || t.back() == ';' || t.back() == ',')) t.pop_back();
  return t;
}

// One inclusion that asks for one of its items: the lead-in and every item, as one text.
std::string alternatives_text(const Node& n) {
  std::string out = n.block->text;
  // ("..., such as" over its items: the colon the grammar reads examples by.)
  if (split::lists_examples(out) && !text::trim(out).ends_with(":")) out = lead_in_words(out) + ":";
  for (std::size_t k = 0; k < n.children.size(); ++k) {
    const auto& c = n.children[k];
    std::string item = c.children.empty() ? c.block->text : alternatives_text(c);
    if (k + 1 < n.children.size()) item = strip_separator(std::move(item));
    const bool joins_itself = out.ends_with(" or") || out.ends_with(" and") || out.ends_with(":");
    out += (k == 0 || joins_itself) ? " " : "; ";
    out += item;
  }
  return out;
}

bool items_are_alternatives(const Node& n) {
  if (split::announces_alternatives(n.block->text) || split::lists_examples(n.block->text)) return true;
  // "... within 48 hours or" / "2. antibiotics ordered first ...": items joined by "or".
  for (std::size_t k = 0; k + 1 < n.children.size(); ++k) {
    const auto t = strip_separator(n.children[k].block->text);
    if (t.ends_with(" or") || t.ends_with(" OR")) return true;
  }
  return false;
}

void emit(const Node& n, const std::string& number, const std::string& prefix, Section section,
          std::vector<Criterion>& out) {
  const auto joined = [&](const std::string& t) { return prefix.empty() ? t : prefix + " " + t; };
  if (n.children.empty()) {
    if (!n.block->text.empty()) out.push_back({section, number, joined(n.block->text)});
    return;
  }
  if (section == Section::inclusion && items_are_alternatives(n)) {
    out.push_back({section, number, joined(alternatives_text(n))});
    return;
  }
  // "- Patients undergoing emergency surgery" over deeper "- Patients under 18 years of age": the
  // parent announces nothing, so it is a criterion of its own and its items are not read under it
  // (read under it, an exclusion would narrow to patients who have both).
  const bool framed = split::frames_sub_items(n.block->text);
  if (!framed) out.push_back({section, number, joined(n.block->text)});
  const auto child_prefix = framed ? joined(n.block->text) : prefix;
  int k = 0;
  for (const auto& c : n.children) emit(c, number + "." + std::to_string(++k), child_prefix, section, out);
}

// "children with liver and kidney dysfunction, including: Serum creatinine >2× ULN; Serum total
// bilirubin > 2× ULN; AST and ALT > 2× ULN": a lead-in and its items written on one line, split at
// the semicolons. Only after words that announce a list, so "Age: 18; male" stays one criterion.
std::optional<std::pair<std::string, std::vector<std::string>>> inline_list(const std::string& t) {
  // (Two finds: find_first_of calls memchr once per byte of t.)
  if (t.find('\n') != std::string::npos || t.find('\r') != std::string::npos) return std::nullopt;
  const std::size_t lead_end = split::lead_in_end(t);
  if (lead_end == std::string_view::npos) return std::nullopt;
  std::vector<std::string> parts;
  const std::string_view after = std::string_view(t).substr(lead_end);
  const std::string rest(after.substr(std::min(after.size(), after.find_first_not_of(" \t\n\v\f\r"))));
  std::size_t pos = 0;
  while (pos <= rest.size()) {
    auto end = rest.find(';', pos);
    if (end == std::string::npos) end = rest.size();
    const auto part = text::trim(std::string_view(rest).substr(pos, end - pos));
    if (!part.empty()) parts.emplace_back(part);
    pos = end + 1;
  }
  if (parts.size() < 2) return std::nullopt;
  return std::pair{t.substr(0, lead_end), std::move(parts)};
}

}  // namespace

std::vector<Criterion> split_criteria(std::string_view criteria_text) {
  auto blocks = split::read_blocks(text::clean(criteria_text));
  // An unmarked line that announces a list ("Patients must meet all of the following:") is a lead-in,
  // not a criterion; in an inclusion section, one asking for any of the items holds them as one.
  std::erase_if(blocks, [](const Block& b) { return b.marked && b.text.empty(); });
  for (auto& b : blocks)
    if (!b.heading && !b.marked && split::is_lead_in(b.text))
      b.alternatives_parent = b.section == Section::inclusion &&
                              (split::announces_alternatives(b.text) || split::lists_examples(b.text));
  // A short unmarked line over marked items ("Medical Conditions") names a group: no criterion.
  for (std::size_t k = 0; k + 1 < blocks.size(); ++k) {
    auto& b = blocks[k];
    if (b.heading || b.marked || !blocks[k + 1].marked || ends_sentence(b.text)) continue;
    if (std::count(b.text.begin(), b.text.end(), ' ') < 4 && b.text.find_first_of("0123456789<>=") == std::string::npos &&
        b.text.find("\u2264") == std::string::npos && b.text.find("\u2265") == std::string::npos) {
      if (split::names_cohort(b.text)) b.cohort = b.text;  // "Healthy Volunteers": whom the items are for
      else if (!grammar::people_group(b.text).empty()) b.group_name = b.text;  // "Patients", "Donors": see below
      b.text.clear();
    }
  }
  // "Patients:" over its items beside "Healthy volunteers:" over theirs, "Donors" beside "Recipients": where
  // unmarked lines name two or more groups of people, each names whom its items are for (the items are read
  // with it: "Patients: Age 18 to 75 years"). One such line alone restates whom the trial takes, and is dropped.
  const auto dropped_lead_in = [](const Block& b) {
    return !b.heading && !b.marked && split::is_lead_in(b.text) && !b.alternatives_parent;
  };
  std::vector<std::string> groups;
  for (const auto& b : blocks) {
    const std::string& named = dropped_lead_in(b) ? b.text : !b.group_name.empty() ? b.group_name : b.cohort;
    std::string group = b.heading || named.empty() ? std::string() : grammar::people_group(named);
    if (!group.empty() && std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(std::move(group));
  }
  const bool several_groups = groups.size() >= 2;
  if (several_groups)
    for (auto& b : blocks)
      if (!b.group_name.empty()) b.cohort = b.group_name;
  // "Inclusion Criteria for Patients" beside "Inclusion Criteria for Caregivers": where the headings name
  // two or more groups, each qualified heading names whom its criteria are for.
  std::vector<std::string_view> qualifiers;
  for (const auto& b : blocks)
    if (b.heading && !b.qualifier.empty() && std::find(qualifiers.begin(), qualifiers.end(), b.qualifier) == qualifiers.end())
      qualifiers.push_back(b.qualifier);
  if (qualifiers.size() >= 2)
    for (auto& b : blocks)
      if (b.heading && !b.qualifier.empty()) b.cohort = b.heading_words;
  place_in_outline(blocks);

  std::vector<Criterion> out;
  int counters[2] = {0, 0};
  std::vector<Node> roots;
  auto flush = [&]() {
    for (const auto& r : roots) {
      const auto section = r.block->section;
      emit(r, std::to_string(++counters[static_cast<int>(section)]), r.cohort, section, out);
    }
    roots.clear();
  };
  // A heading or an unmarked lead-in naming an arm of the trial ("Inclusion Criteria for Healthy
  // Controls", "Cohort 2:") holds the items after it, up to the next heading, to that arm: each is read
  // with it, else a patient would be held to every arm's criteria at once.
  std::string cohort;
  // An unmarked lead-in that changes what its items mean ("No history of the following:") is read with each of
  // them, up to the next paragraph or heading (split::governs_items).
  std::string governing;
  for (const auto& b : blocks) {
    if (b.heading) {
      cohort = b.cohort.empty() ? "" : b.cohort + ":";
      governing.clear();
      continue;
    }
    const bool lead_in = dropped_lead_in(b);
    if (!b.marked) governing.clear();
    // Each lead-in or group name opens a new scope; one naming no arm ends the last arm's.
    if (lead_in) {
      const bool arm = split::names_cohort(b.text) || (several_groups && !grammar::people_group(b.text).empty());
      cohort = arm ? lead_in_words(b.text) + ":" : "";
      if (!arm && split::governs_items(b.text, b.section)) governing = lead_in_words(b.text) + ":";
    }
    if (!b.marked && b.text.empty()) cohort = b.cohort.empty() ? "" : b.cohort + ":";
    if (lead_in || (!b.marked && b.text.empty())) continue;
    // Attach under the last node at depth-1, or as a root.
    std::vector<Node>* list = &roots;
    for (int d = 0; d < b.depth && !list->empty(); ++d) list = &list->back().children;
    const std::string prefix = governing.empty() ? cohort : cohort.empty() ? governing : cohort + " " + governing;
    list->push_back({&b, {}, list == &roots ? prefix : std::string()});
  }
  // Items without sub-items of their own may hold a lead-in and its items on one line.
  std::deque<Block> inline_items;  // the split items; nodes point into it and into blocks
  const auto add_inline_items = [&](auto& self, Node& n) -> void {
    for (auto& c : n.children) self(self, c);
    if (!n.children.empty() || !n.block->marked) return;
    auto list = inline_list(n.block->text);
    if (!list) return;
    Block& lead = inline_items.emplace_back(*n.block);
    lead.text = list->first;
    n.block = &lead;
    for (auto& part : list->second) {
      Block& item = inline_items.emplace_back(lead);
      item.text = std::move(part);
      n.children.push_back({&item, {}, {}});
    }
  };
  for (auto& r : roots) add_inline_items(add_inline_items, r);

  // Inclusions joined by "or" ("... INTERMASC 5-7 or" / "Patients on LVAD support") ask for one of
  // them: they are one criterion, or the trial would demand all. (Exclusions already mean any.)
  std::vector<Node> joined_roots;
  for (auto& r : roots) {
    if (!joined_roots.empty()) {
      auto& prev = joined_roots.back();
      const auto prev_text = text::trim(prev.block->text);
      const bool ends_with_or = prev_text.ends_with(" or") || prev_text.ends_with(" OR") ||
                                prev_text.ends_with(" or,") || prev_text.ends_with(" or;") || prev_text.ends_with("; or");
      if (ends_with_or && prev.block->section == Section::inclusion && r.block->section == Section::inclusion &&
          prev.children.empty() && r.children.empty() && r.block->marked) {
        Block& both = inline_items.emplace_back(*prev.block);
        both.text = std::string(prev_text) + " " + r.block->text;
        prev.block = &both;
        continue;
      }
    }
    joined_roots.push_back(std::move(r));
  }
  roots = std::move(joined_roots);
  flush();
  return out;
}

}  // namespace trialmatch::matcher
