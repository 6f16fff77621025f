// Regression tests for command lines that used to abort the CLI, accept nonsense silently, or
// damage files it was not asked to write (issue "Hardening").
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using aisov::test::fixture;
using aisov::test::run_cli;
using aisov::test::TempDir;
namespace fs = std::filesystem;

namespace {
std::string tiny() { return "--data " + fixture("tiny") + " "; }
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

TEST(CliHardening, InvalidUtf8ArgumentsAreUsageErrors) {
  const std::string ff = "\"$(printf '\\377')\"";
  auto p = run_cli(tiny() + "profile " + ff);
  EXPECT_EQ(p.exit_code, 2) << p.err;
  EXPECT_NE(p.err.find("not valid UTF-8"), std::string::npos) << p.err;
  auto j = run_cli(tiny() + "census --as-of " + ff + " --format json");
  EXPECT_EQ(j.exit_code, 2) << j.err;
  auto problem = nlohmann::json::parse(j.err, nullptr, false);
  ASSERT_FALSE(problem.is_discarded()) << j.err;
  EXPECT_EQ(problem["title"], "invalid-argument");
}

TEST(CliHardening, UsageErrorsNameTheProblem) {
  auto unknown = run_cli(tiny() + "cenus");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'cenus'"), std::string::npos) << unknown.err;
  auto json = run_cli(tiny() + "census --bogus --format json");
  EXPECT_EQ(json.exit_code, 2);
  auto p = nlohmann::json::parse(json.err, nullptr, false);
  ASSERT_FALSE(p.is_discarded()) << json.err;
  EXPECT_EQ(p["title"], "invalid-argument");
}

TEST(CliHardening, NumbersOutOfRangeAreRefused) {
  for (const char* args : {"scenario run taiwan-foundry --draws 10 --seed -1",
                           "scenario run taiwan-foundry --draws 10 --seed 18446744073709551616",
                           "scenario run taiwan-foundry --draws 10 --seed 1e23",
                           "scenario run taiwan-foundry --draws 10 --target-rse nan",
                           "optimise --economy KEN --budget nan --draws 10",
                           "optimise --economy KEN --budget 5e9 --risk-aversion 1e300 --draws 10",
                           "optimise --economy KEN --budget 5e9 --time-limit nan --draws 10",
                           "site --w-latency inf --demand KEN", "serve --max-run-ms -1",
                           "serve --max-body -1", "serve --web /nonexistent/aisov-web --port 0"}) {
    auto r = run_cli(tiny() + args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err << r.out;
  }
  auto ok = run_cli(tiny() + "scenario run taiwan-foundry --draws 10 --seed 18446744073709551615");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(CliHardening, DeepJsonScenarioIsAnErrorNotACrash) {
  TempDir d;
  std::ofstream(d / "deep.json") << "{\"name\":\"x\",\"bogus\":" << std::string(20000, '[')
                                 << std::string(20000, ']') << "}";
  auto r = run_cli(tiny() + "scenario check " + (d / "deep.json"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("nested deeper than 64"), std::string::npos) << r.err;
}

TEST(CliHardening, EmptyChoiceIsAnError) {
  TempDir d;
  std::ofstream(d / "s.toml") << "name = \"x\"\n[[shocks]]\nkind = \"export_control\"\n"
                                 "probability = { choice = [] }\n";
  auto r = run_cli(tiny() + "scenario check " + (d / "s.toml"));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("at least one value"), std::string::npos) << r.out << r.err;
}

TEST(CliHardening, OutputKeepsLinksAndRefusesFolders) {
  TempDir d;
  std::ofstream(d / "target.csv") << "old\n";
  fs::create_symlink(d / "target.csv", d / "link.csv");
  auto r = run_cli(tiny() + "scenario run taiwan-foundry --draws 10 --format csv -o " +
                   (d / "link.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(d / "link.csv"));
  EXPECT_NE(slurp(d / "target.csv").find("code,name,year,measure"), std::string::npos);
  fs::create_directory(d / "dir");
  auto dir = run_cli(tiny() + "scenario run taiwan-foundry --draws 10 -o " + (d / "dir"));
  EXPECT_NE(dir.exit_code, 0);
  EXPECT_NE(dir.err.find("is a directory"), std::string::npos) << dir.err;
  EXPECT_EQ(dir.err.find("Success"), std::string::npos) << dir.err;
}

TEST(CliHardening, ForceReplacesOnlyADataset) {
  if (aisov::test::shared_raw().empty()) GTEST_SKIP() << "../shared/data/raw is absent";
  TempDir d;
  fs::create_directory(d / "thesis");
  std::ofstream(d / "thesis/chapter1.tex") << "precious\n";
  const std::string input = aisov::test::shared_raw() + "/epoch-ai/gpu_clusters.csv";
  auto r = run_cli(tiny() + "data import epoch-clusters " + input + " --out " + (d / "thesis") +
                   " --force");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("not an aisov dataset"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(d / "thesis/chapter1.tex"), "precious\n");
  std::ofstream(d / "plain") << "a file\n";
  auto f = run_cli(tiny() + "data import epoch-clusters " + input + " --out " + (d / "plain") +
                   " --force");
  EXPECT_NE(f.exit_code, 0);
  EXPECT_EQ(slurp(d / "plain"), "a file\n");
}

TEST(CliHardening, OrganisationParentCyclesAndFractionalCountsAreErrors) {
  TempDir d;
  fs::copy(fixture("tiny"), d.str(), fs::copy_options::recursive);
  std::ofstream(d / "organisations.csv", std::ios::app)
      << "cyc-a,Cycle A,other,USA,cyc-b,,fixture\ncyc-b,Cycle B,other,USA,cyc-a,,fixture\n";
  std::string fac = slurp(d / "facilities.csv");
  std::ofstream(d / "facilities.csv") << fac;
  auto r = run_cli("--data " + d.str() + " data validate");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("(a cycle)"), std::string::npos) << r.out << r.err;
}
