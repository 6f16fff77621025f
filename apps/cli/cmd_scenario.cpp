// `aisov scenario run|merge|check|list`.
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <csignal>
#include <string_view>

#include "common.hpp"
#include "io/csv.hpp"

namespace aisov::cli {

namespace {

// The Ctrl-C flag: a signal handler can only reach static storage. It lives here, in the CLI,
// and is handed to the library as a cancellation token.
std::atomic<bool> g_interrupted{
    false};  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

extern "C" void on_sigint(int) { g_interrupted.store(true); }

// Installs the handler for the lifetime of a run and restores the previous one.
class SigintGuard {
 public:
  SigintGuard() {
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_);
  }
  ~SigintGuard() { sigaction(SIGINT, &old_, nullptr); }
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  struct sigaction old_ {};
};

struct RunArgs {
  std::string file, economies, years, output, draw_range, samples_out;
  int64_t draws = 10000;
  uint64_t seed = 1;
  int threads = 0;
  double target_rse = 0;
};

// "2027,2030" or "2027-2030" (or a mix) → years; false when malformed.
bool parse_years(const std::string& text, std::vector<int>& out) {
  for (const auto& part : core::split_list(text, ',')) {
    const auto dash = part.find('-');
    try {
      size_t used = 0;
      if (dash == std::string::npos) {
        out.push_back(std::stoi(part, &used));
        if (used != part.size()) return false;
      } else {
        const int a = std::stoi(part.substr(0, dash), &used);
        const int b = std::stoi(part.substr(dash + 1));
        if (b < a || b - a > 200) return false;
        for (int y = a; y <= b; ++y) out.push_back(y);
      }
    } catch (const std::exception&) {
      return false;
    }
  }
  return true;
}

// "START:END" → draws [START, END); false when malformed (the engine checks the bounds).
bool parse_range(const std::string& text, int64_t& first, int64_t& last) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return false;
  auto whole = [](std::string_view t, int64_t& v) {
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    return !t.empty() && ec == std::errc() && p == t.data() + t.size();
  };
  const std::string_view all = text;
  return whole(all.substr(0, colon), first) && whole(all.substr(colon + 1), last);
}

// Prints a result, or writes it atomically to `output`.
void emit(const std::string& text, const std::string& output, const GlobalOptions& g,
          Outcome& out) {
  if (output.empty()) {
    std::cout << text;
    return;
  }
  if (auto err = io::write_file_atomic(output, text); !err.empty()) {
    out.exit_code = fail(Error{ErrorCode::kIoError, err, {}}, g);
    return;
  }
  if (!g.quiet) std::cerr << "wrote " << output << "\n";
}

}  // namespace

void add_scenario_commands(CLI::App& app, GlobalOptions& g, Outcome& out) {
  auto* sc = app.add_subcommand("scenario", "Monte Carlo stress tests of AI compute to a horizon");
  sc->require_subcommand(1);

  auto args = std::make_shared<RunArgs>();
  auto* run = sc->add_subcommand("run", "Run a scenario file (or a bundled scenario's name)");
  run->add_option("FILE", args->file, "Scenario file (TOML or JSON) or bundled name")->required();
  run->add_option("--draws", args->draws, "Monte Carlo draws (default 10000)")
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}));
  add_seed(run, args->seed);
  run->add_option("--threads", args->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  run->add_option("--economies", args->economies,
                  "Comma-separated ISO3 codes or bloc ids to report (default: all with compute)");
  run->add_option("--years", args->years, "Years to report, e.g. 2027,2030 or 2027-2030");
  run->add_option("--target-rse", args->target_rse,
                  "Stop early when every mean's relative standard error is at most this");
  run->add_option("-o,--output", args->output, "Write the result to this file (atomically)");
  run->add_option("--draw-range", args->draw_range,
                  "Run only draws START:END of the run (0 <= START < END <= --draws), a shard; "
                  "needs --samples-out");
  run->add_option("--samples-out", args->samples_out,
                  "Write each draw's outputs to this shard file (atomically) instead of the "
                  "statistics; `aisov scenario merge` turns the shards into the result");
  add_format(run, g);
  run->callback([args, &g, &out] {
    auto fmt = parse_format(g.format);
    if (!fmt) {
      out.exit_code = fail(fmt.error(), g);
      return;
    }
    auto usage = [&](const std::string& message) {
      out.exit_code = fail(Error{ErrorCode::kInvalidArgument, message, {}}, g);
    };
    int64_t first = 0, last = 0;
    if (!args->draw_range.empty() && args->samples_out.empty()) {
      return usage(
          "--draw-range needs --samples-out FILE: a shard's per-draw outputs go to a file, "
          "and `aisov scenario merge` turns the shards into the result");
    }
    if (!args->samples_out.empty()) {
      if (!args->output.empty()) {
        return usage(
            "-o/--output writes a run's statistics, but with --samples-out the command writes a "
            "shard: give -o to `aisov scenario merge`");
      }
      if (args->target_rse != 0) {
        return usage(
            "--target-rse cannot be used with --samples-out: stopping early needs every draw "
            "in one run");
      }
      if (args->draw_range.empty()) {
        last = args->draws;
      } else if (!parse_range(args->draw_range, first, last)) {
        return usage("malformed --draw-range '" + args->draw_range +
                     "' (expected START:END, e.g. 0:2500)");
      }
    }
    ScenarioRequest req;
    req.file = args->file;
    req.draws = args->draws;
    req.seed = args->seed;
    req.threads = args->threads;
    req.target_rse = args->target_rse;
    req.economies = core::split_list(args->economies, ',');
    if (!parse_years(args->years, req.years)) {
      out.exit_code = fail(
          Error{ErrorCode::kInvalidArgument, "malformed --years '" + args->years + "'", {}}, g);
      return;
    }
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    g_interrupted.store(false);
    SigintGuard guard;
    req.cancel = &g_interrupted;
    const bool bar = !g.quiet && ::isatty(STDERR_FILENO);
    if (bar) {
      req.progress = [](int64_t done, int64_t total) {
        const int width = 30;
        const auto filled = static_cast<int>(width * done / std::max<int64_t>(total, 1));
        std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] "
                  << done << "/" << total << " draws" << std::flush;
      };
    }
    if (!args->samples_out.empty()) {
      auto shard =
          engine->scenario_shard(ScenarioShardRequest{req, first, last, args->samples_out});
      if (bar) std::cerr << "\r\033[K" << std::flush;
      if (!shard) {
        out.exit_code = fail(shard.error(), g);
        return;
      }
      const ScenarioShardInfo& s = shard.value();
      if (!g.quiet) {
        std::cerr << render(s, Format::kTable);
      }
      return;
    }
    auto res = engine->scenario_run(req);
    if (bar) std::cerr << "\r\033[K" << std::flush;
    if (!res) {
      out.exit_code = fail(res.error(), g);
      return;
    }
    emit(render(res.value(), fmt.value()), args->output, g, out);
  });

  struct MergeArgs {
    std::vector<std::string> shards;
    std::string output;
    int threads = 0;
  };
  auto margs = std::make_shared<MergeArgs>();
  auto* merge = sc->add_subcommand(
      "merge", "Merge the shard files of a run into its result (as if run in one go)");
  merge->add_option("SHARDS", margs->shards, "Shard files from `scenario run … --samples-out`")
      ->required();
  merge->add_option("--threads", margs->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  merge->add_option("-o,--output", margs->output, "Write the result to this file (atomically)");
  add_format(merge, g);
  merge->callback([margs, &g, &out] {
    auto fmt = parse_format(g.format);
    if (!fmt) {
      out.exit_code = fail(fmt.error(), g);
      return;
    }
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    g_interrupted.store(false);
    SigintGuard guard;
    ScenarioMergeRequest req;
    req.shards = margs->shards;
    req.threads = margs->threads;
    req.cancel = &g_interrupted;
    auto res = engine->scenario_merge(req);
    if (!res) {
      out.exit_code = fail(res.error(), g);
      return;
    }
    emit(render(res.value(), fmt.value()), margs->output, g, out);
  });

  auto file = std::make_shared<std::string>();
  auto* check = sc->add_subcommand("check", "Check a scenario file against the dataset");
  check->add_option("FILE", *file, "Scenario file (TOML or JSON) or bundled name")->required();
  add_format(check, g);
  check->callback([file, &g, &out] {
    auto fmt = parse_format(g.format);
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    ScenarioRequest req;
    req.file = *file;
    auto res = engine->scenario_check(req);
    if (!res) {
      out.exit_code = fail(res.error(), g);
      return;
    }
    std::cout << render(res.value(), fmt ? fmt.value() : Format::kTable);
  });

  auto* list = sc->add_subcommand("list", "The bundled scenarios");
  add_format(list, g);
  list->callback([&g, &out] {
    auto fmt = parse_format(g.format);
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    auto res = engine->scenario_list();
    if (!res) {
      out.exit_code = fail(res.error(), g);
      return;
    }
    std::cout << render(res.value(), fmt ? fmt.value() : Format::kTable);
  });
}

}  // namespace aisov::cli
