#pragma once
// Importers: map other public formats onto the dataset's facilities table (plus the
// organisations and sources rows they need). Pure format mapping; no census logic.
#include <string>
#include <utility>
#include <vector>

#include "io/csv.hpp"
#include "model/dataset.hpp"

namespace aisov::io {

struct ImportSpec {
  std::string format;  // epoch-clusters | non-us-registry | facility-csv | electricity-prices
  std::string path;
  std::vector<std::pair<std::string, std::string>> mapping;  // facility-csv: column → input column
  std::string source_id, source_title, source_url;
  /// non-us-registry: `total` (the registry's Total investment, as in the paper) or `project`
  /// (its project-specific investment only).
  std::string investment_basis = "total";
};

/// Rows to append: facilities in imported_facility_columns() order, the other tables in their
/// documented column order.
struct ImportedRows {
  std::vector<std::vector<std::string>> facilities, organisations, sources;
  std::vector<std::string> skipped;                  // `file:line: reason`
  std::vector<std::vector<std::string>> indicators;  // electricity-prices
  /// facility_ids of dataset rows that imported rows replace: same source, same upstream key.
  std::vector<std::string> replaces;
  std::vector<std::string> duplicates;   // `file:line: …` input rows that share an upstream key
  std::vector<std::string> corrections;  // `file:line: …` import_corrections rows applied
  std::vector<std::string> notes;        // anything else the user should know
};

/// Formats this build can import.
const std::vector<std::string>& import_formats();

/// The facilities columns the importers write: the documented ones plus the optional flags.
const std::vector<std::string>& imported_facility_columns();

/// Reads and maps an input file. Malformed input (unreadable file, missing columns, a bad value
/// in a mapped column) is appended to `problems` with its file, line and column.
ImportedRows import_facilities(const model::Dataset& ds, const ImportSpec& spec,
                               std::vector<Problem>& problems);

}  // namespace aisov::io
