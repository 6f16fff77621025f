// aisov — national AI compute sovereignty from the command line.
#include <malloc.h>

#include <string_view>

#include "common.hpp"
#include "io/csv.hpp"

namespace {

// Usage errors go to stderr like every other error: as problem JSON with --format json.
int usage_error(const std::string& message, int argc, char** argv) {
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--format=json" ||
        (a == "--format" && i + 1 < argc && std::string_view(argv[i + 1]) == "json")) {
      json = true;
    }
  }
  const aisov::Error e{aisov::ErrorCode::kInvalidArgument, message, {}};
  std::cerr << aisov::render(e, json ? aisov::Format::kJson : aisov::Format::kTable);
  if (!json) std::cerr << "Run with --help for more information.\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace aisov::cli;
  // Blocks up to 64 MiB come from the heap and are reused after they are freed, instead of each
  // being mapped afresh and faulted in page by page (glibc's default maps blocks from 128 KiB
  // up). A run builds and frees arrays of a few MB several times (scenario draws, the
  // optimiser's model and Clp's copies of it): 10 % of an optimiser call at 10,000 draws,
  // 3 % of a 100,000-draw scenario run (bench/optimise-bench.md). Only the process's own policy:
  // the library never calls mallopt.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
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
  // Every argument must be UTF-8 text: it may end up in JSON output and in messages.
  for (int i = 1; i < argc; ++i) {
    if (aisov::io::invalid_utf8_at(argv[i]) != std::string_view::npos) {
      return usage_error("argument " + std::to_string(i) + " is not valid UTF-8", argc, argv);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 says "A subcommand is required" for a misspelt command: name it instead.
    // The first word that is neither an option nor the value of --data.
    std::string word;
    for (int i = 1; i < argc; ++i) {
      const std::string_view a = argv[i];
      if (a == "--data") {
        ++i;
      } else if (!a.empty() && a[0] != '-') {
        word = a;
        break;
      }
    }
    std::string names;
    bool known = word.empty();
    for (const auto* sub : app.get_subcommands({})) {
      names += (names.empty() ? "" : ", ") + sub->get_name();
      known = known || sub->check_name(word);
    }
    if (!known) {
      return usage_error("unknown command '" + word + "' (commands: " + names + ")", argc, argv);
    }
    return usage_error(e.what(), argc, argv);
  }
  return out.exit_code;
}
