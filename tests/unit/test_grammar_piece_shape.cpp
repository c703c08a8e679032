// PieceShape (grammar/src/lower_piece_shape.hpp): finish_items' summary of a piece's items, by which its steps
// refuse a piece without walking it. Each answer against the items it was read from; read again after the items
// change; and the lines the guarded steps are written for, read as before.
#include <doctest/doctest.h>

#include <bit>
#include <string>
#include <vector>

#include "trialmatch/engine/lexicon.hpp"
#include "trialmatch/engine/predicate.hpp"
#include "trialmatch/grammar/parser.hpp"

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/lower_piece_shape.hpp"

namespace e = trialmatch::engine;
namespace g = trialmatch::grammar;
namespace d = trialmatch::grammar::detail;
using S = d::PieceShape;
using d::Conn;

namespace {

constexpr unsigned unread = S::of(S::text), event = S::of(S::event), other = S::of(S::other), any = S::any_class;
constexpr unsigned by_none = S::of(Conn::none), by_and = S::of(Conn::and_), by_or = S::of(Conn::or_),
                   by_comma = S::of(Conn::comma), by_slash = S::of(Conn::slash), by_any = S::any_conn;

d::Item words(std::uint32_t at) {
  d::Item it;
  it.text = true;
  it.begin = at;
  it.end = at + 1;
  return it;
}
d::Item has(std::uint32_t at) { return d::Item(e::Node{e::Has{}, {}}, false, at, at + 1); }
d::Item cmp(std::uint32_t at) { return d::Item(e::Node{e::Cmp{}, {}}, false, at, at + 1); }
// Alternatives of events: typed, no single event.
d::Item events(std::uint32_t at) {
  std::vector<e::Node> two;
  two.push_back(e::Node{e::Has{}, {}});
  two.push_back(e::Node{e::Has{}, {}});
  return d::Item(e::make_any(std::move(two)), false, at, at + 1);
}

}  // namespace

TEST_CASE("PieceShape: each two items in a row, the first two, unread items, the last item") {
  std::vector<d::Item> items;
  items.push_back(has(0));
  items.push_back(words(2));
  items.push_back(cmp(4));
  items.push_back(events(6));
  items.push_back(has(8));
  const std::vector<Conn> conns = {Conn::or_, Conn::none, Conn::comma, Conn::slash};
  const S shape(d::TokKinds{}, items, conns);
  CHECK(shape.size() == 5);
  CHECK(shape.has(S::pairs(event, by_or, unread)));
  CHECK(shape.has(S::pairs(unread, by_none, other)));
  CHECK(shape.has(S::pairs(other, by_comma, other)));  // the comparison, then the alternatives
  CHECK(shape.has(S::pairs(other, by_slash, event)));
  CHECK_FALSE(shape.has(S::pairs(unread, by_or, any)));  // "or" after the event, not after the words
  CHECK_FALSE(shape.has(S::pairs(event, by_none, any)));
  CHECK_FALSE(shape.has(S::pairs(any, by_and, any)));
  CHECK(shape.has(S::pairs(any, by_and | by_slash, any)));
  CHECK(shape.first_is(S::pairs(event, by_or, unread)));
  CHECK_FALSE(shape.first_is(S::pairs(unread, by_none, other)));  // items 1 and 2, not the first two
  CHECK(shape.unread_from(1));
  CHECK_FALSE(shape.unread_from(2));
  CHECK(shape.other_item());
  CHECK(shape.last() == S::event);
}

TEST_CASE("PieceShape: read again, it describes the items as they are now") {
  std::vector<d::Item> items;
  items.push_back(words(0));
  items.push_back(has(2));
  items.push_back(cmp(4));
  std::vector<Conn> conns = {Conn::or_, Conn::none};
  std::vector<bool> text_has_or = {false, false, false};
  S shape(d::TokKinds{}, items, conns);
  REQUIRE(shape.has(S::pairs(unread, by_or, event)));
  REQUIRE(shape.other_item());
  // The words and the event joined (as finish_items' steps join them), the comparison made unread.
  d::join_items(items, conns, text_has_or, 0, 1);
  items[1].text = true;
  // Not read again: what finish_items' check (in builds with assertions) finds stale.
  CHECK_FALSE(shape.same_items(S(d::TokKinds{}, items, conns)));
  shape.read(items, conns);
  CHECK(shape.same_items(S(d::TokKinds{}, items, conns)));
  CHECK(shape.size() == 2);
  CHECK_FALSE(shape.has(S::pairs(any, by_or, any)));
  CHECK(shape.has(S::pairs(unread, by_none, unread)));
  CHECK(shape.first_is(S::pairs(unread, by_none, unread)));
  CHECK_FALSE(shape.other_item());
  CHECK(shape.unread_from(1));
  CHECK(shape.last() == S::text);
}

TEST_CASE("PieceShape: one item; more than 64") {
  std::vector<d::Item> one;
  one.push_back(has(0));
  const S single(d::TokKinds{}, one, {});
  CHECK_FALSE(single.has(S::pairs(any, by_any, any)));
  CHECK_FALSE(single.first_is(S::pairs(any, by_any, any)));
  CHECK_FALSE(single.unread_from(0));
  CHECK(single.last() == S::event);

  std::vector<d::Item> many;
  std::vector<Conn> conns;
  for (std::uint32_t k = 0; k < 70; ++k) {
    many.push_back(k == 66 ? words(2 * k) : has(2 * k));
    if (k > 0) conns.push_back(Conn::comma);
  }
  const S shape(d::TokKinds{}, many, conns);
  CHECK(shape.unread_from(0));
  CHECK(shape.unread_from(66));
  CHECK_FALSE(shape.unread_from(67));
  CHECK(shape.has(S::pairs(event, by_comma, unread)));
  CHECK(shape.has(S::pairs(unread, by_comma, event)));
  CHECK_FALSE(shape.other_item());
}

TEST_CASE("PieceShape::pairs: one bit for each class, connector and class") {
  static_assert(std::popcount(S::pairs(any, by_any, any).bits) == 45);
  static_assert(std::popcount(S::pairs(unread | event, by_or | by_comma, other).bits) == 4);
  static_assert((S::pairs(unread, by_none, event).bits & S::pairs(event, by_none, unread).bits) == 0);
  static_assert((S::pairs(unread, by_and, unread).bits & S::pairs(unread, by_or, unread).bits) == 0);
}

// Lines the guarded steps of finish_items are written for (each changed its line's reading, in both sections,
// when this test was written): read as they were before the guards. A guard that refused one of them would
// change its tree.
TEST_CASE("finish_items' guarded steps still read the lines they are written for") {
  struct Case {
    g::CriterionSection section;
    const char* line;
    const char* tree;
  };
  const Case cases[] = {
      {g::CriterionSection::exclusion, R"x(trauma or infection at femur)x",
       R"x(text[not_understood] "trauma or infection at femur")x"},
      {g::CriterionSection::exclusion, R"x(surgery or injection in the affected knee)x",
       R"x(text[not_understood] "surgery or injection in the affected knee")x"},
      {g::CriterionSection::exclusion, R"x(Cancer or other illness with life expectancy < 6 months)x",
       R"x(all(any(has malignancy, text[not_understood] "other illness"), cmp life_expectancy < 6 mo))x"},
      {g::CriterionSection::exclusion, R"x(less than 28 days old (neonate))x",
       R"x(cmp age < 28 d)x"},
      {g::CriterionSection::exclusion, R"x(Pain > 4 on a visual numerical scale)x",
       R"x(cmp pain_score > 4 1)x"},
      {g::CriterionSection::exclusion, R"x(Having a spasticity and contracture to prevent sitting in the hip and knee joint)x",
       R"x(text[not_understood] "spasticity and contracture to prevent sitting in the hip and knee joint")x"},
      {g::CriterionSection::exclusion, R"x(Inability to take part in exercise/physical activity)x",
       R"x(text[judgement] "Inability to take part in exercise/physical activity")x"},
      {g::CriterionSection::exclusion, R"x(participation in another clinical study with a beta blocker)x",
       R"x(all(has investigational_drug, text[not_understood] "beta blocker"))x"},
      {g::CriterionSection::exclusion, R"x(joint pain not due to trauma)x",
       R"x(all(text[not_understood] "joint pain", text[not_understood] "not due to trauma"))x"},
      {g::CriterionSection::exclusion, R"x(medical confirmation of joint instability in two joints not related to trauma)x",
       R"x(all(text[not_understood] "medical confirmation of joint instability in two joints", text[not_understood] "not related to trauma"))x"},
      {g::CriterionSection::exclusion, R"x(NRS leg pain of 6 or more)x",
       R"x(cmp "leg pain" >= 6 1)x"},
      {g::CriterionSection::exclusion, R"x(Gastrocsoleus muscle spasticity (Modified Ashworth Scale 1-3))x",
       R"x(all(cmp "Gastrocsoleus spasticity" >= 1 1, cmp "Gastrocsoleus spasticity" <= 3 1))x"},
      {g::CriterionSection::exclusion, R"x(Patient currently using any kind of e-device for step count or physical activity)x",
       R"x(text[not_understood] "currently using any kind of e-device for step count or physical activity")x"},
      {g::CriterionSection::exclusion, R"x(Exacerbation of a condition (i.e., chronic pain))x",
       R"x(text[not_understood] "Exacerbation of a condition (i.e., chronic pain)")x"},
      {g::CriterionSection::exclusion, R"x(History of myocardial infarction, severe heart dysfunction (New York Heart Association functional classification ≥ 3) or tachyarrhythmia within one year)x",
       R"x(any(has myocardial_infarction within 1 a, all(text[not_understood] "severe heart dysfunction", cmp nyha_class >= 3 1 within 1 a), has tachyarrhythmia within 1 a))x"},
      {g::CriterionSection::exclusion, R"x(Have a current diagnosis of ulcerative colitis, inflammatory bowel disease-unclassified (IBD-U) (formerly known as indeterminate colitis), abdominal or perianal abscess or short bowel syndrome)x",
       R"x(any(has ulcerative_colitis status active, text[not_understood] "inflammatory bowel disease-unclassified (IBD-U) (formerly known as indeterminate colitis), abdominal", has perianal_abscess status active, has short_bowel_syndrome status active))x"},
      {g::CriterionSection::exclusion, R"x(has a psychiatric condition or symptoms (i.e., diagnosis of paranoid schizophrenia or active paranoid delusional thoughts) that would interfere with study participation)x",
       R"x(text[not_understood] "psychiatric condition or symptoms (i.e., diagnosis of paranoid schizophrenia or active paranoid delusional thoughts) that would interfere with study participation")x"},
      {g::CriterionSection::inclusion, R"x(Subjects with diabetes must have HbA1c < 8.0%)x",
       R"x(if(has diabetes_mellitus, cmp hba1c < 8 %))x"},
  };
  const g::Parser parser(e::Lexicon::builtin());
  for (const Case& c : cases) CHECK_MESSAGE(e::to_canonical(parser.parse(c.line, c.section).tree) == std::string(c.tree), c.line);
}
