// Counts per time after a number: the spelling's length and its UCUM code (units_frequency.cpp).
#include <doctest/doctest.h>

#include <string_view>

// The grammar's own headers are private to its library; the tests reach them by path.
#include "../../grammar/src/units_read.hpp"

namespace g = trialmatch::grammar;

TEST_CASE("frequency: a count of times per period is a rate with nothing counted") {
  CHECK(g::frequency_unit("times a week") == "/wk");
  CHECK(g::frequency_unit("times/week") == "/wk");
  CHECK(g::frequency_unit("x/week") == "/wk");
  CHECK(g::frequency_unit("x per week") == "/wk");
  CHECK(g::frequency_unit("times weekly") == "/wk");
  CHECK(g::frequency_unit("a week") == "/wk");
  CHECK(g::frequency_unit("per day") == "/d");
}

TEST_CASE("frequency: a counted thing is an annotation; a counted unit divides") {
  CHECK(g::frequency_unit("cigarettes per day") == "{cigarettes}/d");
  CHECK(g::frequency_unit("alcoholic drinks per day") == "{alcoholic_drinks}/d");
  CHECK(g::frequency_unit("drinks/d") == "{drinks}/d");
  CHECK(g::frequency_unit("nights in a week") == "{nights}/wk");
  CHECK(g::frequency_unit("days a week") == "d/wk");
  CHECK(g::frequency_unit("hours a day") == "h/d");
}

TEST_CASE("frequency: what is no count per period") {
  CHECK_FALSE(g::frequency_unit("daily"));                     // alone only after "twice" or "once"
  CHECK(g::frequency_unit("daily", true) == "/d");
  CHECK_FALSE(g::frequency_unit("min moderate exercise per week"));  // a duration, then an activity
  CHECK_FALSE(g::frequency_unit("or more days a week"));       // a comparator comes first
  CHECK_FALSE(g::frequency_unit("of the following per day"));
  CHECK_FALSE(g::frequency_unit("years"));
  // The spelling is measured where it starts: "30 min" ends before the activity.
  constexpr std::string_view line = "3 x 30 min moderate exercise per week";
  CHECK(g::frequency_spelling_length(line, 2) == 0);
  CHECK(g::frequency_spelling_length("twice daily", 6) == 5);
  CHECK(g::frequency_spelling_length("3 daily doses", 2) == 0);
}

TEST_CASE("frequency: a spelling starts with a letter or a slash, and nothing else is read") {
  // frequency_spelling_length turns away any other first byte before reading; these start as it allows.
  CHECK(g::frequency_spelling_length("3 /week", 2) == 5);
  CHECK(g::frequency_spelling_length("3 / wk", 2) == 4);
  CHECK(g::frequency_spelling_length("3 per day", 2) == 7);
  CHECK(g::frequency_spelling_length("3 Times a week", 2) == 12);
  CHECK(g::frequency_spelling_length("10 cigarettes/d", 3) == 12);
  CHECK(g::frequency_spelling_length("twice Daily", 6) == 5);
  // And these cannot start one.
  CHECK(g::frequency_spelling_length("3 %/week", 2) == 0);
  CHECK(g::frequency_spelling_length("3 -/week", 2) == 0);
  CHECK(g::frequency_spelling_length("3 (per day)", 2) == 0);
  CHECK(g::frequency_spelling_length("3", 1) == 0);
}

TEST_CASE("frequency: the words never counted are found by one probe of their table, others are not") {
  // units_frequency.cpp's not_counted, each found in its hashed slot: none is the thing counted.
  for (const std::string_view w : {"or", "and", "of", "to", "in", "at", "on", "the", "a", "an", "for", "with", "per",
                                   "than", "more", "less", "each", "every", "by", "from", "as", "is", "pack", "packs"}) {
    CAPTURE(w);
    CHECK_FALSE(g::frequency_unit(std::string(w) + " per day"));
    CHECK_FALSE(g::frequency_unit(std::string(w) + " pills per day"));
    // (In capitals too: the word is lower-cased before its probe.)
    std::string upper(w);
    for (auto& c : upper) c = static_cast<char>(c - 'a' + 'A');
    CHECK_FALSE(g::frequency_unit(upper + " per day"));
  }
  // Words that share a first letter, a length or most bytes with a listed one are counted.
  CHECK(g::frequency_unit("ors per day") == "{ors}/d");
  CHECK(g::frequency_unit("packz per day") == "{packz}/d");
  CHECK(g::frequency_unit("pac per day") == "{pac}/d");
  CHECK(g::frequency_unit("tho per day") == "{tho}/d");
  CHECK(g::frequency_unit("Ants per day") == "{ants}/d");
  CHECK(g::frequency_unit("less-fat meals per day") == "{less-fat_meals}/d");
  CHECK(g::frequency_unit("evers per week") == "{evers}/wk");
}

TEST_CASE("frequency: a counted word's letters and inner hyphens, read by a table of letters") {
  CHECK(g::frequency_unit("low-fat-dairy meals per day") == "{low-fat-dairy_meals}/d");
  CHECK(g::frequency_unit("Low-Fat per day") == "{low-fat}/d");
  CHECK_FALSE(g::frequency_unit("-fat per day"));     // a hyphen first is no word
  CHECK_FALSE(g::frequency_unit("fat- per day"));     // nor last
  CHECK_FALSE(g::frequency_unit("fat--free per day"));
  CHECK_FALSE(g::frequency_unit("fat-9 per day"));
  CHECK_FALSE(g::frequency_unit("caf\xC3\xA9 per day"));  // a byte above 0x7F is no letter
  CHECK(g::frequency_spelling_length("3 x-rays per week", 2) == 15);
  CHECK(g::frequency_spelling_length("3 pills-per day", 2) == 0);
}
