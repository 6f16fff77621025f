#pragma once
// Helpers shared by the census tests.
#include <stdexcept>
#include <string>

#include "aisov/engine.hpp"

namespace aisov::test {

/// The census row of one economy or bloc code; throws when the result has none.
inline const CensusRow& census_row(const CensusResult& r, const std::string& code) {
  for (const auto& x : r.rows) {
    if (x.code == code) return x;
  }
  throw std::runtime_error("no row " + code);
}

}  // namespace aisov::test
