// How long loading and validating the bundled dataset and running a census take, and the CSV
// parse inside the load: parse_csv (one pass) against the same text fed to libcsv byte by byte
// (parse_csv_libcsv, the reader before issue #13), same files, same iterations; and
// parse_csv_table, the same parse into views, which the dataset load uses. bench/load-bench.md
// records the figures.
// Run: ./build/bench/aisov_bench   (a benchmark, never a test: machines are noisy)
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "aisov/engine.hpp"
#include "io/csv.hpp"

namespace {

// Every .csv file of the bundled dataset, read once.
std::vector<std::string> bundled_csv_texts() {
  std::vector<std::string> out;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(aisov::Engine::default_data_dir())) {
    if (e.path().extension() != ".csv") continue;
    std::string text;
    if (aisov::io::read_file(e.path().string(), text)) out.push_back(std::move(text));
  }
  return out;
}

template <aisov::io::CsvFile (*Parse)(const std::string&, const std::string&,
                                      std::vector<aisov::io::Problem>&)>
void BM_ParseBundledCsv(benchmark::State& state) {
  const std::vector<std::string> texts = bundled_csv_texts();
  size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  for (auto _ : state) {
    std::vector<aisov::io::Problem> problems;
    for (const auto& t : texts) benchmark::DoNotOptimize(Parse(t, "bench.csv", problems));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK_TEMPLATE(BM_ParseBundledCsv, aisov::io::parse_csv)
    ->Name("BM_ParseBundledCsv/one_pass")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_ParseBundledCsv, aisov::io::parse_csv_libcsv)
    ->Name("BM_ParseBundledCsv/libcsv_bytewise")
    ->Unit(benchmark::kMillisecond);

// The reader the dataset load uses: the same parse into views over each file's own text
// (parse_csv_table; the copy of the text it keeps is part of the cost).
void BM_ParseBundledCsvViews(benchmark::State& state) {
  const std::vector<std::string> texts = bundled_csv_texts();
  size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  for (auto _ : state) {
    std::vector<aisov::io::Problem> problems;
    for (const auto& t : texts) {
      benchmark::DoNotOptimize(aisov::io::parse_csv_table(t, "bench.csv", problems));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_ParseBundledCsvViews)
    ->Name("BM_ParseBundledCsv/one_pass_views")
    ->Unit(benchmark::kMillisecond);

void BM_LoadBundledDataset(benchmark::State& state) {
  for (auto _ : state) {
    auto engine = aisov::Engine::open({});
    if (!engine) state.SkipWithError(engine.error().message.c_str());
    benchmark::DoNotOptimize(engine);
  }
}
BENCHMARK(BM_LoadBundledDataset)->Unit(benchmark::kMillisecond);

void BM_WorldCensus(benchmark::State& state) {
  auto engine = aisov::Engine::open({});
  if (!engine) {
    state.SkipWithError(engine.error().message.c_str());
    return;
  }
  aisov::CensusRequest req;
  req.as_of = "2024-11-30";
  for (auto _ : state) {
    auto r = engine.value().census(req);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_WorldCensus)->Unit(benchmark::kMillisecond);

void BM_RenderCensusJson(benchmark::State& state) {
  auto engine = aisov::Engine::open({});
  if (!engine) {
    state.SkipWithError(engine.error().message.c_str());
    return;
  }
  auto r = engine.value().census({});
  for (auto _ : state) benchmark::DoNotOptimize(aisov::render(r.value(), aisov::Format::kJson));
}
BENCHMARK(BM_RenderCensusJson)->Unit(benchmark::kMillisecond);

}  // namespace
