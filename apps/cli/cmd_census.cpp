// `aisov census` and `aisov profile`.
#include "common.hpp"

namespace aisov::cli {

namespace {
struct CensusArgs {
  std::string as_of, by = "economy", weight = "regions", providers, site_kinds;
};

// Options shared by census and profile.
void add_scope_options(CLI::App* cmd, CensusArgs& a) {
  cmd->add_option("--as-of", a.as_of, "Date YYYY-MM-DD (default: the dataset's date)");
  cmd->add_option("--providers", a.providers,
                  "Comma-separated provider slugs, or reference-nine (default: all)");
  cmd->add_option("--site-kinds", a.site_kinds,
                  "Comma-separated: public, government, sovereign (default: all)");
  cmd->add_option("--weight", a.weight, "Layer weights: regions, h100e, mw, investment or energy");
}

// The date, provider and site-kind filters without --weight (for `sites`).
void add_filter_options(CLI::App* cmd, CensusArgs& a) {
  cmd->add_option("--as-of", a.as_of, "Date YYYY-MM-DD (default: the dataset's date)");
  cmd->add_option("--providers", a.providers,
                  "Comma-separated provider slugs, or reference-nine (default: all)");
  cmd->add_option("--site-kinds", a.site_kinds,
                  "Comma-separated: public, government, sovereign (default: all)");
}

// Parses the shared options, opens the engine, runs `call` and prints its result.
template <typename Request, typename Call>
void run(const CensusArgs& a, Request req, GlobalOptions& g, Outcome& out, Call call) {
  auto fmt = parse_format(g.format);
  auto weight = parse_census_weight(a.weight);
  for (const Error* e : {fmt ? nullptr : &fmt.error(), weight ? nullptr : &weight.error()}) {
    if (e) {
      out.exit_code = fail(*e, g);
      return;
    }
  }
  auto engine = open_engine(g, out.exit_code);
  if (!engine) return;
  req.as_of = a.as_of;
  req.providers = parse_list(a.providers);
  req.site_kinds = parse_list(a.site_kinds);
  if constexpr (requires { req.weight; }) req.weight = weight.value();
  auto res = call(*engine, req);
  if (!res) {
    out.exit_code = fail(res.error(), g);
    return;
  }
  std::cout << render(res.value(), fmt.value());
}
}  // namespace

void add_census_commands(CLI::App& app, GlobalOptions& g, Outcome& out) {
  auto args = std::make_shared<CensusArgs>();
  auto* census =
      app.add_subcommand("census", "Three-layer compute-sovereignty census of every economy");
  add_scope_options(census, *args);
  census->add_option("--by", args->by, "Rows: economy, bloc, provider or provider-jurisdiction");
  add_format(census, g);
  census->callback([args, &g, &out] {
    auto by = parse_census_by(args->by);
    if (!by) {
      out.exit_code = fail(by.error(), g);
      return;
    }
    CensusRequest req;
    req.by = by.value();
    run(*args, req, g, out, [](const Engine& e, const CensusRequest& r) { return e.census(r); });
  });

  auto pargs = std::make_shared<CensusArgs>();
  auto iso3 = std::make_shared<std::string>();
  auto* profile = app.add_subcommand("profile", "One economy's compute-sovereignty profile");
  profile->add_option("ISO3", *iso3, "ISO 3166-1 alpha-3 code, e.g. DEU")->required();
  add_scope_options(profile, *pargs);
  add_format(profile, g);
  profile->callback([pargs, iso3, &g, &out] {
    ProfileRequest req;
    req.iso3 = *iso3;
    run(*pargs, req, g, out, [](const Engine& e, const ProfileRequest& r) { return e.profile(r); });
  });

  auto sargs = std::make_shared<CensusArgs>();
  auto* sites = app.add_subcommand(
      "sites", "Active regions with coordinates, operator jurisdiction and AI/training flags");
  add_filter_options(sites, *sargs);
  add_format(sites, g);
  sites->callback([sargs, &g, &out] {
    run(*sargs, SitesRequest{}, g, out,
        [](const Engine& e, const SitesRequest& r) { return e.sites(r); });
  });
}

}  // namespace aisov::cli
