// "Localized low-risk or intermediate-risk prostate cancer: Clinical stage T2, or Gleason score 7, or PSA 20 ng/ml":
// a lead-in before a colon that names a condition with words of its own (a risk group, "localized", "severe ...
// at screening"), before measures that do not define that condition, asks for the lead-in and the measures.
// Read as a heading (the lead-in dropped), a man with a Gleason score of 7 and metastatic disease met it. The
// lead-in is a person's to read beside the measures: all(text, measures), never met on the measures alone, and
// failed where they fail, as before. Read as before: the condition's name alone ("Impaired glucose tolerance:
// fasting glucose < 7 ...", which the measures may define), examples ("liver dysfunction, including: ..."),
// measures the lexicon's `defined_by` names ("Hypertension, with: SBP > 140 ..."), a lead-in that says the items
// define it ("Neuropathy defined by:"), items that name events.
#include "lower.hpp"
#include "lower_util.hpp"

namespace trialmatch::grammar::detail {

namespace {
// Every variable compared in n, and whether it holds anything but comparisons and text.
void compared(const Node& n, std::vector<std::string_view>& vars, bool& other) {
  if (const auto* c = std::get_if<engine::Cmp>(&n.kind)) { vars.push_back(c->var); return; }
  if (std::holds_alternative<engine::Text>(n.kind)) return;
  if (const auto* a = std::get_if<engine::All>(&n.kind)) { for (const auto& x : a->args) compared(x, vars, other); return; }
  if (const auto* o = std::get_if<engine::Any>(&n.kind)) { for (const auto& x : o->args) compared(x, vars, other); return; }
  other = true;
}
}  // namespace

std::optional<Node> Lowering::heading_condition(std::size_t b, std::size_t c, const Node& rest) {
  std::vector<std::string_view> vars;
  bool other = false;
  compared(rest, vars, other);
  if (other || vars.empty()) return std::nullopt;
  const engine::Concept* condition = nullptr;
  bool more_words = false;
  for (std::size_t x = b; x < c; ++x) {
    // (A second name, "... prostate cancer after ... biopsy", is more words: a person's to read with the condition.)
    if (toks_[x].kind == Tok::name && toks_[x].entry && !ignored(x) && !condition &&
        toks_[x].entry->kind == engine::ConceptKind::condition) {
      condition = toks_[x].entry;
      continue;
    }
    // (How active or severe it is, "Active ulcerative colitis: Mayo score 6-12", the measures say.)
    static constexpr std::string_view degrees[] = {"active", "severe", "moderate", "mild", "moderately", "severely", "to"};
    more_words = more_words || !(neutral(x) || toks_[x].kind == Tok::subject || one_of(slice(toks_[x].begin, toks_[x].end), degrees));
  }
  // (The condition's name alone, "Impaired glucose tolerance: fasting glucose < 7 ...", may be what the measures
  // define, as a heading: read as before. Examples, "liver dysfunction, including: ...", name kinds of it.)
  if (!condition || !more_words) return std::nullopt;
  // (Nor a lead-in that says the items define or show it: "Evidence of asthma as documented by either:", "Neuropathy
  // defined by:", "Diabetes according to the following criteria:".)
  static constexpr std::string_view defining[] = {"defined", "definition", "documented", "evidenced", "confirmed",
                                                  "diagnosed", "determined", "demonstrated", "shown", "by", "either",
                                                  "follows", "following", "criteria", "according"};
  for (std::size_t x = b; x < c; ++x)
    if (toks_[x].kind == Tok::examples || one_of(slice(toks_[x].begin, toks_[x].end), defining)) return std::nullopt;
  // (Measures that define the condition are the condition: the heading reads as before.)
  for (std::string_view v : vars)
    if (std::find(condition->defined_by.begin(), condition->defined_by.end(), v) != condition->defined_by.end())
      return std::nullopt;
  const engine::Span span{toks_[b].begin, rest.span.end > toks_[b].begin ? rest.span.end : toks_[c].end};
  std::vector<Node> parts;
  parts.push_back(text_node(toks_[b].begin, toks_[c].begin, engine::TextReason::not_understood));
  parts.push_back(rest);
  return engine::make_all(std::move(parts), span);
}

}  // namespace trialmatch::grammar::detail
