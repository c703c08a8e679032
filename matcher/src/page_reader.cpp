// A registry page saved as plain text. Pages differ in chrome but share layout features: a field is
// a label line ("Minimum Eligible Age", "Participant gender:", "NCT ID: NCT05860595") with its value on
// the same line or the next non-blank one, under or after an explanatory sentence; the criteria run
// from the first "Inclusion Criteria" (or "Eligibility Criteria") heading to the next page label.
#include <algorithm>
#include <array>

#include "split_parts.hpp"
#include "text_clean.hpp"
#include "trial_readers.hpp"

namespace trialmatch::matcher::detail {
namespace {

struct Line {
  std::string raw;   // as written, for the criteria
  std::string norm;  // trimmed, lower case, without a trailing ":" or "?"
};

std::string normalise_label(std::string_view s) {
  auto t = text::lower_ascii(text::collapse_spaces(s));
  while (!t.empty() && (t.back() == ':' || t.back() == '?')) t.pop_back();
  return t;
}

// Labels of page fields and sections that follow the criteria on registry pages.
bool is_page_label(std::string_view norm) {
  static constexpr std::array<std::string_view, 56> labels{
      "minimum eligible age", "maximum eligible age", "minimum age", "maximum age", "eligible sex", "sex",
      "gender", "participant gender", "eligible gender", "sexes eligible for study", "genders eligible for study",
      "ages eligible for study", "accepts healthy volunteers", "healthy volunteers", "study details",
      "study & design", "study design", "sponsors", "sponsor", "lead sponsor", "collaborators", "locations",
      "trial locations", "contacts", "central contacts", "contact", "outcome measures", "primary outcome measures",
      "secondary outcome measures", "more related trials", "related trials", "similar trials", "faqs", "references",
      "publications", "investigators", "principal investigators", "study type", "arms and interventions",
      "arm && interventions", "interventions", "other identifiers", "responsible party", "countries",
      "send a message", "study plan", "more information", "share", "conditions", "keywords", "study groups",
      "brief summary", "detailed description", "ipd sharing statement", "study documents", "recruitment status"};
  return std::find(labels.begin(), labels.end(), norm) != labels.end();
}

bool is_more_link(std::string_view norm) {
  return norm == "read more" || norm == "show more" || norm == "see more" || norm == "read less" || norm == "show less";
}

// An explanatory sentence under a label ("See the medical conditions ... investigating."): no value.
bool is_blurb(std::string_view s) {
  const auto t = text::trim(s);
  return t.ends_with(".") && std::count(t.begin(), t.end(), ' ') >= 5;
}

std::vector<Line> page_lines(std::string_view cleaned) {
  std::vector<Line> out;
  std::size_t pos = 0;
  while (pos <= cleaned.size()) {
    auto end = cleaned.find('\n', pos);
    if (end == std::string_view::npos) end = cleaned.size();
    const auto raw = cleaned.substr(pos, end - pos);
    out.push_back({std::string(raw), normalise_label(text::trim(raw))});
    pos = end + 1;
  }
  return out;
}

struct Region {
  std::size_t begin = 0, end = 0;  // lines [begin, end) hold the criteria
  bool found = false;
};

Region criteria_region(const std::vector<Line>& lines) {
  Region r;
  for (std::size_t i = 0; i < lines.size() && !r.found; ++i) {
    const auto h = split::read_heading(lines[i].raw);
    if (h && h->kind != split::HeadingKind::neutral) {
      r.begin = i;
      r.found = true;
    }
  }
  if (!r.found) {
    // No inclusion/exclusion heading: the criteria follow an "Eligibility Criteria" or "Criteria" label.
    for (std::size_t i = 0; i < lines.size() && !r.found; ++i) {
      const auto& n = lines[i].norm;
      if (n == "eligibility criteria" || n == "criteria" || n == "eligibility") {
        r.begin = i + 1;
        while (r.begin < lines.size() && (lines[r.begin].norm.empty() || is_blurb(lines[r.begin].raw))) ++r.begin;
        r.found = r.begin < lines.size();
      }
    }
  }
  if (!r.found) return r;
  r.end = r.begin + 1;
  while (r.end < lines.size()) {
    const auto& n = lines[r.end].norm;
    const auto colon = n.find(':');
    if (is_page_label(n) || (colon != std::string::npos && is_page_label(n.substr(0, colon)))) break;
    ++r.end;
  }
  return r;
}

// The value of the first field labelled with one of `labels` outside the criteria: the text after
// "Label:" on the same line, or the next non-blank line that is not an explanatory sentence.
std::optional<std::string> field_value(const std::vector<Line>& lines, const Region& region,
                                       std::initializer_list<std::string_view> labels) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (region.found && i >= region.begin && i < region.end) continue;
    const auto& n = lines[i].norm;
    for (auto label : labels) {
      if (n == label) {
        for (std::size_t k = i + 1; k < lines.size() && k < i + 6; ++k) {
          const auto v = text::trim(lines[k].raw);
          if (v.empty() || is_blurb(v)) continue;
          if (is_page_label(lines[k].norm)) break;
          return std::string(v);
        }
      } else if (n.starts_with(label) && n.size() > label.size() && n[label.size()] == ':') {
        const auto raw = text::trim(lines[i].raw);
        const auto v = text::trim(raw.substr(raw.find(':') + 1));
        if (!v.empty()) return std::string(v);
      }
    }
  }
  return std::nullopt;
}

// Values listed under a label, up to a blank line after the first value or the next label.
std::vector<std::string> field_values(const std::vector<Line>& lines, const Region& region, std::string_view label) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size() && out.empty(); ++i) {
    if ((region.found && i >= region.begin && i < region.end) || lines[i].norm != label) continue;
    for (std::size_t k = i + 1; k < lines.size() && out.size() < 20; ++k) {
      const auto v = text::trim(lines[k].raw);
      if (v.empty()) {
        if (!out.empty()) break;
        continue;
      }
      if (is_page_label(lines[k].norm) || !find_nct_id(v).empty()) break;
      if (!is_blurb(v)) out.push_back(text::collapse_spaces(v));
    }
  }
  return out;
}

std::string status_code(std::string_view s) {
  std::string out;
  for (char c : text::collapse_spaces(s)) out += c == ' ' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

void read_page(std::string_view content, const std::string& name, LoadResult& out) {
  const auto cleaned = text::clean(content);
  const auto lines = page_lines(cleaned);
  const auto region = criteria_region(lines);
  std::string criteria_text;
  if (region.found)
    for (std::size_t i = region.begin; i < region.end; ++i)
      if (!is_more_link(lines[i].norm)) criteria_text += lines[i].raw + "\n";
  Trial t;
  t.criteria = split_criteria(criteria_text);
  if (t.criteria.empty()) {
    out.problems.push_back({name, region.found ? "line " + std::to_string(region.begin + 1) : "",
                            "no eligibility criteria found: expected a heading such as \"Inclusion Criteria\" "
                            "followed by criteria"});
    return;
  }

  // Trials listed after "More Related Trials" are other trials: their ids are not this one's.
  std::size_t page_end = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].norm == "more related trials" || lines[i].norm == "related trials" || lines[i].norm == "similar trials") {
      page_end = i;
      break;
    }
  const auto own = [&](std::size_t i) { return i < page_end && !(i >= region.begin && i < region.end); };

  // The title: the first line of three words or more that is no label ("MedPath", "Image", "Overview" are not).
  for (std::size_t i = 0; i < region.begin && t.title.empty(); ++i) {
    const auto v = text::trim(lines[i].raw);
    if (std::count(v.begin(), v.end(), ' ') >= 2 && !is_page_label(lines[i].norm) && !v.ends_with(":"))
      t.title = text::collapse_spaces(v);
  }

  if (auto v = field_value(lines, region, {"nct id", "nct number", "registration number", "clinicaltrials.gov identifier", "clinicaltrials.gov id"}))
    t.id = find_nct_id(*v);
  for (std::size_t i = 0; i < lines.size() && t.id.empty(); ++i)
    if (own(i)) t.id = find_nct_id(lines[i].raw);
  if (t.id.empty()) t.id = derived_id(t.title);

  t.conditions = field_values(lines, region, "conditions");
  if (t.conditions.empty()) t.conditions = field_values(lines, region, "condition");
  if (t.conditions.empty()) t.conditions = field_values(lines, region, "study details");

  const auto labelled_age = [&](std::initializer_list<std::string_view> labels, bool is_min) {
    std::optional<engine::Amount> out;
    if (const auto v = field_value(lines, region, labels)) {
      if (const auto age = parse_age(*v); age.ok) out = age.age;
      else if (const auto range = parse_age_range(*v)) out = is_min ? range->min : range->max;
    }
    return out;
  };
  t.min_age = labelled_age({"minimum eligible age", "minimum age", "min age"}, true);
  t.max_age = labelled_age({"maximum eligible age", "maximum age", "max age"}, false);
  if (!t.min_age && !t.max_age) {
    // An age line in the page's header ("6-75 years") or an "Ages" field; never one inside the criteria.
    std::optional<AgeRange> range;
    if (const auto v = field_value(lines, region, {"ages eligible for study", "ages", "age", "age range", "eligible ages"}))
      range = parse_age_range(*v);
    for (std::size_t i = 0; i < region.begin && !range; ++i) range = parse_age_range(text::trim(lines[i].raw));
    if (range) {
      t.min_age = range->min;
      t.max_age = range->max;
    }
  }
  if (const auto v = field_value(lines, region, {"eligible sex", "sex", "gender", "participant gender", "eligible gender",
                                                   "sexes eligible for study", "genders eligible for study"}))
    if (const auto sex = parse_sex(*v)) t.sex = *sex;
  if (const auto v = field_value(lines, region, {"accepts healthy volunteers", "healthy volunteers"})) {
    const auto yes_no = text::lower_ascii(*v);
    if (yes_no == "yes") t.healthy_volunteers = true;
    if (yes_no == "no") t.healthy_volunteers = false;
  }
  if (const auto v = field_value(lines, region, {"recruitment status", "overall status", "status"}); v && v->size() < 40)
    t.status = status_code(*v);
  t.origin = name;
  out.trials.push_back(std::move(t));
}

}  // namespace trialmatch::matcher::detail
