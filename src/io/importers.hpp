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
};

/// Rows to append, each in its table's documented column order.
struct ImportedRows {
  std::vector<std::vector<std::string>> facilities, organisations, sources;
  std::vector<std::string> skipped;                  // `file:line: reason`
  std::vector<std::vector<std::string>> indicators;  // electricity-prices
};

/// Formats this build can import.
const std::vector<std::string>& import_formats();

/// Reads and maps an input file. Malformed input (unreadable file, missing columns, a bad value
/// in a mapped column) is appended to `problems` with its file, line and column.
ImportedRows import_facilities(const model::Dataset& ds, const ImportSpec& spec,
                               std::vector<Problem>& problems);

}  // namespace aisov::io
