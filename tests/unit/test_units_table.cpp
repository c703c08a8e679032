// Conversions checked both ways against figures computed by the NLM's UCUM library (ucum-lhc), stored
// in tests/data/ucum_conversions.tsv by tools/ucum/make_conversions_table.js.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "trialmatch/engine/units.hpp"

namespace units = trialmatch::engine::units;

namespace {

struct Row {
  std::string what, spelling, from, to, molar_mass;
  double value = 0, expected = 0;
};

std::vector<Row> read_table() {
  std::ifstream in(std::string(TRIALMATCH_SOURCE_DIR) + "/tests/data/ucum_conversions.tsv");
  REQUIRE_MESSAGE(in.good(), "tests/data/ucum_conversions.tsv is missing");
  std::vector<Row> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) cells.push_back(cell);
    REQUIRE_MESSAGE(cells.size() == 7, line);
    rows.push_back({cells[0], cells[1], cells[2], cells[3], cells[4], std::stod(cells[5]), std::stod(cells[6])});
  }
  return rows;
}

bool close(double actual, double expected) {
  return std::fabs(actual - expected) <= 1e-6 * std::max(std::fabs(expected), 1e-300);
}

}  // namespace

TEST_CASE("units: at least 30 conversions agree with ucum-lhc within 1e-6, both ways") {
  const auto rows = read_table();
  CHECK(rows.size() >= 30);
  for (const auto& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.spelling);
    const auto from = units::read_unit(row.spelling);
    REQUIRE(from.has_value());
    CHECK(from->ucum == row.from);
    const auto from_code = units::read_unit(row.from);  // the canonical code reads back to the same unit
    REQUIRE(from_code.has_value());
    CHECK(*from_code == *from);
    const auto to = units::read_unit(row.to);
    REQUIRE(to.has_value());
    CHECK(to->ucum == row.to);
    const std::optional<double> molar_mass =
        row.molar_mass == "-" ? std::nullopt : std::optional<double>(std::stod(row.molar_mass));

    const auto forward = units::conversion(*from, *to, molar_mass);
    REQUIRE(std::holds_alternative<units::Conversion>(forward));
    const double there = row.value * std::get<units::Conversion>(forward).factor;
    CAPTURE(there);
    CHECK(close(there, row.expected));

    const auto backward = units::conversion(*to, *from, molar_mass);
    REQUIRE(std::holds_alternative<units::Conversion>(backward));
    const double back = row.expected * std::get<units::Conversion>(backward).factor;
    CAPTURE(back);
    CHECK(close(back, row.value));
  }
}
