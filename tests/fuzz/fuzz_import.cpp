// libFuzzer target: the importers (io::import_facilities) onto the tiny fixture. The first byte
// picks the format ('0' epoch-clusters, '1' non-us-registry, '2' facility-csv with the mapping
// documented in docs/data-format.md, '3' electricity-prices; bit 2 picks the registry's
// investment basis); the rest is the input file. Input that imports without problems is also
// written out as a new dataset (Engine::import_data), which validates it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "io/importers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kFormats[] = {"epoch-clusters", "non-us-registry", "facility-csv",
                                         "electricity-prices"};
  const auto& dir = aisov::fuzz::scratch_dir();
  const std::string input = (dir / "in.csv").string();
  aisov::fuzz::write_file(input, reinterpret_cast<const char*>(data) + 1, size - 1);

  aisov::io::ImportSpec spec;
  spec.format = kFormats[data[0] % 4];
  spec.path = input;
  spec.investment_basis = (data[0] & 4) ? "project" : "total";
  if (spec.format == "facility-csv") {
    spec.mapping = {{"name", "Site"},
                    {"country", "Country"},
                    {"status", "Status"},
                    {"power_mw", "MW"},
                    {"h100e", "H100e"},
                    {"operator", "Operator"},
                    {"first_operational", "Opened"}};
    spec.source_id = "fuzz-list";
    spec.source_title = "Fuzz list";
    spec.source_url = "https://example.org/fuzz";
  }
  const aisov::Engine& engine = aisov::fuzz::tiny_engine();
  std::vector<aisov::io::Problem> problems;
  const auto rows = aisov::io::import_facilities(engine.dataset(), spec, problems);
  (void)aisov::io::problem_lines(problems);
  if (!problems.empty() || (rows.facilities.empty() && rows.indicators.empty())) return 0;

  aisov::ImportRequest req;
  req.format = spec.format;
  req.path = spec.path;
  req.out_dir = (dir / "out").string();
  req.overwrite = true;
  req.mapping = spec.mapping;
  req.source_id = spec.source_id;
  req.source_title = spec.source_title;
  req.source_url = spec.source_url;
  req.investment_basis = spec.investment_basis;
  (void)engine.import_data(req);
  return 0;
}
