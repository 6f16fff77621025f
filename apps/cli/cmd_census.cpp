// `aisov census` and `aisov profile`.
#include "common.hpp"

namespace aisov::cli {

namespace {
struct CensusArgs {
  std::string as_of, by = "economy", weight = "regions", providers, site_kinds;
};
}  // namespace

void add_census_commands(CLI::App& app, GlobalOptions& g, Outcome& out) {
  auto args = std::make_shared<CensusArgs>();
  auto* census =
      app.add_subcommand("census", "Three-layer compute-sovereignty census of every economy");
  census->add_option("--as-of", args->as_of, "Date YYYY-MM-DD (default: the dataset's date)");
  census->add_option("--providers", args->providers,
                     "Comma-separated provider slugs, or reference-nine (default: all)");
  census->add_option("--site-kinds", args->site_kinds,
                     "Comma-separated: public, government, sovereign (default: all)");
  census->add_option("--by", args->by, "Rows: economy, bloc, provider or provider-jurisdiction");
  census->add_option("--weight", args->weight, "Layer weights: regions, h100e, mw or investment");
  add_format(census, g);
  census->callback([args, &g, &out] {
    auto fmt = parse_format(g.format);
    auto by = parse_census_by(args->by);
    auto weight = parse_census_weight(args->weight);
    for (const Error* e : {fmt ? nullptr : &fmt.error(), by ? nullptr : &by.error(),
                           weight ? nullptr : &weight.error()}) {
      if (e) {
        out.exit_code = fail(*e, g);
        return;
      }
    }
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    CensusRequest req;
    req.as_of = args->as_of;
    req.providers = parse_list(args->providers);
    req.site_kinds = parse_list(args->site_kinds);
    req.by = by.value();
    req.weight = weight.value();
    auto res = engine->census(req);
    if (!res) {
      out.exit_code = fail(res.error(), g);
      return;
    }
    std::cout << render(res.value(), fmt.value());
  });

  auto pargs = std::make_shared<CensusArgs>();
  auto iso3 = std::make_shared<std::string>();
  auto* profile = app.add_subcommand("profile", "One economy's compute-sovereignty profile");
  profile->add_option("ISO3", *iso3, "ISO 3166-1 alpha-3 code, e.g. DEU")->required();
  profile->add_option("--as-of", pargs->as_of, "Date YYYY-MM-DD (default: the dataset's date)");
  profile->add_option("--providers", pargs->providers,
                      "Comma-separated provider slugs, or reference-nine (default: all)");
  profile->add_option("--site-kinds", pargs->site_kinds,
                      "Comma-separated: public, government, sovereign (default: all)");
  profile->add_option("--weight", pargs->weight, "Layer weights: regions, h100e, mw or investment");
  add_format(profile, g);
  profile->callback([pargs, iso3, &g, &out] {
    auto fmt = parse_format(g.format);
    auto weight = parse_census_weight(pargs->weight);
    if (!fmt) {
      out.exit_code = fail(fmt.error(), g);
      return;
    }
    if (!weight) {
      out.exit_code = fail(weight.error(), g);
      return;
    }
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    ProfileRequest req;
    req.iso3 = *iso3;
    req.as_of = pargs->as_of;
    req.providers = parse_list(pargs->providers);
    req.site_kinds = parse_list(pargs->site_kinds);
    req.weight = weight.value();
    auto res = engine->profile(req);
    if (!res) {
      out.exit_code = fail(res.error(), g);
      return;
    }
    std::cout << render(res.value(), fmt.value());
  });
}

}  // namespace aisov::cli
