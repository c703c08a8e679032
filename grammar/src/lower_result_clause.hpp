#pragma once
// lower_result_clause.cpp: "Having a spasticity and contracture to prevent sitting", "substance abuse or psychiatric
// disorder that prevents independent living".

#include <span>
#include <string_view>
#include <vector>

#include "lower.hpp"

namespace trialmatch::grammar::detail {

// The events joined by "or"/"and" (and commas) before an unread item that says what they prevent or affect, made one
// unread text with it.
void result_reaching(std::string_view text, std::span<const Token> toks, std::vector<Item>& items,
                     std::vector<Conn>& conns, std::vector<bool>& text_has_or);
// Whether the item's words say what a thing prevents or affects ("that would interfere", "to prevent").
bool says_result(std::string_view text, std::span<const Token> toks, const Item& item);
// lower_result_examples.cpp: "a psychiatric condition or symptoms (i.e., ... schizophrenia ...) that would interfere".
void result_through_examples(std::string_view text, std::span<const Token> toks, std::vector<Item>& items,
                             std::vector<Conn>& conns, std::vector<bool>& text_has_or);

}  // namespace trialmatch::grammar::detail
