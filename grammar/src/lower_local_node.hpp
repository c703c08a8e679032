#pragma once
// A node a reading writes into, kept on the stack without the zero-fill a local Node gets: with GCC 12, `Node n;` (and
// `Node{}`) first fills the variant's whole storage with zeros (a `rep stos` of ~200 bytes, ~26 instructions counted),
// then makes the empty list in it. Made in place in a union member, as Item makes its node, only the list's few members
// are written. (For a node that is most often left as made: guard()'s condition, which most guards refuse.)
#include <new>

#include "lower.hpp"

namespace trialmatch::grammar::detail {

class LocalNode {
 public:
  LocalNode() { ::new (static_cast<void*>(&node)) engine::Node; }
  // (A node left as made owns nothing: not destroyed through the variant's table, as Item does.)
  ~LocalNode() {
    if (!Item::owns_nothing(node)) node.~Node();
  }
  LocalNode(const LocalNode&) = delete;
  LocalNode& operator=(const LocalNode&) = delete;

  union {
    engine::Node node;
  };
};

// Any other T kept the same way, made by its members' initializers alone with no zero-fill first (comparison's
// Threshold: `Threshold th;` filled its 17 words with zeros, then wrote its members' initial values).
template <class T>
class LocalMade {
 public:
  LocalMade() { ::new (static_cast<void*>(&value)) T; }
  ~LocalMade() { value.~T(); }
  LocalMade(const LocalMade&) = delete;
  LocalMade& operator=(const LocalMade&) = delete;

  union {
    T value;
  };
};

}  // namespace trialmatch::grammar::detail
