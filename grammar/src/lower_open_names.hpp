// The names of the open reading's unlisted things (lower_open_names.cpp, for lower_open.cpp).
#pragma once

#include <string>
#include <string_view>

namespace trialmatch::grammar::detail {

// The id of an unlisted name: its ASCII letters and digits in lower case and its UTF-8 as written, words joined by
// '_', cut between characters at 60 bytes.
std::string slug_of(std::string_view name);
// True where slug_of(name) is not empty (an ASCII letter or digit, or a byte of UTF-8), without building it.
bool has_slug(std::string_view name);
// Whether `words` hold "hichever" (of "whichever"), which whichever_shorter looks for first.
bool holds_hichever(std::string_view words);
// "'<name>' is not in the lexicon: read as an unlisted <what>".
std::string unlisted_message(std::string_view name, std::string_view what);
// Appends balanced(in) (lower_util.hpp) to `out`.
void append_balanced(std::string& out, std::string_view in);

}  // namespace trialmatch::grammar::detail
