#pragma once
// Table and column names of the dataset format (docs/data-format.md).
#include <string>
#include <vector>

namespace aisov::model {

/// Table names in load order.
const std::vector<std::string>& table_names();
/// The columns of a table, in documented order; throws std::out_of_range for unknown tables.
const std::vector<std::string>& table_columns(const std::string& table);
/// Columns a table accepts besides table_columns() that a file may omit (empty when absent).
const std::vector<std::string>& optional_columns(const std::string& table);
/// Tables a dataset may leave out (read as having no rows).
const std::vector<std::string>& optional_tables();

// --- Optimiser
/// Parameter names accepted in the optimise_parameters table (besides
/// `chip_usd_per_h100e.ISO3`); the optimiser applies every one (docs/methodology.md §14.2).
const std::vector<std::string>& optimise_parameter_names();
/// Parameter names accepted in the optional energy_parameters table (docs/methodology.md §15).
const std::vector<std::string>& energy_parameter_names();

}  // namespace aisov::model
