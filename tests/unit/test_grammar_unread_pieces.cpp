// sequence() reads a piece of unread words alone as text without walking it (lowerspeed21, lower.cpp:
// unread_words_only). The oracle is the walk itself: the same Lowering state with an ignored-token vector that marks
// nothing (so that the walk is taken, and passes over no token) must give the same tree and the same warnings for
// every span of every golden line and of lines chosen for the kinds of tokens the test passes over or refuses.
// piece() reads a judged piece of unread words as the judgement's text at once (s32piece, lower_pieces.cpp): its
// judged spans are read by piece() both ways too, the walk forced by the same vector.
#include <doctest/doctest.h>

#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower.hpp"
#include "../../grammar/src/tokens.hpp"
#include "golden_support.hpp"
#include "tree_support.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;

namespace trialmatch::grammar::detail {

// sequence() as the lowering calls it, and with the walk forced (Lowering's friend).
struct UnreadPieceProbe {
  static std::optional<engine::Node> sequence(Lowering& l, std::size_t b, std::size_t e) { return l.sequence(b, e, 0); }
  static std::optional<engine::Node> walked(Lowering& l, std::size_t b, std::size_t e) {
    // (An ignored-token vector that marks nothing: every test of the walk answers as with none.)
    l.ignored_.assign(l.toks_.size(), false);
    auto read = l.sequence(b, e, 0);
    l.ignored_.clear();
    return read;
  }
  static bool unread_words_only(const Lowering& l, std::size_t b, std::size_t e) { return l.unread_words_only(b, e); }
  // piece() as the lowering calls it, and with the walk forced: a judged piece of unread words is read as text
  // without sequence_into where no scale word is near (lower_pieces.cpp, piece_into's `reads_as_text`).
  static std::optional<engine::Node> piece(Lowering& l, std::size_t b, std::size_t e) { return l.piece(b, e); }
  static std::optional<engine::Node> piece_walked(Lowering& l, std::size_t b, std::size_t e) {
    l.ignored_.assign(l.toks_.size(), false);
    auto read = l.piece(b, e);
    l.ignored_.clear();
    return read;
  }
  static bool judged(const Lowering& l, std::size_t b, std::size_t e) {
    for (std::size_t x = b; x < e; ++x)
      if (l.judges(x)) return true;
    return false;
  }
  static bool scale_word_in(const Lowering& l, std::size_t b, std::size_t e) {
    for (std::size_t x = b; x < e; ++x)
      if ((l.toks_[x].kind == Tok::word || l.toks_[x].kind == Tok::filler) && l.scale_word_token(l.toks_[x])) return true;
    return false;
  }
  // What a reading leaves for the readings after it.
  static std::pair<std::size_t, std::size_t> sequence_bounds(const Lowering& l) {
    return {l.sequence_begin_, l.sequence_end_};
  }
};

}  // namespace trialmatch::grammar::detail

namespace {

using g::detail::Lowering;
using g::detail::UnreadPieceProbe;

std::string canonical(const std::optional<e::Node>& n) { return n ? e::to_canonical(*n) : "(none)"; }

using tree_support::warnings;

struct Counts {
  int spans = 0;
  int without_walk = 0;  // spans unread_words_only let through
  int parenthesis_without_walk = 0;  // ... of which an opening parenthesis (lowerspeed23)
};

// Every span [b, end) of the line of at most `widest` tokens (every span where 0), in each list reading, handed to
// `check` with two Lowerings of the line (one to read as the product does, one to walk) and their diagnostics,
// cleared before each span.
template <class Check>
void for_each_span(const std::string& text, std::size_t widest, Check&& check) {
  const e::Lexicon& lexicon = e::Lexicon::builtin();
  const std::vector<g::Token> tokens = g::tokenize(text, lexicon);
  for (const auto lists : {g::ListReading::all, g::ListReading::any}) {
    e::Diagnostics fast_diags, walk_diags;
    Lowering fast(text, tokens, lexicon, 8, lists, g::PeopleHeadings::name_cohorts, fast_diags);
    Lowering walk(text, tokens, lexicon, 8, lists, g::PeopleHeadings::name_cohorts, walk_diags);
    for (std::size_t b = 0; b < tokens.size(); ++b)
      for (std::size_t end = b + 1; end <= tokens.size() && (widest == 0 || end - b <= widest); ++end) {
        fast_diags.clear();
        walk_diags.clear();
        CAPTURE(text);
        CAPTURE(b);
        CAPTURE(end);
        check(tokens, fast, walk, b, end, fast_diags, walk_diags);
      }
  }
}

// Every span of the line of at most `widest` tokens (every span where 0), read both ways.
void check_line(const std::string& text, std::size_t widest, Counts& counts) {
  for_each_span(text, widest, [&](const std::vector<g::Token>& tokens, Lowering& fast, Lowering& walk, std::size_t b,
                                  std::size_t end, const e::Diagnostics& fast_diags, const e::Diagnostics& walk_diags) {
    ++counts.spans;
    if (UnreadPieceProbe::unread_words_only(fast, b, end)) {
      ++counts.without_walk;
      for (std::size_t x = b; x < end; ++x)
        if (tokens[x].kind == g::Tok::lparen) { ++counts.parenthesis_without_walk; break; }
    }
    const auto a = UnreadPieceProbe::sequence(fast, b, end);
    const auto w = UnreadPieceProbe::walked(walk, b, end);
    CHECK(canonical(a) == canonical(w));
    CHECK(warnings(fast_diags) == warnings(walk_diags));
  });
}

}  // namespace

TEST_CASE("unread pieces: read as text without the walk, as the walk reads them") {
  // Lines whose words border on what the walk reads: a word ending in I or V (classes glued to a score, "type I or
  // II"), "non" before an event, a guard before words, an event, a sex or a comparison, dates after "since" or
  // "before", a negation, a colon, parentheses, "with" after an event, present use ("receiving", "on").
  const std::vector<std::string> lines = {
      "ASAI, ASAII or ASAIII",
      "NYHA class III or IV heart failure",
      "type I or II diabetes",
      "Type I or Type II diabetes mellitus",
      "non smoker",
      "Non-diabetic patients",
      "willing and able to comply with study procedures",
      "ability to understand and sign the informed consent form",
      "for women of childbearing potential, willing to use contraception",
      "for women, negative pregnancy test",
      "if female, not pregnant or breastfeeding",
      "for patients with diabetes, HbA1c < 8%",
      "in the opinion of the investigator, unable to comply",
      "meets DSM-5 criteria for major depressive disorder",
      "in patient or family members",
      "no known allergy to the study drug",
      "not willing to participate",
      "diagnosed after 2015 and before 2020",
      "since 2010, any surgery",
      "surgery before randomization",
      "Inclusion criteria: able to walk",
      "able to walk (with or without assistance)",
      "receiving chemotherapy or radiotherapy",
      "on anticoagulants",
      "patients receiving mechanical ventilation",
      "cancer who received chemotherapy",
      "anticoagulants with an INR > 1.7",
      "acute myeloid leukemia according to the WHO criteria",
      "diagnosis of UC confirmed by biopsy",
      "current smoker or history of smoking",
      "Pain > 4 on a visual numerical scale",
      "women / men aged 18 to 65 years",
      "stable dose for at least 4 weeks; no changes planned",
      "HIV I/II positive",
      "Stage IV or recurrent disease",
      "grade II-IV toxicity",
      "any other condition that, in the judgement of the investigator, would interfere",
      "subjects who are related to the investigator or site staff",
  };
  Counts counts;
  for (const auto& line : lines) check_line(line, 0, counts);
  // The test must see both answers: spans read without the walk, and spans walked.
  CHECK(counts.without_walk > 50);
  CHECK(counts.without_walk < counts.spans);
}

TEST_CASE("unread pieces with parentheses: read as text without the walk, as the walk reads them") {
  // (lowerspeed23) Parentheses of words: an "or" inside (parenthesis_group reads the words inside as a nested piece),
  // a guard right after the parenthesis (guard() at it), a parenthesis first, nested, unclosed, after "or" at depth,
  // and scale words (grade, stage, score, class) inside or outside, which the shortcut leaves to the walk.
  const std::vector<std::string> lines = {
      "able to walk (with or without assistance)",
      "(robotic or laparoscopic) surgery planned",
      "surgery (robotic or laparoscopic or open) planned",
      "unable to swallow (if tablets or capsules are given)",
      "unable to swallow (for whatever reason)",
      "(if applicable) willing to use contraception",
      "willing to travel (and stay (or live) nearby) during the study",
      "able to comply (with or without help, in the opinion of the investigator",
      "some words ( or ) more words",
      "disease (grade or stage unknown) or relapse",
      "tumour (score or class unknown)",
      "tumour grade (high or low) or unknown",
      "history of smoking (current or former), or chewing tobacco",
      "psychiatric disorder that requires care and treatment (so, they are NOT in symptom remission)",
      "women (pregnant or lactating) or men",
      "subjects (or their legal representative) unable to consent; or unwilling",
      "participation in another study (drug or device) / unwilling",
      "(a) unable to comply (b) unwilling",
      "HIV (I or II) positive",
  };
  Counts counts;
  for (const auto& line : lines) check_line(line, 0, counts);
  CHECK(counts.parenthesis_without_walk > 50);
  CHECK(counts.without_walk < counts.spans);
}

TEST_CASE("unread pieces: every golden line, its spans of up to eight tokens read both ways") {
  Counts counts;
  const auto lines = golden_support::all_criterion_lines();
  for (const auto& line : lines) check_line(line, 8, counts);
  CHECK(lines.size() > 1000);
  CHECK(counts.without_walk > 1000);
  CHECK(counts.parenthesis_without_walk > 100);
}

namespace {

struct JudgedCounts {
  int spans = 0;
  int judged = 0;               // judged spans (compared)
  int judged_typed = 0;         // ... read as typed
  int judged_unread = 0;        // ... of unread words: those piece_into may read as text at once
  int judged_unread_scale = 0;  // ... with a scale word, which the shortcut leaves to the open reading
};

// Every span of the line of at most `widest` tokens (every span where 0), read by piece() both ways.
void check_pieces(const std::string& text, std::size_t widest, JudgedCounts& counts) {
  for_each_span(text, widest, [&](const std::vector<g::Token>&, Lowering& fast, Lowering& walk, std::size_t b,
                                  std::size_t end, const e::Diagnostics& fast_diags, const e::Diagnostics& walk_diags) {
    ++counts.spans;
    // (Only judged spans can take the shortcut: elsewhere piece_into reads as it did. They are compared alone, as
    // the ignored-token vector that forces the walk also changes what other readings of piece_into ask.)
    if (!UnreadPieceProbe::judged(fast, b, end)) return;
    const bool unread = UnreadPieceProbe::unread_words_only(fast, b, end);
    const auto a = UnreadPieceProbe::piece(fast, b, end);
    const auto w = UnreadPieceProbe::piece_walked(walk, b, end);
    ++counts.judged;
    if (a && e::partly_typed(*a)) ++counts.judged_typed;
    if (unread) ++counts.judged_unread;
    if (unread && UnreadPieceProbe::scale_word_in(fast, b, end)) ++counts.judged_unread_scale;
    CHECK(canonical(a) == canonical(w));
    CHECK(warnings(fast_diags) == warnings(walk_diags));
    CHECK(UnreadPieceProbe::sequence_bounds(fast) == UnreadPieceProbe::sequence_bounds(walk));
  });
}

}  // namespace

TEST_CASE("judged pieces of unread words: read as text without the walk, as the walk reads them") {
  // Judged words beside scale words, whose open reading finds an island ("class B"), and beside the neutral words
  // before a piece that the open reading reads too.
  const std::vector<std::string> lines = {
      "Clinically significant Child-Pugh class B",
      "clinically significant Child Pugh class B",
      "clinically significant grade B toxicity",
      "willing to stage grade B",
      "significant NYHA class C heart failure",
      "in the opinion of the investigator, unable to comply",
      "willing and able to comply with study procedures",
      "able to walk (with or without assistance)",
      "any other condition that, in the judgement of the investigator, would interfere",
      "Patients unable to comply with score class B",
      "Inclusion criteria: willing to sign the consent",
      "clinically significant anemia or HbA1c > 10%",
      "willing to comply, age >= 18 years, no diabetes",
  };
  JudgedCounts counts;
  for (const auto& line : lines) check_pieces(line, 0, counts);
  // The test must see judged spans read as text at once, judged spans with a scale word, and judged spans typed.
  CHECK(counts.judged_unread > 50);
  CHECK(counts.judged_unread_scale > 5);
  CHECK(counts.judged_typed > 5);
}

TEST_CASE("judged pieces of unread words: every golden line, its spans of up to eight tokens read both ways") {
  JudgedCounts counts;
  const auto lines = golden_support::all_criterion_lines();
  for (const auto& line : lines) check_pieces(line, 8, counts);
  CHECK(lines.size() > 1000);
  CHECK(counts.judged_unread > 1000);
  CHECK(counts.judged_typed > 100);
}
