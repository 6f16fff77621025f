#pragma once
// Shared plumbing of the `aisov` subcommands: options every command has, and printing.
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <functional>
#include <iostream>
#include <optional>
#include <string>

#include "aisov/engine.hpp"
#include "core/strings.hpp"

namespace aisov::cli {

/// Options shared by every subcommand.
struct GlobalOptions {
  std::string data_dir;
  std::string format = "table";
  bool quiet = false;
};

/// The exit code a subcommand's callback leaves for main().
struct Outcome {
  int exit_code = 0;
};

/// Prints an error to stderr (as problem JSON when --format json) and returns its exit code.
inline int fail(const Error& e, const GlobalOptions& g) {
  const bool json = g.format == "json";
  std::cerr << render(e, json ? Format::kJson : Format::kTable);
  return error_exit_code(e.code);
}

/// Opens the engine on --data; prints the error on failure.
inline std::optional<Engine> open_engine(const GlobalOptions& g, int& exit_code) {
  auto engine = Engine::open(EngineOptions{g.data_dir});
  if (!engine) {
    exit_code = fail(engine.error(), g);
    return std::nullopt;
  }
  return std::move(engine).value();
}

/// Adds `--seed` bound to `seed`: a whole number from 0 to 2^64−1 written in decimal digits.
/// (CLI11's own conversion clamps -1, 2^64 and 1e23 to 2^64−1 without a word.)
inline void add_seed(CLI::App* cmd, uint64_t& seed) {
  cmd->add_option_function<std::string>(
      "--seed",
      [&seed](const std::string& text) {
        uint64_t v = 0;
        const char* end = text.data() + text.size();
        auto [p, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc() || p != end) {
          throw CLI::ValidationError("--seed",
                                     "expected a whole number from 0 to "
                                     "18446744073709551615, got '" +
                                         text + "'");
        }
        seed = v;
      },
      "Random seed, 0 to 2^64-1 (default 1)");
}

/// Adds `--format` to a subcommand.
inline void add_format(CLI::App* cmd, GlobalOptions& g) {
  cmd->add_option("--format", g.format, "Output format: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
}

void add_census_commands(CLI::App& app, GlobalOptions& g, Outcome& out);
void add_data_commands(CLI::App& app, GlobalOptions& g, Outcome& out);
void add_serve_command(CLI::App& app, GlobalOptions& g, Outcome& out);
void add_scenario_commands(CLI::App& app, GlobalOptions& g, Outcome& out);
void add_invest_commands(CLI::App& app, GlobalOptions& g, Outcome& out);
// optimiser (issue #5): optimise, site, place
void add_optimise_commands(CLI::App& app, GlobalOptions& g, Outcome& out);

}  // namespace aisov::cli
