// libFuzzer target: the strict CSV reader (io::parse_csv) on arbitrary bytes, then the helpers
// that turn what it read back into text (problem lines, escaping, formatting).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aisov::io;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<Problem> problems;
  const CsvFile f = parse_csv(text, "fuzz.csv", problems);
  (void)problem_lines(problems);
  (void)invalid_utf8_at(text);
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : f.rows) {
    auto& out = rows.emplace_back();
    for (const auto& c : r.cells) out.push_back(csv_escape(c.text));
  }
  (void)format_csv(f.header, rows);
  return 0;
}
