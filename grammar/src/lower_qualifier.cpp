// A qualifier before a list whose head the lexicon fills in: "history of chronic neck/back pain", "severe heart or
// lung disease". The elided words before the name ("chronic neck" before "/back pain") are read with the name's
// head (chronic_neck_pain), and the qualifier that opens them qualifies the name too: read alone, "back pain" was
// any back pain (a patient with one acute episode years ago was excluded). The name takes the qualified concept
// where the lexicon names it ("chronic back pain"), else it stays unread.
// ("acute or chronic pain": a qualifier alone before the joiner is the contrast itself; "chronic neck or acute back
// pain": the name has a qualifier of its own.)
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
constexpr std::string_view kQualifiers[] = {
    "severe", "uncontrolled", "untreated", "unstable", "symptomatic", "decompensated", "progressive", "refractory",
    "advanced", "chronic", "acute", "recurrent", "persistent", "congenital", "idiopathic", "metastatic", "active",
    "malignant", "benign", "primary", "secondary"};

std::string_view first_word(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '(')) s.remove_prefix(1);
  std::size_t n = 0;
  while (n < s.size() && s[n] != ' ' && s[n] != ',' && s[n] != '/') ++n;
  return s.substr(0, n);
}
}  // namespace

Lowering::QualifiedName Lowering::qualifier_reaches(std::uint32_t begin, std::uint32_t end, std::size_t name_tok) const {
  QualifiedName out;
  const std::string_view elided = text_.substr(begin, end - begin);
  const std::string_view qualifier = first_word(elided);
  if (qualifier.empty() || !one_of(qualifier, kQualifiers)) return out;
  // More words after the qualifier before the joiner: "chronic neck", not "acute".
  const std::size_t after = static_cast<std::size_t>(qualifier.data() - elided.data()) + qualifier.size();
  if (first_word(elided.substr(after)).empty()) return out;
  const std::string_view name = slice(toks_[name_tok].begin, toks_[name_tok].end);
  if (one_of(first_word(name), kQualifiers)) return out;
  out.qualified = true;
  const std::string candidate = lower_ascii(qualifier) + " " + std::string(name);
  const auto m = lexicon_.match_name_at(candidate, 0);
  if (m && m->entry && m->length == candidate.size() && toks_[name_tok].entry &&
      m->entry->kind == toks_[name_tok].entry->kind)
    out.entry = m->entry;
  return out;
}

}  // namespace trialmatch::grammar::detail
