// aisov — national AI compute sovereignty from the command line.
#include "common.hpp"

int main(int argc, char** argv) {
  using namespace aisov::cli;
  CLI::App app{"aisov: measure, map and stress-test national AI compute sovereignty"};
  app.require_subcommand(1);
  // Global options (--data, --quiet) may also follow the subcommand: `aisov data validate --data
  // DIR`.
  app.fallthrough();
  app.set_version_flag("--version", aisov::Engine::version());
  GlobalOptions g;
  app.add_option("--data", g.data_dir, "Dataset directory (default: the bundled dataset)")
      ->envname("AISOV_DATA");
  app.add_flag("-q,--quiet", g.quiet, "No notes on stderr");
  Outcome out;
  add_census_commands(app, g, out);
  add_data_commands(app, g, out);
  add_serve_command(app, g, out);
  add_scenario_commands(app, g, out);
  add_invest_commands(app, g, out);
  add_optimise_commands(app, g, out);  // issue #5
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // CLI11 returns 0 for --help/--version and 106/109… for usage errors: usage errors are 2.
    return code == 0 ? 0 : 2;
  }
  return out.exit_code;
}
