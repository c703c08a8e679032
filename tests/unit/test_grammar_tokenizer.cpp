// The tokenizer's fast paths against the plain forms they replace: the recorder against PEGTL's parse
// tree, the phrase lists' first-byte index against a scan of every phrase, FIRST sets against trying
// the rule. Each comparison runs at every position of the golden criterion lines and of varied text.
#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/token_rules.hpp"
#include "../../grammar/src/tokens.hpp"
#include "trialmatch/engine/lexicon.hpp"
#include "golden_support.hpp"

namespace pegtl = tao::pegtl;
namespace g = trialmatch::grammar;
namespace r = trialmatch::grammar::rules;
using trialmatch::engine::Lexicon;

namespace {

// Criterion lines: every line of the golden files that is a criterion (not a comment nor an expected tree).
std::vector<std::string> golden_lines() { return golden_support::criterion_lines({"constructions", "lct_registry", "seeds", "unlisted"}); }

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Lines made of pieces the grammar has rules for, glued with and without blanks, in a fixed
// pseudo-random order: the joins (" or more", "x10^9/L", "6-month", "1,5 mg") the golden lines may miss.
std::vector<std::string> varied_lines() {
  static const std::vector<std::string> pieces = {
      "≥", "<=", "< or =", "or more", "or", "and/or", "more than", "x", "×", "10^9/L", "10⁹", "/L", "ULN",
      "upper limit of normal", "3", "1,5", "1,500", "2.5", "18+", "years", "-month", "6", "mg/dL", "(", ")", ",",
      ";", ".", ":", "/", "within", "the past", "prior to", "previous", "history of", "hepatitis B", "HIV",
      "eGFR", "EGFR", "ALT", "alt", "serum", "creatinine", "between", "to", "–", "of age", "older", "no", "not",
      "without", "willing", "the", "patients", "female", "male", "é", "µmol/L", "%", "twice", "half", "\t", "  "};
  std::mt19937 rng(20261204);
  std::vector<std::string> out;
  for (int n = 0; n < 600; ++n) {
    std::string line;
    const int count = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < count; ++k) {
      line += pieces[rng() % pieces.size()];
      if (rng() % 3 != 0) line += ' ';
    }
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> all_lines() {
  std::vector<std::string> lines = golden_lines();
  const auto varied = varied_lines();
  lines.insert(lines.end(), varied.begin(), varied.end());
  const std::size_t n = lines.size();
  for (std::size_t i = 0; i < n; ++i) lines.push_back(upper(lines[i]));  // case must not matter where it does not
  return lines;
}

// ---- the recorder against PEGTL's parse tree ------------------------------------------------------------

template <class List>
struct tree_selector;
template <class... Rs>
struct tree_selector<g::RuleList<Rs...>> {
  template <class Rule>
  using type = pegtl::parse_tree::selector<Rule, pegtl::parse_tree::store_content::on<Rs...>>;
};

template <class... Rs>
std::uint8_t kind_of_node(const pegtl::parse_tree::node& n, g::RuleList<Rs...> /*unused*/) {
  std::uint8_t kind = 0, i = 0;
  (void)((n.is_type<Rs>() ? (kind = i, true) : (++i, false)) || ...);
  return kind;
}

// The parse tree flattened as the recorder records it: parents first, with their depth.
void flatten(const pegtl::parse_tree::node& n, std::uint16_t depth, const char* base, std::vector<g::Record>& out) {
  for (const auto& child : n.children) {
    out.push_back(g::Record{kind_of_node(*child, g::TokenRules{}), depth,
                            static_cast<std::uint32_t>(child->m_begin.data - base),
                            static_cast<std::uint32_t>(child->m_end.data - base)});
    flatten(*child, static_cast<std::uint16_t>(depth + 1), base, out);
  }
}

std::vector<g::Record> by_parse_tree(const std::string& line, const Lexicon& lexicon) {
  g::GrammarState state{line, &lexicon};
  pegtl::memory_input in(line.data(), line.size(), "criterion");
  auto root = pegtl::parse_tree::parse<r::line, tree_selector<g::TokenRules>::type>(in, state);
  std::vector<g::Record> out;
  if (root) flatten(*root, 0, line.data(), out);
  return out;
}

std::vector<g::Record> by_recorder(const std::string& line, const Lexicon& lexicon) {
  g::GrammarState state{line, &lexicon};
  g::Recorder rec;
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(line.data(), line.size(), "criterion");
  if (!pegtl::parse<r::line, pegtl::nothing, g::TokenRecording::control>(in, rec, state)) return {};
  const auto recorded = rec.recorded();  // the records; the vector's further elements are room
  return {recorded.begin(), recorded.end()};
}

bool same(const std::vector<g::Record>& a, const std::vector<g::Record>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const g::Record& x, const g::Record& y) {
    return x.rule == y.rule && x.depth == y.depth && x.begin == y.begin && x.end == y.end;
  });
}

// ---- phrase lists ---------------------------------------------------------------------------------------

// What one_of_phrases matched before it had an index: the longest match over every phrase.
template <std::size_t N>
std::size_t longest_by_scan(const std::string_view (&phrases)[N], std::string_view text) {
  std::size_t best = 0;
  for (std::string_view p : phrases) best = std::max(best, r::phrase_length(p, text));
  return best;
}

template <const auto& Phrases>
void check_phrase_list(const std::vector<std::string>& lines, const char* name) {
  using rule = r::one_of_phrases<Phrases>;
  for (const auto& line : lines)
    for (std::size_t pos = 0; pos <= line.size(); ++pos) {
      const std::string_view rest = std::string_view(line).substr(pos);
      const std::size_t indexed = r::longest_phrase(rule::phrases, rule::index, rest);
      if (indexed != longest_by_scan(Phrases, rest)) {
        CAPTURE(name);
        CAPTURE(line);
        CAPTURE(pos);
        CHECK(indexed == longest_by_scan(Phrases, rest));
        return;
      }
    }
}

// ---- FIRST sets -----------------------------------------------------------------------------------------

// True where Rule, tried alone at `pos` with PEGTL's plain control, matches.
template <class Rule>
bool plain_match(const std::string& line, std::size_t pos, const Lexicon& lexicon) {
  g::GrammarState state{line, &lexicon};
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(line.data() + pos, line.size() - pos, "criterion");
  // The measured rules find the position from the state's text, so the input starts inside it.
  return pegtl::parse<Rule>(in, state);
}

template <class... Alternatives>
void check_first_sets(const std::vector<std::string>& lines, const Lexicon& lexicon,
                      pegtl::type_list<Alternatives...> /*unused*/) {
  std::size_t skipped = 0;
  for (const auto& line : lines)
    for (std::size_t pos = 0; pos < line.size(); ++pos) {
      const auto next = static_cast<unsigned char>(line[pos]);
      const auto check = [&](auto rule_tag, std::size_t index) {
        using Rule = typename decltype(rule_tag)::type;
        if (g::first::of<Rule>.may_start_with(next)) return;
        ++skipped;
        if (plain_match<Rule>(line, pos, lexicon)) {
          CAPTURE(line);
          CAPTURE(pos);
          CAPTURE(index);
          FAIL("an alternative whose FIRST set excludes the next byte matched");
        }
      };
      std::size_t index = 0;
      (check(std::type_identity<Alternatives>{}, index++), ...);
    }
  CHECK(skipped > 0);  // the sets do exclude something
}

}  // namespace

TEST_CASE("the recorder keeps exactly the matches PEGTL's parse tree keeps") {
  const Lexicon& lexicon = Lexicon::builtin();
  std::size_t records = 0;
  for (const auto& line : all_lines()) {
    const auto tree = by_parse_tree(line, lexicon);
    const auto recorded = by_recorder(line, lexicon);
    records += recorded.size();
    if (!same(tree, recorded)) {
      CAPTURE(line);
      CHECK(tree.size() == recorded.size());
      FAIL("the recorder and the parse tree differ");
    }
  }
  CHECK(records > 10000);
}

// Whether the token choice answers Rule without trying it where Rule is the first possible alternative
// (recorder.hpp, alternatives_by_list::known).
template <class Rule>
bool answered_first() {
  using choice = g::first::dispatched_t<r::token>;
  constexpr auto rule = choice::alternatives_where([](auto a) { return std::is_same_v<typename decltype(a)::type, Rule>; });
  static_assert(rule[0] != 0, "an alternative of token");
  return (rule[0] & g::TokenRecording::root_alternatives::known::alternatives[0]) != 0;
}

TEST_CASE("the token choice answers its phrase lists and single bytes where one comes first, and nothing else") {
  // (What it answers is checked against the parse tree above, on every line: here, that it answers the commonest
  // tokens, and none whose match it cannot know without trying it.)
  CHECK(answered_first<r::filler>());
  CHECK(answered_first<r::or_word>());
  CHECK(answered_first<r::range_to>());
  CHECK(answered_first<r::semicolon>());
  CHECK(answered_first<r::comma>());
  CHECK(answered_first<r::colon>());
  CHECK(answered_first<r::slash>());
  CHECK(answered_first<r::lparen>());
  CHECK(answered_first<r::rparen>());
  CHECK_FALSE(answered_first<r::concept_name>());  // a lookup
  CHECK_FALSE(answered_first<r::quantity>());      // holds records
  CHECK_FALSE(answered_first<r::period>());        // a byte, then a lookahead
  CHECK_FALSE(answered_first<r::within>());        // a list or more
  CHECK_FALSE(answered_first<r::cmp_le>());
  CHECK_FALSE(answered_first<r::other_word>());
  CHECK_FALSE(answered_first<r::other_char>());
  // Each answered the bytes and the record its control would make ("." is a period, tried as before). Without the
  // tokenizer's tables (as here) a concept name may start anywhere and comes before the single bytes, so only the
  // lists are answered; the single bytes are, with the tables, in the test after same_tokens below.
  const Lexicon& lexicon = Lexicon::builtin();
  for (const std::string line : {"the or , ; : / ( ) [ ]", "serum, (plasma) or/and blood; at: baseline", "a(", "(", ".,"}) {
    CAPTURE(line);
    CHECK(same(by_parse_tree(line, lexicon), by_recorder(line, lexicon)));
  }
}

TEST_CASE("a failed rule discards what was recorded inside it; a lookahead's matches stay with their parent") {
  const Lexicon& lexicon = Lexicon::builtin();
  // "or more 5": cmp_post_ge's not_at<number> sees "5", so cmp_post_ge fails and leaves no record of it.
  for (const std::string line : {"or more 5", "7,8 mmol/l", "past 6 months", "3 x ULN", "18+ years"})
    CHECK(same(by_parse_tree(line, lexicon), by_recorder(line, lexicon)));
}

TEST_CASE("the recorder's loop over a line's blanks and tokens keeps what PEGTL's star and choice keep") {
  // (recorder.hpp runs `line` as a loop: runs of blanks skipped by a table, a token tried where none is.)
  const Lexicon& lexicon = Lexicon::builtin();
  for (const std::string line : {"", " ", "\t\r\n ", "a", "  a  b  ", "\ta\n", "x\r\n", "3 mg\t\tor more ", "(", " )",
                                 "\xc2\xa0nbsp\xc2\xa0", "\v\f form feed", "a\tb\rc\nd e", "18 years \t"}) {
    CAPTURE(line);
    CHECK(same(by_parse_tree(line, lexicon), by_recorder(line, lexicon)));
  }
  // Every byte that is not a blank lies in a top-level record (the loop skipped only blanks; a token may hold some).
  const std::string line = "\t Age  >= 18\n\r years;\tno  HIV ";
  std::string covered(line.size(), ' ');
  for (const g::Record& r : by_recorder(line, lexicon))
    if (r.depth == 0)
      for (std::uint32_t i = r.begin; i < r.end; ++i) covered[i] = 'x';
  for (std::size_t i = 0; i < line.size(); ++i) {
    CAPTURE(i);
    CHECK((covered[i] == 'x' || r::is_blank(line[i])));
  }
}

TEST_CASE("the recorder's room: lent, grown past, and lent again") {
  // The recorder keeps the room's size apart from the vector: it must follow every growth of the room lent to it.
  const auto record = [](std::size_t i) {
    return g::Record{static_cast<std::uint8_t>(i % 7), static_cast<std::uint16_t>(i % 3), static_cast<std::uint32_t>(i),
                     static_cast<std::uint32_t>(i + 1)};
  };
  std::vector<g::Record> room(3);
  {
    g::Recorder rec(room);
    for (std::size_t i = 0; i < 200; ++i) rec.add(record(i));  // past the three, then past 64 and 128
    rec.insert(0, record(999));
    REQUIRE(rec.recorded().size() == 201);
    CHECK(rec.recorded()[0].begin == 999);
    bool in_order = true;
    for (std::size_t i = 0; i < 200; ++i) in_order = in_order && rec.recorded()[i + 1].begin == i;
    CHECK(in_order);
    CHECK(rec.recorded().data() == room.data());  // grown in place: the lent vector holds the records
  }
  CHECK(room.size() >= 201);
  const std::size_t kept = room.size();
  {
    g::Recorder again(room);
    for (std::size_t i = 0; i < kept + 1; ++i) again.add(record(i));  // exactly one past the room lent again
    CHECK(again.recorded().size() == kept + 1);
    CHECK(again.recorded().back().begin == kept);
    CHECK(again.recorded()[0].begin == 0);
  }
  // A smaller room: the recorder grows that one.
  std::vector<g::Record> small(2);
  {
    g::Recorder other(small);
    for (std::size_t i = 0; i < 10; ++i) other.add(record(i));
    CHECK(other.recorded().size() == 10);
    CHECK(other.recorded()[9].end == 10);
  }
  CHECK(small.size() >= 10);
  // A recorder that was lent no room grows its own.
  g::Recorder fresh;
  for (std::size_t i = 0; i < 70; ++i) fresh.add(record(i));
  CHECK(fresh.recorded().size() == 70);
  CHECK(fresh.recorded()[69].end == 70);
}

TEST_CASE("a quantity's whole number is read as from_chars reads it, however many digits") {
  // Whole numbers of up to 15 digits are summed directly; longer ones and decimals go to from_chars.
  const Lexicon& lexicon = Lexicon::builtin();
  for (const std::string digits : {"0", "7", "007", "18", "65", "100", "2019", "123456789", "999999999999999",
                                   "1000000000000000", "9007199254740993", "12345678901234567890", "123456789012345678901234", "2.5", "0.05",
                                   "10.000"}) {
    const std::string line = "at least " + digits + " years";
    double expected = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), expected);
    const auto tokens = g::tokenize(line, lexicon);
    const auto quantity = std::find_if(tokens.begin(), tokens.end(), [](const g::Token& t) { return t.kind == g::Tok::quantity; });
    CAPTURE(line);
    REQUIRE(quantity != tokens.end());
    CHECK(quantity->quantity.value == expected);
  }
}

TEST_CASE("the phrase lists' first-byte index finds what a scan of every phrase finds") {
  auto lines = all_lines();
  // Whole words only: a phrase is not found inside a longer word, whatever the case.
  lines.push_back("thereafter Thenceforth THEREBY andes ORegon notable Withinness");
  check_phrase_list<r::filler_words>(lines, "filler_words");
  check_phrase_list<r::le_phrases>(lines, "le_phrases");
  check_phrase_list<r::ge_phrases>(lines, "ge_phrases");
  check_phrase_list<r::lt_phrases>(lines, "lt_phrases");
  check_phrase_list<r::gt_phrases>(lines, "gt_phrases");
  check_phrase_list<r::within_words>(lines, "within_words");
  check_phrase_list<r::uln_names>(lines, "uln_names");
  check_phrase_list<r::times_signs>(lines, "times_signs");
  check_phrase_list<r::judgement_words>(lines, "judgement_words");
  check_phrase_list<r::semicolons>(lines, "semicolons");
  check_phrase_list<r::and_or_words>(lines, "and_or_words");
  check_phrase_list<r::limit_tails>(lines, "limit_tails");
}

TEST_CASE("a phrase's first-byte index ignores case and needs a whole word") {
  using filler = r::one_of_phrases<r::filler_words>;
  CHECK(r::longest_phrase(filler::phrases, filler::index, "SERUM creatinine") == 5);
  CHECK(r::longest_phrase(filler::phrases, filler::index, "Diagnosed   with x") == 16);  // blanks: a run
  CHECK(r::longest_phrase(filler::phrases, filler::index, "serums") == 0);
  CHECK(r::longest_phrase(filler::phrases, filler::index, "") == 0);
  using uln = r::one_of_phrases<r::uln_names>;
  CHECK(r::longest_phrase(uln::phrases, uln::index, "Upper Limit of Normal range") == 27);
}

TEST_CASE("no token alternative matches where its FIRST set excludes the next byte") {
  check_first_sets(all_lines(), Lexicon::builtin(), typename r::token::subs_t{});
}

TEST_CASE("FIRST sets of PEGTL's combinators") {
  namespace f = g::first;
  CHECK(f::of<r::digits>.has('7'));
  CHECK_FALSE(f::of<r::digits>.has('a'));
  CHECK_FALSE(f::of<r::digits>.nullable);
  CHECK(f::of<r::osp>.nullable);
  CHECK(f::of<r::word_char>.has('Z'));
  CHECK_FALSE(f::of<r::word_char>.has('-'));
  // A phrase list begins with either case of its letters; a sequence's first set reaches past a
  // nullable first element.
  CHECK(f::of<r::filler>.has('S'));
  CHECK(f::of<r::filler>.has('s'));
  CHECK(f::of<r::relative_limit>.has('U'));  // opt<times_word> and star<limit_qualifier> may be empty
  CHECK(f::of<r::relative_limit>.has('x'));
  CHECK_FALSE(f::of<r::relative_limit>.nullable);
  // A rule type the sets do not know is always tried.
  CHECK(f::of<r::concept_name>.has(0xCE));
  CHECK(f::of<r::other_char>.has(0x80));
}

TEST_CASE("text_prefix lowers exactly as ascii_lower does, byte by byte") {
  // Every byte value in every position, and texts shorter than four bytes.
  for (int b = 0; b < 256; ++b)
    for (std::size_t at = 0; at < 4; ++at) {
      std::string text = "aZ@[";
      text[at] = static_cast<char>(b);
      std::uint32_t expected = 0;
      for (std::size_t i = 0; i < 4; ++i)
        expected |= std::uint32_t{static_cast<unsigned char>(r::ascii_lower(text[i]))} << (8 * i);
      CAPTURE(b);
      CAPTURE(at);
      CHECK(r::text_prefix(text) == expected);
    }
  CHECK(r::text_prefix("Ab") == (std::uint32_t{'a'} | std::uint32_t{'b'} << 8));
  CHECK(r::text_prefix("") == 0);
}

namespace {

// The tokens of `text` with and without the tables made for `lexicon`, field by field.
bool same_tokens(std::string_view text, const Lexicon& lexicon, const g::TokenizerTables& tables) {
  std::vector<g::Token> plain, with_tables, terminated;
  g::tokenize(text, lexicon, plain);
  g::tokenize(text, lexicon, with_tables, &tables);
  // A std::string's bytes, a NUL after them: the walk that tests no end (PhraseTrie::match_terminated).
  const std::string line(text);  // (alive while the tokens' views into it are compared)
  g::tokenize(line, lexicon, terminated, &tables);
  if (plain.size() != with_tables.size() || plain.size() != terminated.size()) return false;
  const auto same = [](const g::Token& a, const g::Token& b) {
    return a.kind == b.kind && a.begin == b.begin && a.end == b.end && a.entry == b.entry && a.cmp == b.cmp &&
           a.quantity.value == b.quantity.value && a.quantity.unit == b.quantity.unit &&
           a.quantity.unit_spelling == b.quantity.unit_spelling;
  };
  for (std::size_t i = 0; i < plain.size(); ++i)
    if (!same(plain[i], with_tables[i]) || !same(plain[i], terminated[i])) return false;
  return true;
}

}  // namespace

TEST_CASE("the walk's list of first words skips only positions where no name starts") {
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  std::size_t names = 0;
  for (const auto& line : all_lines()) {
    // Every suffix: each byte of the line is a token's start in one of them.
    for (std::size_t from = 0; from < line.size(); ++from) {
      const std::string_view text = std::string_view(line).substr(from);
      if (!same_tokens(text, lexicon, *tables)) {
        CAPTURE(text);
        FAIL("the tokens differ with the tables");
      }
    }
    std::vector<g::Token> toks;
    g::tokenize(line, lexicon, toks, tables.get());
    names += static_cast<std::size_t>(std::count_if(toks.begin(), toks.end(), [](const g::Token& t) { return t.kind == g::Tok::name; }));
  }
  CHECK(names > 1000);
}

TEST_CASE("with the tokenizer's tables, a single byte answered first reads as the choice reads it") {
  // (With the tables, where the walk found no name's first word, a punctuation byte is the first possible alternative
  // and is answered without being tried: recorder.hpp, alternatives_by_list::known. Without them it is tried.)
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  for (const std::string text : {"serum, (plasma) or/and blood; at: baseline [x]", "a,b/c:d(e)f[g]h", ",/:()[]", "(", "]",
                                 "ALT, AST (>3 x ULN) : 5/10"}) {
    for (std::size_t from = 0; from < text.size(); ++from) {
      CAPTURE(text);
      CAPTURE(from);
      CHECK(same_tokens(std::string_view(text).substr(from), lexicon, *tables));
    }
  }
}

TEST_CASE("the token choice tries a concept name on its own where it is the first possible, as the choice would") {
  // (first::dispatched_choice::match_allowed, Known::tried_first: where it fails, the next possible alternative is
  // first, most often a plain word. The parse-tree test above is the oracle on every line; here, lines where the
  // name matches, fails and gives way to each kind of alternative after it, with and without the tables.)
  using choice = g::first::dispatched_t<r::token>;
  constexpr auto concept_name = choice::alternatives_where([](auto a) { return std::is_same_v<typename decltype(a)::type, r::concept_name>; });
  CHECK(g::TokenRecording::root_alternatives::known::tried_first == static_cast<std::size_t>(std::countr_zero(concept_name[0])));
  const Lexicon& lexicon = Lexicon::builtin();
  const auto tables = g::make_tokenizer_tables(lexicon);
  for (const std::string line : {"diabetes mellitus or HIV", "Diabetes, heart failure (HF) and asthma", "no hepatitis B virus",
                                 "diab", "HIV-1", "heart", "heart attack", "asthmatic patients", "Type 2 diabetes", "ALT",
                                 "DIABETES MELLITUS", "stroke/TIA within 6 months", "insulin-dependent"}) {
    CAPTURE(line);
    CHECK(same(by_parse_tree(line, lexicon), by_recorder(line, lexicon)));
    for (std::size_t from = 0; from < line.size(); ++from) {
      CAPTURE(from);
      CHECK(same_tokens(std::string_view(line).substr(from), lexicon, *tables));
    }
  }
}

TEST_CASE("the first words of a lexicon's own names: abbreviations, names led by a digit or a symbol, long words") {
  const std::string long_word(70, 'q');
  const Lexicon lexicon = Lexicon::from_json(R"({"concepts": [
      {"id": "hep_b", "kind": "condition", "names": ["hepatitis B", "hepatitis-B infection"], "abbreviations": ["HBV", "eGFR"]},
      {"id": "fu", "kind": "treatment", "names": ["5-fluorouracil", "\u03b1-interferon", "(x) syndrome", ")" + long_word + R"("]}]})");
  const auto tables = g::make_tokenizer_tables(lexicon);
  for (const std::string& text : std::vector<std::string>{"Hepatitis  B, HBV or hbv; EGFR and eGFR", "5-FU, 5-fluorouracil, 50-fluorouracil",
                                 "\u03b1-interferon or \u03b2-interferon", "(x) syndrome (y)", long_word + " and " + long_word + "q",
                                 "hepatitis-B infections", "xhepatitis B", "HBV's"}) {
    for (std::size_t from = 0; from < text.size(); ++from) {
      CAPTURE(text);
      CAPTURE(from);
      CHECK(same_tokens(std::string_view(text).substr(from), lexicon, *tables));
    }
  }
}
