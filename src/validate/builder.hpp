#pragma once
// Turns a dataset directory into a validated, immutable Dataset, or a list of every problem.
#include <memory>
#include <string>
#include <vector>

#include "io/csv.hpp"
#include "model/dataset.hpp"

namespace aisov::validate {

struct BuildOutcome {
  std::shared_ptr<const model::Dataset> dataset;  // null when errors is non-empty
  std::vector<io::Problem> errors;
  std::vector<io::Problem> warnings;
  std::vector<std::pair<std::string, int>> table_rows;
};

/// Reads, checks (schema, types, units, ranges, duplicate keys, references, citations) and
/// builds. Nothing is returned half-loaded: any error means no dataset.
BuildOutcome load_dataset(const std::string& dir);

}  // namespace aisov::validate
