// `aisov data validate|sources|info|import`.
#include "common.hpp"

namespace aisov::cli {

void add_data_commands(CLI::App& app, GlobalOptions& g, Outcome& out) {
  auto* data = app.add_subcommand("data", "Inspect, validate and extend datasets");
  data->require_subcommand(1);
  data->fallthrough();

  auto* validate =
      data->add_subcommand("validate", "Check a dataset; list every problem as file:line:column");
  add_format(validate, g);
  validate->callback([&g, &out] {
    ValidationReport r = Engine::validate(g.data_dir);
    auto fmt = parse_format(g.format);
    std::string text = render(r, fmt ? fmt.value() : Format::kTable);
    if (r.ok) {
      std::cout << text;
    } else {
      // Problems go to stderr in table form, but JSON/CSV reports are data: stdout.
      (fmt && fmt.value() != Format::kTable ? std::cout : std::cerr) << text;
      out.exit_code = 2;
    }
  });

  auto* sources =
      data->add_subcommand("sources", "The sources table, with how many rows cite each");
  add_format(sources, g);
  sources->callback([&g, &out] {
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    std::cout << render(engine->sources(), parse_format(g.format).value());
  });

  auto* info = data->add_subcommand("info", "Dataset version and row counts");
  add_format(info, g);
  info->callback([&g, &out] {
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    std::cout << render(engine->summary(), parse_format(g.format).value());
  });

  auto req = std::make_shared<ImportRequest>();
  auto maps = std::make_shared<std::vector<std::string>>();
  auto* imp = data->add_subcommand(
      "import", "Write a new dataset directory: this dataset plus rows imported from a file");
  imp->add_option("FORMAT", req->format,
                  "epoch-clusters, non-us-registry, facility-csv or electricity-prices")
      ->required();
  imp->add_option("PATH", req->path, "Input file (non-us-registry: its CSV or folder)")->required();
  imp->add_option("--out", req->out_dir, "New dataset directory")->required();
  imp->add_flag("--force", req->overwrite, "Replace --out if it exists");
  imp->add_option("--map", *maps,
                  "facility-csv: COLUMN=INPUT_COLUMN, repeatable or comma-separated "
                  "(e.g. name=Site,country=Country,status=Status,power_mw=MW)")
      ->delimiter(',');
  imp->add_option("--source-id", req->source_id, "Source row the imported rows cite");
  imp->add_option("--source-title", req->source_title, "Title of a new source row");
  imp->add_option("--source-url", req->source_url, "URL of a new source row");
  imp->add_option("--investment-basis", req->investment_basis,
                  "non-us-registry: total (the registry's total investment, default) or project "
                  "(project-specific investment only)")
      ->check(CLI::IsMember({"total", "project"}));
  add_format(imp, g);
  imp->callback([req, maps, &g, &out] {
    for (const auto& m : *maps) {
      auto eq = m.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) {
        out.exit_code = fail(Error{ErrorCode::kInvalidArgument,
                                   "--map expects COLUMN=INPUT_COLUMN, got '" + m + "'",
                                   {}},
                             g);
        return;
      }
      req->mapping.emplace_back(m.substr(0, eq), m.substr(eq + 1));
    }
    auto engine = open_engine(g, out.exit_code);
    if (!engine) return;
    auto res = engine->import_data(*req);
    if (!res) {
      out.exit_code = fail(res.error(), g);
      return;
    }
    const auto& r = res.value();
    if (!g.quiet) {
      for (const auto& s : r.skipped) std::cerr << "skipped: " << s << "\n";
      for (const auto& s : r.duplicates) std::cerr << "duplicate: " << s << "\n";
      for (const auto& s : r.corrections) std::cerr << "corrected: " << s << "\n";
      for (const auto& s : r.notes) std::cerr << "note: " << s << "\n";
    }
    // Replacements change what the dataset holds without adding to it: always say so.
    if (r.facilities_replaced > 0) {
      std::cerr << "replaced " << r.facilities_replaced
                << " facilities the dataset already held from the same source (same upstream "
                   "rows, re-imported); added "
                << r.facilities_added << "\n";
    }
    std::cout << render(r, Format::kTable);
  });
}

}  // namespace aisov::cli
