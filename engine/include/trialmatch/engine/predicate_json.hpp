#pragma once
// The contract's JSON form of predicate trees (docs/contract-predicates.md), both ways.
#include <nlohmann/json_fwd.hpp>

#include "trialmatch/engine/diagnostic.hpp"
#include "trialmatch/engine/predicate.hpp"

namespace trialmatch::engine {

nlohmann::json to_json(const Node& n);
nlohmann::json to_json(const Diagnostic& d);
// Reads the contract form back; throws std::runtime_error naming the JSON pointer on malformed input.
Node node_from_json(const nlohmann::json& j);

}  // namespace trialmatch::engine
