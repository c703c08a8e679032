#include "trialmatch/matcher/trial.hpp"

namespace trialmatch::matcher {

const char* to_string(Section s) noexcept { return s == Section::inclusion ? "inclusion" : "exclusion"; }

}  // namespace trialmatch::matcher
