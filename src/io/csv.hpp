#pragma once
// RFC 4180 CSV: a reader (libcsv behind a thin layer) that keeps the line and column of
// every cell, and an atomic writer.
#include <deque>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aisov::io {

/// One parsed cell with its position in the file (1-based line and character column).
struct Cell {
  std::string text;
  int line = 0;
  int column = 0;
};

struct CsvRow {
  int line = 0;
  std::vector<Cell> cells;
};

/// A parsed CSV file: header and rows. `file` is the path used in messages.
struct CsvFile {
  std::string file;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
};

/// One cell of a CsvTable: a view into storage the table owns.
struct CellView {
  std::string_view text;
  int line = 0;
  int column = 0;
};

struct CsvTableRow {
  int line = 0;
  std::span<const CellView> cells;
};

/// A parsed CSV file whose cells are views into its own copy of the text (no string per cell):
/// the same header, rows, cells and positions as parse_csv gives. Move-only, so that the views
/// never outlive the storage they point into (moving keeps every buffer in place).
struct CsvTable {
  std::string file;
  std::vector<std::string_view> header;
  std::vector<CsvTableRow> rows;

  CsvTable() = default;
  CsvTable(CsvTable&&) noexcept = default;
  CsvTable& operator=(CsvTable&&) noexcept = default;
  CsvTable(const CsvTable&) = delete;
  CsvTable& operator=(const CsvTable&) = delete;

  // Storage behind the views: the file's text, unescaped quoted cells, every cell in row order,
  // and the libcsv result when the one-pass parse did not apply.
  std::unique_ptr<const std::string> text;
  std::unique_ptr<std::deque<std::string>> unescaped;
  std::vector<CellView> cells;
  std::unique_ptr<const CsvFile> fallback;
};

/// A problem at a place in a file; line/column 0 when not applicable.
struct Problem {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  std::string str() const;
};

/// Parses CSV text strictly (quotes must be well formed, every row as wide as the header).
/// Appends problems to `problems` and returns what could be read.
CsvFile parse_csv(const std::string& text, const std::string& file, std::vector<Problem>& problems);
/// The same parse fed to libcsv one byte at a time (the reference: parse_csv takes a one-pass
/// path for well-formed text and falls back to this for anything else, and for every error).
CsvFile parse_csv_libcsv(const std::string& text, const std::string& file,
                         std::vector<Problem>& problems);
/// The same parse as parse_csv (same problems, byte for byte), into views over `text`, which the
/// table keeps.
CsvTable parse_csv_table(std::string text, const std::string& file, std::vector<Problem>& problems);
/// Reads and parses a file into a CsvTable; a read failure is a problem at line 0.
CsvTable read_csv_table(const std::string& path, const std::string& display,
                        std::vector<Problem>& problems);
/// Reads and parses a file; a read failure is a problem at line 0.
CsvFile read_csv(const std::string& path, const std::string& display,
                 std::vector<Problem>& problems);

/// Quotes a field when it needs it (comma, quote, CR or LF, leading/trailing space).
std::string csv_escape(const std::string& field);
/// Formats rows as CSV text with LF line ends.
std::string format_csv(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);
/// Writes `content` to `path` atomically (temporary file in the same directory, then rename).
/// Returns an error message, or empty on success.
std::string write_file_atomic(const std::string& path, const std::string& content);
/// The same, with the content streamed by `write` (false, or a failed stream, is an error): for
/// outputs too large to hold twice in memory.
std::string write_file_atomic(const std::string& path,
                              const std::function<bool(std::ostream&)>& write);
/// The most bytes any input file may have (a dataset table, a manifest, a scenario or optimiser
/// file, an importer's input): larger files, and endless ones such as /dev/zero, are refused.
inline constexpr size_t kMaxInputBytes = size_t{256} << 20;
/// The largest cell a table may hold (1 MiB); a larger one is reported and read as empty.
inline constexpr size_t kMaxCellBytes = size_t{1} << 20;
/// Reads a whole file of at most `max_bytes`; returns false when it cannot be read or is larger,
/// with the reason in `*why` when given.
bool read_file(const std::string& path, std::string& out, std::string* why = nullptr,
               size_t max_bytes = kMaxInputBytes);
/// The most problems reported one by one; the rest are counted in a last line.
inline constexpr size_t kMaxReportedProblems = 1000;
/// Problems as `file:line:column: message` lines, at most `max` of them plus a line saying how
/// many more were omitted.
std::vector<std::string> problem_lines(const std::vector<Problem>& problems,
                                       size_t max = kMaxReportedProblems);
/// The byte offset of the first byte that is not part of valid UTF-8 (overlong forms,
/// surrogates and code points above U+10FFFF are invalid), or npos when `text` is valid.
size_t invalid_utf8_at(std::string_view text);

}  // namespace aisov::io
