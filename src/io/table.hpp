#pragma once
// Reading a dataset directory's files: the manifest and each table's CSV file(s).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "io/csv.hpp"

namespace aisov::io {

/// The manifest.toml of a dataset directory.
struct Manifest {
  int schema_version = 0;
  std::string dataset_version, title, licence, as_of;
};

/// Every file of a dataset directory, parsed but not interpreted.
struct DatasetFiles {
  std::string dir;
  Manifest manifest;
  std::map<std::string, std::vector<CsvTable>> tables;  // table name → its file(s)
};

/// Parses manifest.toml text; problems carry line and column from the TOML parser.
Manifest parse_manifest(const std::string& text, const std::string& file,
                        std::vector<Problem>& problems);

/// Reads `dir/manifest.toml` and, for each name in `tables`, `dir/<name>.csv` or every
/// `dir/<name>/*.csv` (in name order). A missing table is a problem; files in the directory that
/// belong to no table are reported as warnings.
DatasetFiles read_dataset_files(const std::string& dir, const std::vector<std::string>& tables,
                                std::vector<Problem>& problems, std::vector<Problem>& warnings);

/// Writes a whole dataset directory atomically: every file goes to a sibling temporary
/// directory, which is renamed to `dir` at the end. `files` maps relative paths to content.
/// `check`, when given, is called on the temporary directory before the rename; a non-empty
/// answer aborts the write (nothing is left behind). Returns an error message or empty.
std::string write_dataset_dir(const std::string& dir,
                              const std::map<std::string, std::string>& files, bool overwrite,
                              const std::function<std::string(const std::string&)>& check = {});
/// Every regular file below `dir` (relative path → content); false if one cannot be read.
bool read_tree(const std::string& dir, std::map<std::string, std::string>& files);

}  // namespace aisov::io
