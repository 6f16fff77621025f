// The `aisov scenario` commands end to end: bad input, atomic output, formats.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace aisov::test {
namespace {

std::string tiny() { return "--data " + fixture("tiny") + " "; }
std::string scen(const std::string& name) { return fixture("scenarios/" + name); }

TEST(ScenarioCli, UnknownEconomyIsExit2WithLineAndColumn) {
  TempDir tmp;
  auto r = run_cli(tiny() + "scenario run " + scen("bad-unknown-economy.toml") + " -o " +
                   tmp / "out.csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad-unknown-economy.toml:6:21: shocks[0].economies[1]: unknown economy"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp / "out.csv"));
}

TEST(ScenarioCli, BadValuesAreAllReported) {
  auto r = run_cli(tiny() + "scenario check " + scen("bad-probability.toml"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(":4:15: shocks[0].probability: a probability must lie in [0, 1]"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(":7:8: shocks[0].loss: inverted interval"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(":8:1: shocks[0].colour: unknown key 'colour'"), std::string::npos) << r.err;
}

TEST(ScenarioCli, MalformedToml) {
  auto r = run_cli(tiny() + "scenario run " + scen("bad-syntax.toml"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad-syntax.toml:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("malformed TOML"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(ScenarioCli, UnknownFileAndBadOptions) {
  EXPECT_EQ(run_cli(tiny() + "scenario run /nonexistent.toml").exit_code, 2);
  EXPECT_EQ(
      run_cli(tiny() + "scenario run " + scen("all-kinds.toml") + " --economies XXX").exit_code, 2);
  EXPECT_EQ(run_cli(tiny() + "scenario run " + scen("all-kinds.toml") + " --years 2040").exit_code,
            2);
  EXPECT_EQ(run_cli(tiny() + "scenario run " + scen("all-kinds.toml") + " --draws 0").exit_code, 2);
}

TEST(ScenarioCli, JsonOutputWithMetaAndAtomicFile) {
  TempDir tmp;
  auto r = run_cli(tiny() + "scenario run " + scen("all-kinds.toml") +
                   " --draws 300 --seed 9 --economies DEU,eu --years 2026,2027 --format json -o " +
                   tmp / "r.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string text;
  {
    std::ifstream in(tmp / "r.json");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["meta"]["seed"], 9);
  EXPECT_EQ(j["meta"]["draws"], 300);
  EXPECT_EQ(j["meta"]["dataset_version"], "test.1");
  EXPECT_EQ(j["meta"]["scenario_hash"].get<std::string>().size(), 16u);
  EXPECT_EQ(j["rows"].size(), 2u * 2u * 3u);
  EXPECT_EQ(j["rows"][0]["code"], "DEU");
  for (const auto& e : std::filesystem::directory_iterator(tmp.str()))
    EXPECT_EQ(e.path().filename(), "r.json");  // no temporary left behind
}

TEST(ScenarioCli, JsonScenarioFormMatchesToml) {
  TempDir tmp;
  const std::string toml = tmp / "s.toml";
  {
    std::ofstream out(toml);
    out << "name = \"json form\"\nhorizon = 2026\n[baseline]\ngrowth = 0.5\nretirement = 0.2\n"
           "[defaults]\nregion_chips_training = 989.4\nregion_chips_inference = 989.4\n"
           "[[shocks]]\nkind = \"export_control\"\nstart = 2025\ndesigners = [\"USA\"]\n"
           "economies = [\"DEU\"]\n";
  }
  auto a = run_cli(tiny() + "scenario run " + toml + " --draws 50 --format csv");
  auto b =
      run_cli(tiny() + "scenario run " + scen("all-kinds-small.json") + " --draws 50 --format csv");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
  // Hand-worked (scenario_test.cpp): DEU territorial 2025 = 2902 H100e.
  EXPECT_NE(a.out.find("DEU,Germany,2025,territorial,5047.5,2902,"), std::string::npos) << a.out;
}

TEST(ScenarioCli, HashIsOverCanonicalContent) {
  TempDir tmp;
  auto hash_of = [&](const std::string& name, const std::string& text, bool json = false) {
    const std::string path = tmp / (name + (json ? ".json" : ".toml"));
    std::ofstream(path) << text;
    auto r = run_cli(tiny() + "scenario check " + path + " --format json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["scenario_hash"].get<std::string>();
  };
  // FNV-1a 64 of the canonical text {"horizon":2027.0,"name":"x"}, computed independently.
  EXPECT_EQ(hash_of("a", "name = \"x\"\nhorizon = 2027\n"), "6222fba48e30677e");
  // Comments, layout, key order, quoting and the JSON form do not matter …
  EXPECT_EQ(hash_of("b", "# a comment\nhorizon   = 2027  # end\n\nname = 'x'\n"),
            "6222fba48e30677e");
  EXPECT_EQ(hash_of("c", "{\"horizon\": 2027, \"name\": \"x\"}", true), "6222fba48e30677e");
  // … the content does.
  EXPECT_NE(hash_of("d", "name = \"x\"\nhorizon = 2028\n"), "6222fba48e30677e");
}

TEST(ScenarioCli, CsvRowsCarryTheMeta) {
  auto r = run_cli(tiny() + "scenario run " + scen("all-kinds.toml") +
                   " --draws 40 --seed 5 --economies DEU --years 2026 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto header = r.out.substr(0, r.out.find('\n'));
  EXPECT_NE(header.find(",scenario,scenario_hash,seed,draws,dataset_version,engine_version"),
            std::string::npos)
      << header;
  const auto first =
      r.out.substr(header.size() + 1, r.out.find('\n', header.size() + 1) - header.size() - 1);
  EXPECT_NE(first.find(",5,40,test.1,"), std::string::npos) << first;
}

TEST(ScenarioCli, JsonProblemsHaveLineAndColumn) {
  TempDir tmp;
  const std::string path = tmp / "bad.json";
  std::ofstream(path)
      << "{\n  \"name\": \"bad\",\n  \"shocks\": [\n    {\"kind\": \"export_control\","
         " \"start\": 2025,\n     \"designers\": [\"USA\"], \"economies\": "
         "[\"DEU\", \"XXX\"], \"probability\": 1.5}\n  ]\n}\n";
  auto r = run_cli(tiny() + "scenario check " + path);
  EXPECT_EQ(r.exit_code, 2);
  // Line 5: "     \"designers\": [\"USA\"], \"economies\": [\"DEU\", \"XXX\"],
  // \"probability\": 1.5}" the value 1.5 starts at column 72 of that line.
  EXPECT_NE(r.err.find("bad.json:5:72: shocks[0].probability"), std::string::npos) << r.err;
}

TEST(ScenarioCli, CheckAndList) {
  auto c = run_cli(tiny() + "scenario check " + scen("all-kinds.toml"));
  EXPECT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("4 shocks"), std::string::npos) << c.out;
  auto l = run_cli("scenario list");
  EXPECT_EQ(l.exit_code, 0) << l.err;
  EXPECT_NE(l.out.find("taiwan-foundry.toml"), std::string::npos) << l.out;
}

TEST(ScenarioCli, EveryBundledScenarioChecksOnTheBundledDataset) {
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/scenarios")) {
    auto r = run_cli("scenario check " + e.path().string());
    EXPECT_EQ(r.exit_code, 0) << e.path() << ": " << r.err;
  }
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A bundled scenario on the bundled dataset, split into three uneven shards on different thread
// counts and merged in shuffled order: every format, on stdout and with -o, is the single run's
// bytes.
TEST(ScenarioCli, ShardsMergeToTheSingleRunsBytes) {
  TempDir tmp;
  const std::string run = "scenario run taiwan-foundry --draws 2500 --seed 7 ";
  struct Shard {
    const char* range;
    const char* threads;
    const char* file;
  };
  for (const Shard& s :
       {Shard{"0:800", "1", "a"}, Shard{"800:2499", "2", "b"}, Shard{"2499:2500", "2", "c"}}) {
    auto r = run_cli(run + "--threads " + s.threads + " --draw-range " + s.range +
                     " --samples-out " + tmp / s.file);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;  // a shard prints no statistics
    EXPECT_NE(r.err.find("wrote " + tmp / s.file + ": draws " + s.range + " of 2500"),
              std::string::npos)
        << r.err;
  }
  const std::string shards = tmp / "c" + " " + tmp / "a" + " " + tmp / "b";
  for (const std::string format : {"json", "csv", "table"}) {
    auto single = run_cli(run + "--format " + format);
    ASSERT_EQ(single.exit_code, 0) << single.err;
    auto merged = run_cli("scenario merge " + shards + " --format " + format);
    ASSERT_EQ(merged.exit_code, 0) << merged.err;
    EXPECT_EQ(merged.out, single.out) << format;
    ASSERT_EQ(run_cli(run + "--format " + format + " -o " + tmp / "single").exit_code, 0);
    ASSERT_EQ(run_cli("scenario merge " + shards + " --threads 1 --format " + format + " -o " +
                      tmp / "merged")
                  .exit_code,
              0);
    EXPECT_EQ(read_all(tmp / "merged"), read_all(tmp / "single")) << format;
  }
}

TEST(ScenarioCli, ShardUsageErrors) {
  TempDir tmp;
  const std::string run = tiny() + "scenario run " + scen("all-kinds.toml") + " --draws 100 ";
  struct Case {
    std::string args, expected;
  };
  const Case cases[] = {
      {run + "--draw-range 0:50", "--draw-range needs --samples-out FILE"},
      {run + "--draw-range 0:50 --samples-out " + tmp / "s -o " + tmp / "o",
       "-o/--output writes a run's statistics"},
      {run + "--draw-range 0-50 --samples-out " + tmp / "s", "malformed --draw-range '0-50'"},
      {run + "--draw-range 50:40 --samples-out " + tmp / "s",
       "--draw-range 50:40 must satisfy 0 ≤ START < END ≤ --draws (100)"},
      {run + "--draw-range 0:101 --samples-out " + tmp / "s", "--draw-range 0:101"},
      {run + "--samples-out " + tmp / "s --target-rse 0.1", "--target-rse cannot be used"},
      {tiny() + "scenario merge " + tmp / "missing", "cannot read shard file"},
      {tiny() + "scenario merge", "SHARDS is required"},
  };
  for (const auto& c : cases) {
    auto r = run_cli(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_TRUE(r.out.empty());
  }
  EXPECT_FALSE(std::filesystem::exists(tmp / "s"));
  EXPECT_FALSE(std::filesystem::exists(tmp / "o"));
  // A gap, as problem JSON with --format json.
  ASSERT_EQ(run_cli(run + "--draw-range 0:40 --samples-out " + tmp / "a").exit_code, 0);
  ASSERT_EQ(run_cli(run + "--draw-range 50:100 --samples-out " + tmp / "b").exit_code, 0);
  auto r = run_cli(tiny() + "scenario merge " + tmp / "a" + " " + tmp / "b" + " --format json");
  EXPECT_EQ(r.exit_code, 2);
  auto j = nlohmann::json::parse(r.err);
  EXPECT_EQ(j["status"], 422) << r.err;
  EXPECT_NE(j["detail"].get<std::string>().find("draws 40:50 are in no shard"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace aisov::test
