// How long loading and validating the bundled dataset and running a census take.
// Run: ./build/bench/aisov_bench   (a benchmark, never a test: machines are noisy)
#include <benchmark/benchmark.h>

#include "aisov/engine.hpp"

namespace {

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
