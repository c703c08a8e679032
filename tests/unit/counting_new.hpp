#pragma once
// Counts heap allocations made by this thread: a replacement of the global operator new and delete. Include it
// in exactly one file of a test binary (the replacement serves the whole binary); `allocations` is read between
// two points of a test.
#include <cstdlib>
#include <new>

// GCC 12 at -O2 mistakes the replaced global operator delete below for a mismatched pair.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
thread_local long allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
// The nothrow forms (std::stable_sort's temporary buffer uses them) must come from the same heap.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  ++allocations;
  return std::malloc(size ? size : 1);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
