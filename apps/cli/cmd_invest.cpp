// `aisov invest profile|compare|project|archetypes|programmes`: the AI value-chain investment
// model (docs/methodology.md §13).
#include "common.hpp"

namespace aisov::cli {

namespace {

// Runs one engine call and prints its rendering; errors go to stderr with exit code 2 (bad
// input) or 1.
template <typename Call>
void run(GlobalOptions& g, Outcome& out, Call call) {
  auto fmt = parse_format(g.format);
  if (!fmt) {
    out.exit_code = fail(fmt.error(), g);
    return;
  }
  auto engine = open_engine(g, out.exit_code);
  if (!engine) return;
  auto res = call(*engine);
  if (!res) {
    out.exit_code = fail(res.error(), g);
    return;
  }
  std::cout << render(res.value(), fmt.value());
}

struct ProjectArgs {
  int to = 2030;
  int64_t draws = 10000;
  uint64_t seed = 1;
  int threads = 0;
  std::string economies;
};

}  // namespace

void add_invest_commands(CLI::App& app, GlobalOptions& g, Outcome& out) {
  auto* inv = app.add_subcommand("invest",
                                 "AI value-chain investment: estimates, benchmarks, "
                                 "projections, archetypes, programmes");
  inv->require_subcommand(1);

  auto code = std::make_shared<std::string>();
  auto* profile = inv->add_subcommand("profile", "One economy's investment profile and pathway");
  profile->add_option("ISO3", *code, "Economy (ISO3)")->required();
  add_format(profile, g);
  profile->callback([code, &g, &out] {
    run(g, out, [&](const Engine& e) {
      InvestProfileRequest req;
      req.iso3 = *code;
      return e.invest_profile(req);
    });
  });

  auto list = std::make_shared<std::string>();
  auto* compare = inv->add_subcommand("compare", "Economies and blocs side by side (% of GDP)");
  compare->add_option("LIST", *list, "Comma-separated ISO3 codes or bloc ids")->required();
  add_format(compare, g);
  compare->callback([list, &g, &out] {
    run(g, out, [&](const Engine& e) {
      InvestCompareRequest req;
      req.codes = parse_list(*list);
      return e.invest_compare(req);
    });
  });

  auto pa = std::make_shared<ProjectArgs>();
  auto* project = inv->add_subcommand("project", "Monte Carlo projection of annual investment");
  project->add_option("--to", pa->to, "Last year (default 2030)");
  project->add_option("--draws", pa->draws, "Monte Carlo draws (default 10000)");
  add_seed(project, pa->seed);
  project->add_option("--threads", pa->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 1024));
  project->add_option("--economies", pa->economies, "Comma-separated ISO3 codes to project too");
  add_format(project, g);
  project->callback([pa, &g, &out] {
    run(g, out, [&](const Engine& e) {
      InvestProjectRequest req;
      req.to = pa->to;
      req.draws = pa->draws;
      req.seed = pa->seed;
      req.threads = pa->threads;
      req.economies = parse_list(pa->economies);
      return e.invest_project(req);
    });
  });

  auto* arche = inv->add_subcommand("archetypes", "Every economy's archetype and next step");
  add_format(arche, g);
  arche->callback([&g, &out] {
    run(g, out, [&](const Engine& e) { return e.invest_archetypes(InvestArchetypesRequest{}); });
  });

  auto econ = std::make_shared<std::string>();
  auto* progs = inv->add_subcommand("programmes", "Announced national and corporate programmes");
  progs->add_option("--economy", *econ, "Only this economy (ISO3) or bloc id");
  add_format(progs, g);
  progs->callback([econ, &g, &out] {
    run(g, out, [&](const Engine& e) {
      InvestProgrammesRequest req;
      req.economy = *econ;
      return e.invest_programmes(req);
    });
  });
}

}  // namespace aisov::cli
