#include "trialmatch/engine/lexicon.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

namespace trialmatch::engine {

namespace data {
extern const char lexicon_json[];
extern const std::size_t lexicon_json_size;
}  // namespace data

using nlohmann::json;

const char* to_string(ConceptKind k) noexcept {
  switch (k) {
    case ConceptKind::lab: return "lab";
    case ConceptKind::vital: return "vital";
    case ConceptKind::score: return "score";
    case ConceptKind::demographic: return "demographic";
    case ConceptKind::condition: return "condition";
    case ConceptKind::treatment: return "treatment";
    case ConceptKind::procedure: return "procedure";
    case ConceptKind::exposure: return "exposure";
    case ConceptKind::biomarker: return "biomarker";
  }
  return "?";
}

std::optional<ConceptKind> concept_kind_from_string(std::string_view s) noexcept {
  for (auto k : {ConceptKind::lab, ConceptKind::vital, ConceptKind::score, ConceptKind::demographic,
                 ConceptKind::condition, ConceptKind::treatment, ConceptKind::procedure, ConceptKind::exposure,
                 ConceptKind::biomarker})
    if (s == to_string(k)) return k;
  return std::nullopt;
}

bool is_measured(ConceptKind k) noexcept {
  return k == ConceptKind::lab || k == ConceptKind::vital || k == ConceptKind::score ||
         k == ConceptKind::biomarker || k == ConceptKind::demographic;
}

std::string_view Concept::code(std::string_view system) const noexcept {
  auto it = codes.find(std::string(system));
  if (it == codes.end() || it->second.empty()) return {};
  return it->second.front();
}

namespace {

bool is_word_byte(unsigned char c) noexcept { return std::isalnum(c) != 0; }
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t utf8_length(unsigned char c) noexcept {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// The bucket key of a text position: its first word lower-cased, or its first code point.
std::string first_token(std::string_view s) {
  if (s.empty()) return {};
  if (!is_word_byte(static_cast<unsigned char>(s[0]))) return std::string(s.substr(0, std::min(s.size(), utf8_length(s[0]))));
  std::string key;
  for (char c : s) {
    if (!is_word_byte(static_cast<unsigned char>(c))) break;
    key += lower(c);
  }
  return key;
}

std::string normalise_system(std::string_view system) {
  static constexpr std::pair<std::string_view, std::string_view> urls[] = {
      {"http://loinc.org", "loinc"},
      {"http://snomed.info/sct", "snomed"},
      {"http://hl7.org/fhir/sid/icd-10-cm", "icd10"},
      {"http://hl7.org/fhir/sid/icd-10", "icd10"},
      {"http://www.whocc.no/atc", "atc"},
      {"http://hl7.org/fhir/sid/cvx", "cvx"},
      {"http://www.nlm.nih.gov/research/umls/rxnorm", "rxnorm"},
  };
  for (auto [url, name] : urls)
    if (system == url) return std::string(name);
  std::string s(system);
  std::transform(s.begin(), s.end(), s.begin(), lower);
  if (s == "icd-10-cm" || s == "icd-10" || s == "icd10cm") return "icd10";
  if (s == "snomed ct" || s == "sct" || s == "snomedct") return "snomed";
  return s;
}

std::string normalise_name(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_space(c) || c == '-') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += lower(c);
  }
  return out;
}

[[noreturn]] void bad(const std::string& at, const std::string& what) {
  throw std::runtime_error(fmt::format("lexicon at '{}': {}", at, what));
}

std::optional<ValueRange> read_range(const json& j, const std::string& at) {
  if (j.is_null()) return std::nullopt;
  if (!j.is_object()) bad(at, "expected an object {low, high, unit, source}");
  ValueRange r;
  if (auto it = j.find("low"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) bad(at + "/low", "expected a number");
    r.low = it->get<double>();
  }
  if (auto it = j.find("high"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) bad(at + "/high", "expected a number");
    r.high = it->get<double>();
  }
  r.unit = j.value("unit", "");
  r.source = j.value("source", "");
  return r;
}

std::vector<std::string> read_strings(const json& j, const std::string& at) {
  std::vector<std::string> out;
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
    return out;
  }
  if (!j.is_array()) bad(at, "expected a string or an array of strings");
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) bad(fmt::format("{}/{}", at, i), "expected a string");
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

Concept read_concept(const json& j, const std::string& at) {
  if (!j.is_object()) bad(at, "expected a concept object");
  Concept c;
  auto id = j.find("id");
  if (id == j.end() || !id->is_string() || id->get<std::string>().empty()) bad(at + "/id", "expected a snake_case id");
  c.id = id->get<std::string>();
  auto kind = j.find("kind");
  if (kind == j.end() || !kind->is_string()) bad(at + "/kind", "expected a kind");
  auto k = concept_kind_from_string(kind->get<std::string>());
  if (!k) bad(at + "/kind", "expected lab, vital, score, demographic, condition, treatment, procedure, exposure or biomarker");
  c.kind = *k;
  if (auto it = j.find("names"); it != j.end()) c.names = read_strings(*it, at + "/names");
  if (auto it = j.find("abbreviations"); it != j.end()) c.abbreviations = read_strings(*it, at + "/abbreviations");
  if (auto it = j.find("codes"); it != j.end()) {
    if (!it->is_object()) bad(at + "/codes", "expected an object of system -> code(s)");
    for (const auto& [sys, codes] : it->items()) c.codes[normalise_system(sys)] = read_strings(codes, at + "/codes/" + sys);
  }
  c.unit = j.value("unit", "");
  if (auto it = j.find("molar_mass"); it != j.end() && !it->is_null()) {
    if (!it->is_number() || it->get<double>() <= 0) bad(at + "/molar_mass", "expected a positive number (g/mol)");
    c.molar_mass = it->get<double>();
  }
  if (auto it = j.find("reference_range"); it != j.end()) c.reference_range = read_range(*it, at + "/reference_range");
  if (auto it = j.find("plausible"); it != j.end()) c.plausible = read_range(*it, at + "/plausible");
  if (auto it = j.find("is_a"); it != j.end()) c.is_a = read_strings(*it, at + "/is_a");
  return c;
}

}  // namespace

struct Lexicon::Index {
  struct Name {
    std::string spelling;  // as written in the lexicon
    bool case_sensitive = false;
    std::size_t concept_index = 0;
  };
  std::unordered_map<std::string, std::size_t> by_id;
  std::unordered_map<std::string, std::size_t> by_code;   // "system|code"
  std::unordered_map<std::string, std::size_t> by_name;   // normalised name or abbreviation
  std::unordered_map<std::string, std::vector<Name>> by_first_token;  // longest first
};

Lexicon::Lexicon() : index_(std::make_unique<Index>()) {}
Lexicon::~Lexicon() = default;
Lexicon::Lexicon(Lexicon&&) noexcept = default;
Lexicon& Lexicon::operator=(Lexicon&&) noexcept = default;

Lexicon Lexicon::from_json(std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(fmt::format("lexicon: not valid JSON: {}", e.what()));
  }
  // One document {"concepts": [...]}, or an array of such documents (the data files joined).
  std::vector<std::pair<const json*, std::string>> documents;
  if (doc.is_array()) {
    for (std::size_t d = 0; d < doc.size(); ++d) documents.emplace_back(&doc[d], fmt::format("/{}", d));
  } else {
    documents.emplace_back(&doc, "");
  }
  Lexicon lex;
  for (const auto& [document, prefix] : documents) {
    auto concepts = document->find("concepts");
    if (!document->is_object() || concepts == document->end() || !concepts->is_array())
      bad(prefix + "/concepts", "expected an array of concepts");
    for (std::size_t i = 0; i < concepts->size(); ++i) {
      const std::string at = fmt::format("{}/concepts/{}", prefix, i);
      Concept c = read_concept((*concepts)[i], at);
      if (lex.index_->by_id.count(c.id)) bad(at + "/id", fmt::format("duplicate concept id '{}'", c.id));
      lex.index_->by_id.emplace(c.id, lex.concepts_.size());
      lex.concepts_.push_back(std::move(c));
    }
  }
  for (std::size_t i = 0; i < lex.concepts_.size(); ++i) {
    const Concept& c = lex.concepts_[i];
    for (const auto& parent : c.is_a)
      if (!lex.index_->by_id.count(parent))
        bad(fmt::format("concept '{}' is_a", c.id), fmt::format("unknown parent concept '{}'", parent));
    for (const auto& [sys, codes] : c.codes)
      for (const auto& code : codes) lex.index_->by_code.emplace(sys + "|" + code, i);
    auto add_name = [&](const std::string& spelling, bool case_sensitive) {
      if (spelling.empty()) return;
      lex.index_->by_name.emplace(case_sensitive ? spelling : normalise_name(spelling), i);
      lex.index_->by_first_token[first_token(spelling)].push_back({spelling, case_sensitive, i});
    };
    add_name(c.id, false);
    for (const auto& n : c.names) add_name(n, false);
    for (const auto& a : c.abbreviations) add_name(a, true);
  }
  for (auto& [key, names] : lex.index_->by_first_token)
    std::stable_sort(names.begin(), names.end(),
                     [](const Index::Name& a, const Index::Name& b) { return a.spelling.size() > b.spelling.size(); });
  return lex;
}

const Lexicon& Lexicon::builtin() {
  // Built once, immutable afterwards; C++ guarantees thread-safe initialisation.
  static const Lexicon lexicon = from_json(std::string_view(data::lexicon_json, data::lexicon_json_size));
  return lexicon;
}

const std::vector<Concept>& Lexicon::concepts() const noexcept { return concepts_; }

const Concept* Lexicon::find(std::string_view id) const noexcept {
  auto it = index_->by_id.find(std::string(id));
  return it == index_->by_id.end() ? nullptr : &concepts_[it->second];
}

const Concept* Lexicon::find_code(std::string_view system, std::string_view code) const noexcept {
  auto it = index_->by_code.find(normalise_system(system) + "|" + std::string(code));
  return it == index_->by_code.end() ? nullptr : &concepts_[it->second];
}

const Concept* Lexicon::find_name(std::string_view text) const noexcept {
  auto it = index_->by_name.find(std::string(text));
  if (it == index_->by_name.end()) it = index_->by_name.find(normalise_name(text));
  if (it != index_->by_name.end()) return &concepts_[it->second];
  // The whole text may be a name with a plural ending.
  auto m = match_name_at(text, 0);
  if (m && m->length == text.size()) return m->entry;
  return nullptr;
}

namespace {
// Matches `name` against text at pos; returns bytes consumed or 0. A space or hyphen in the name
// matches any run of spaces and hyphens; letters compare without case unless case_sensitive.
std::size_t match_spelling(std::string_view name, bool case_sensitive, std::string_view text, std::size_t pos) {
  std::size_t t = pos;
  for (std::size_t n = 0; n < name.size(); ++n) {
    const char nc = name[n];
    if (is_space(nc) || nc == '-') {
      if (t >= text.size() || !(is_space(text[t]) || text[t] == '-')) return 0;
      while (t < text.size() && (is_space(text[t]) || text[t] == '-')) ++t;
      while (n + 1 < name.size() && (is_space(name[n + 1]) || name[n + 1] == '-')) ++n;
      continue;
    }
    if (t >= text.size()) return 0;
    const char tc = text[t];
    if (case_sensitive ? tc != nc : lower(tc) != lower(nc)) return 0;
    ++t;
  }
  return t - pos;
}

bool boundary_at(std::string_view text, std::size_t pos) {
  return pos >= text.size() || !is_word_byte(static_cast<unsigned char>(text[pos]));
}
}  // namespace

std::optional<Lexicon::NameMatch> Lexicon::match_name_at(std::string_view text, std::size_t pos) const noexcept {
  if (pos >= text.size()) return std::nullopt;
  if (pos > 0 && is_word_byte(static_cast<unsigned char>(text[pos - 1])) &&
      is_word_byte(static_cast<unsigned char>(text[pos])))
    return std::nullopt;  // not at the start of a word
  auto it = index_->by_first_token.find(first_token(text.substr(pos)));
  if (it == index_->by_first_token.end()) return std::nullopt;
  std::optional<NameMatch> best;
  for (const auto& name : it->second) {
    if (best && name.spelling.size() + 2 < best->length) break;  // sorted longest first
    std::size_t len = match_spelling(name.spelling, name.case_sensitive, text, pos);
    if (!len && name.case_sensitive) {
      std::string up(name.spelling);
      std::transform(up.begin(), up.end(), up.begin(), upper);
      len = match_spelling(up, true, text, pos);
    }
    if (!len) continue;
    std::size_t end = pos + len;
    const bool ends_in_letter = std::isalpha(static_cast<unsigned char>(text[end - 1])) != 0;
    if (!boundary_at(text, end)) {
      // A plural ending on a full name: "infections", "diseases".
      if (!name.case_sensitive && ends_in_letter && end < text.size() && lower(text[end]) == 's' && boundary_at(text, end + 1))
        end += 1;
      else if (!name.case_sensitive && ends_in_letter && end + 1 < text.size() && lower(text[end]) == 'e' &&
               lower(text[end + 1]) == 's' && boundary_at(text, end + 2))
        end += 2;
      else
        continue;
    }
    if (!best || end - pos > best->length) best = NameMatch{&concepts_[name.concept_index], end - pos};
  }
  return best;
}

bool Lexicon::is_a(std::string_view id, std::string_view ancestor) const noexcept {
  if (id == ancestor) return true;
  const Concept* c = find(id);
  const Concept* a = find(ancestor);
  if (!c || !a) return false;
  const std::string_view class_atc = a->code("atc");
  if (!class_atc.empty()) {
    auto it = c->codes.find("atc");
    if (it != c->codes.end())
      for (const auto& code : it->second)
        if (code.size() > class_atc.size() && code.compare(0, class_atc.size(), class_atc) == 0) return true;
  }
  // Depth-bounded walk: the data may not be trusted to be acyclic.
  std::vector<const Concept*> frontier{c};
  for (int depth = 0; depth < 16 && !frontier.empty(); ++depth) {
    std::vector<const Concept*> next;
    for (const Concept* x : frontier)
      for (const auto& parent : x->is_a) {
        if (parent == ancestor) return true;
        if (const Concept* p = find(parent)) next.push_back(p);
      }
    frontier = std::move(next);
  }
  return false;
}

}  // namespace trialmatch::engine
