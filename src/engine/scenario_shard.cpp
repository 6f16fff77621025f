// Engine::scenario_shard / scenario_merge: a run's draws simulated in ranges on many machines,
// written to shard files (io/shard.hpp), and merged into exactly the single run's result
// (docs/scenarios.md, "Shards and merge").
#include <algorithm>
#include <cstring>
#include <numeric>

#include "aisov/build_config.hpp"
#include "aisov/engine.hpp"
#include "core/failure.hpp"
#include "core/random.hpp"
#include "engine/guarded.hpp"
#include "engine/scenario_prepare.hpp"
#include "io/shard.hpp"

namespace aisov {

namespace {

using engine_detail::guarded;

const char* const kMeasures[] = {"territorial", "sovereign", "accessible"};
const char* const kBaselines[] = {"fixed", "growth", "simulated"};

[[noreturn]] void invalid(const std::string& message) {
  throw core::Failure(ErrorCode::kInvalidInput, message);
}

std::string range_text(int64_t first, int64_t last) {
  return std::to_string(first) + ":" + std::to_string(last);
}

// The header a runner's draws [first, last) carry.
io::ShardHeader shard_header(const engine_detail::PreparedRun& p, const scenario::Runner& runner,
                             const ScenarioRequest& rq, const model::Dataset& ds,
                             const DatasetSummary& summary) {
  io::ShardHeader h;
  h.engine_version = build::kVersion;
  h.random_scheme = core::kRandomSchemeVersion;
  h.dataset_version = ds.dataset_version;
  h.dataset_hash = io::dataset_hash(summary.data_dir);
  h.as_of = summary.as_of;
  h.scenario_name = p.loaded.spec.name;
  h.scenario_file = p.loaded.file;
  h.scenario_hash = p.model.hash;
  h.scenario_format = p.loaded.json ? "json" : "toml";
  h.scenario_text = p.loaded.text;
  h.seed = rq.seed;
  h.draws = runner.draws();
  h.first = runner.first();
  h.last = runner.done();
  h.economies = rq.economies;
  h.years = p.report.years;
  if (rq.years.empty()) h.years.clear();
  h.baseline = kBaselines[static_cast<int>(runner.baseline_store())];
  h.growth_factors = static_cast<int64_t>(runner.growth_powers());
  for (size_t j = 0; j < runner.columns(); ++j) {
    h.columns.push_back({p.report.codes[runner.column_unit(j)], runner.column_year(j),
                         kMeasures[runner.column_measure(j)]});
    if (runner.baseline_store() != scenario::BaselineStore::kSimulated)
      h.column_baselines.push_back(runner.column_baseline(j));
  }
  return h;
}

// What differs between two headers that must agree ("" when nothing).
std::string difference(const io::ShardHeader& a, const io::ShardHeader& b) {
  if (a.engine_version != b.engine_version)
    return "aisov version " + a.engine_version + " against " + b.engine_version;
  if (a.random_scheme != b.random_scheme) {
    return "random scheme " + std::to_string(a.random_scheme) + " against " +
           std::to_string(b.random_scheme);
  }
  if (a.dataset_hash != b.dataset_hash || a.dataset_version != b.dataset_version ||
      a.as_of != b.as_of) {
    return "dataset " + a.dataset_version + " (hash " + a.dataset_hash + ") against " +
           b.dataset_version + " (hash " + b.dataset_hash + ")";
  }
  if (a.scenario_hash != b.scenario_hash)
    return "scenario hash " + a.scenario_hash + " against " + b.scenario_hash;
  if (a.scenario_name != b.scenario_name)
    return "scenario name '" + a.scenario_name + "' against '" + b.scenario_name + "'";
  if (a.scenario_file != b.scenario_file || a.scenario_format != b.scenario_format)
    return "scenario file '" + a.scenario_file + "' against '" + b.scenario_file + "'";
  if (a.seed != b.seed)
    return "seed " + std::to_string(a.seed) + " against " + std::to_string(b.seed);
  if (a.draws != b.draws)
    return "--draws " + std::to_string(a.draws) + " against " + std::to_string(b.draws);
  if (a.economies != b.economies) return "different --economies";
  if (a.years != b.years) return "different --years";
  if (a.baseline != b.baseline || a.growth_factors != b.growth_factors || a.columns != b.columns)
    return "a different layout of columns";
  if (a.column_baselines.size() != b.column_baselines.size() ||
      (!a.column_baselines.empty() &&
       std::memcmp(a.column_baselines.data(), b.column_baselines.data(),
                   a.column_baselines.size() * sizeof(double)) != 0)) {
    return "different column baselines";
  }
  return {};
}

}  // namespace

Result<ScenarioShardInfo> Engine::scenario_shard(const ScenarioShardRequest& request) const {
  return guarded<ScenarioShardInfo>([&] {
    const ScenarioRequest& rq = request.run;
    if (request.out.empty()) {
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "a shard needs a file to write its draws to (--samples-out FILE)");
    }
    if (rq.target_rse != 0) {
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "--target-rse cannot be used with a shard: stopping early needs every "
                          "draw in one run");
    }
    const engine_detail::PreparedRun p =
        engine_detail::prepare_run(*dataset_, rq, engine_detail::load_scenario(rq));
    const int64_t first = request.first;
    const int64_t last = request.first == 0 && request.last == 0 ? rq.draws : request.last;
    if (rq.draws < 1) throw core::Failure(ErrorCode::kInvalidArgument, "--draws must be ≥ 1");
    if (!(first >= 0 && first < last && last <= rq.draws)) {
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "--draw-range " + range_text(first, last) +
                              " must satisfy 0 ≤ START < END ≤ --draws (" +
                              std::to_string(rq.draws) + ")");
    }
    scenario::Runner runner(p.model, p.report, rq.seed, rq.draws);
    runner.simulate(rq, first, last);
    const io::ShardHeader h = shard_header(p, runner, rq, *dataset_, *summary_);
    const size_t nc = runner.columns(), ng = runner.growth_powers();
    const bool simulated = runner.baseline_store() == scenario::BaselineStore::kSimulated;
    std::vector<float> values(nc), baselines(simulated ? nc : 0);
    std::vector<double> growth(ng);
    int64_t shocked = 0;
    const std::string err = io::write_shard(request.out, h, [&](int64_t d, char* rec) {
      const bool on = runner.shocked(d);
      shocked += on;
      rec[0] = on ? 1 : 0;
      char* at = rec + 1;
      runner.values(d, values.data());
      for (float v : values) io::store_f32_le(at, v), at += 4;
      if (simulated) {
        runner.baselines(d, baselines.data());
        for (float v : baselines) io::store_f32_le(at, v), at += 4;
      }
      if (ng > 0) {
        runner.growth(d, growth.data());
        for (double v : growth) io::store_f64_le(at, v), at += 8;
      }
    });
    if (!err.empty()) throw core::Failure(ErrorCode::kIoError, err);
    ScenarioShardInfo info;
    info.file = request.out;
    info.scenario_hash = h.scenario_hash;
    info.seed = h.seed;
    info.draws = h.draws;
    info.first = h.first;
    info.last = h.last;
    info.shocked_draws = shocked;
    info.columns = static_cast<int64_t>(nc);
    return info;
  });
}

Result<ScenarioResult> Engine::scenario_merge(const ScenarioMergeRequest& request) const {
  return guarded<ScenarioResult>([&] {
    const auto& names = request.shards;
    if (names.empty()) {
      throw core::Failure(ErrorCode::kInvalidArgument,
                          "scenario merge needs the shard files of a run");
    }
    // First pass: every header (and the file's size), checked against the first and against
    // this engine. The draws are read and their checksums checked in a second pass, one file at
    // a time, so that only one file is in memory.
    std::vector<io::ShardHeader> heads;
    for (const auto& name : names) {
      heads.push_back(io::read_shard_header(name));
      if (request.cancel && request.cancel->load())
        throw core::Failure(ErrorCode::kCancelled, "scenario merge cancelled");
    }
    for (size_t i = 1; i < heads.size(); ++i) {
      if (const std::string d = difference(heads[i], heads[0]); !d.empty()) {
        invalid(names[i] + " is not a shard of the same run as " + names[0] + ": " + d +
                " (shards of one run share the scenario, dataset, seed, --draws, --economies "
                "and --years)");
      }
    }
    const io::ShardHeader& h0 = heads[0];
    if (h0.engine_version != build::kVersion || h0.random_scheme != core::kRandomSchemeVersion) {
      invalid(names[0] + " was made by aisov " + h0.engine_version + " (random scheme " +
              std::to_string(h0.random_scheme) + "); this is aisov " + build::kVersion +
              " (random scheme " + std::to_string(core::kRandomSchemeVersion) +
              "): merge with the version that made the shards");
    }
    if (const std::string here = io::dataset_hash(summary_->data_dir);
        here != h0.dataset_hash || dataset_->dataset_version != h0.dataset_version) {
      invalid(names[0] + " was made with dataset " + h0.dataset_version + " (hash " +
              h0.dataset_hash + "), but this dataset is " + dataset_->dataset_version + " (hash " +
              here + ", " + summary_->data_dir +
              "): merge with the --data the shards were made with");
    }
    // Coverage: draws [0, draws) exactly once.
    std::vector<size_t> order(heads.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return heads[a].first != heads[b].first ? heads[a].first < heads[b].first
                                              : heads[a].last < heads[b].last;
    });
    int64_t covered = 0;
    size_t prev = order[0];
    for (size_t k = 0; k < order.size(); ++k) {
      const size_t i = order[k];
      const auto& h = heads[i];
      if (h.first > covered) {
        invalid(
            "draws " + range_text(covered, h.first) + " are in no shard (" +
            (k == 0 ? "the first shard, " + names[i] + ", starts at draw " + std::to_string(h.first)
                    : names[prev] + " ends at draw " + std::to_string(covered) + ", " + names[i] +
                          " starts at draw " + std::to_string(h.first)) +
            "; expected draws 0:" + std::to_string(h0.draws) + " exactly once)");
      }
      if (h.first < covered) {
        invalid(names[prev] + " (draws " + range_text(heads[prev].first, heads[prev].last) +
                ") and " + names[i] + " (draws " + range_text(h.first, h.last) +
                ") overlap in draws " + range_text(h.first, std::min(covered, h.last)) +
                "; expected draws 0:" + std::to_string(h0.draws) + " exactly once");
      }
      covered = h.last;
      prev = i;
    }
    if (covered < h0.draws) {
      invalid("draws " + range_text(covered, h0.draws) + " are in no shard (the last, " +
              names[prev] + ", ends at draw " + std::to_string(covered) +
              "; expected draws 0:" + std::to_string(h0.draws) + " exactly once)");
    }

    // The run, rebuilt from the scenario the shards carry; its layout must be theirs.
    ScenarioRequest rq;
    rq.seed = h0.seed;
    rq.draws = h0.draws;
    rq.economies = h0.economies;
    rq.years = h0.years;
    engine_detail::LoadedScenario loaded = engine_detail::parse_loaded(
        h0.scenario_text, h0.scenario_file, h0.scenario_format == "json");
    if (io::fnv1a_hex(loaded.spec.canonical) != h0.scenario_hash) {
      invalid(names[0] + ": the scenario in its header does not have its scenario hash " +
              h0.scenario_hash + ": the file is damaged");
    }
    const engine_detail::PreparedRun p =
        engine_detail::prepare_run(*dataset_, rq, std::move(loaded));
    scenario::Runner runner(p.model, p.report, rq.seed, rq.draws);
    {
      const io::ShardHeader expected = shard_header(p, runner, rq, *dataset_, *summary_);
      io::ShardHeader got = h0;
      got.first = expected.first;
      got.last = expected.last;
      if (const std::string d = difference(got, expected); !d.empty()) {
        invalid(names[0] + " does not match its scenario on this dataset: " + d +
                " (expected what `aisov scenario run` computes now)");
      }
    }
    runner.begin_import();
    const size_t nc = runner.columns(), ng = runner.growth_powers();
    const bool simulated = runner.baseline_store() == scenario::BaselineStore::kSimulated;
    std::vector<float> values(nc), baselines(nc);
    std::vector<double> growth(ng);
    for (size_t k = 0; k < order.size(); ++k) {
      const size_t i = order[k];
      const io::ShardFile f = io::read_shard(names[i]);
      if (!difference(f.header, heads[i]).empty() || f.header.first != heads[i].first ||
          f.header.last != heads[i].last) {
        invalid(names[i] + " changed while it was being merged");
      }
      for (int64_t d = f.header.first; d < f.header.last; ++d) {
        const char* rec = f.record(d);
        const char* at = rec + 1;
        for (auto& v : values) v = io::load_f32_le(at), at += 4;
        if (simulated)
          for (auto& v : baselines) v = io::load_f32_le(at), at += 4;
        for (auto& v : growth) v = io::load_f64_le(at), at += 8;
        const std::string why =
            runner.import_draw(d, rec[0] == 1, values.data(), baselines.data(), growth.data());
        if (!why.empty()) invalid(names[i] + ": draw " + std::to_string(d) + ": " + why);
      }
      if (request.cancel && request.cancel->load())
        throw core::Failure(ErrorCode::kCancelled, "scenario merge cancelled");
    }
    ScenarioResult res = runner.summarise(p.loaded.spec.thresholds, request.threads);
    engine_detail::fill_provenance(res, *dataset_, *summary_, p);
    return res;
  });
}

}  // namespace aisov
