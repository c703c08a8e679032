#pragma once
// Working storage for calls that nest (sequence() inside sequence(), a comparison read inside another's guard):
// each call takes the next object of a per-thread stack and gives it back emptied, so that its room serves the next
// call instead of being allocated and freed by each.
#include <cstddef>
#include <memory>
#include <vector>

namespace trialmatch::grammar::detail {

// A vector emptied for the next user; a rare long one does not keep its room.
template <class V>
void keep_small(std::vector<V>& v, std::size_t max_kept) {
  v.clear();
  if (v.capacity() > max_kept) std::vector<V>().swap(v);
}

// The object of this nesting level; `give_back(T&)` empties it when the call ends. The stack only grows, each
// object apart, so that the objects of the calls around this one stay where they are; an object is used in
// place, not moved out and back. (One stack per T and give_back, per thread: no object is shared.)
template <class T, auto give_back>
class NestedScratch {
 public:
  NestedScratch() : stack_(stack()) {
    if (stack_.used == stack_.objects.size()) stack_.objects.push_back(std::make_unique<T>());
    object_ = stack_.objects[stack_.used++].get();
  }
  ~NestedScratch() {
    give_back(*object_);
    --stack_.used;
  }
  NestedScratch(const NestedScratch&) = delete;
  NestedScratch& operator=(const NestedScratch&) = delete;
  T& get() noexcept { return *object_; }

 private:
  struct Stack {
    // (A vector of pointers is indexed with less work than a deque, once per call.)
    std::vector<std::unique_ptr<T>> objects;
    std::size_t used = 0;  // objects[0, used) belong to the calls under way on this thread
  };
  static Stack& stack() {
    thread_local Stack s;
    return s;
  }
  Stack& stack_;
  T* object_ = nullptr;
};

}  // namespace trialmatch::grammar::detail
