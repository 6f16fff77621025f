// The broken-dataset corpus: tests/fixtures/broken/<case>/ holds only the files that differ from
// tests/fixtures/tiny, plus
//   expect.txt  one expected problem per line: `FILE:LINE:COLUMN: SUBSTRING`, or `FILE: SUBSTRING`
//               for a problem about a whole file (reported without a line, e.g. a missing table).
//               FILE is relative to the dataset directory; the reported problem must start with
//               `<dataset dir>/FILE:LINE:COLUMN: ` and contain SUBSTRING after it. Blank lines
//               and lines starting with `#` are ignored.
//   remove.txt  optional: paths (relative to the dataset directory) deleted from the copy of
//               tiny before validating, for cases about a missing file.
// Each case must produce exactly its expected problems: every expected line matches a distinct
// reported error, and there are as many errors as expected lines.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "aisov/engine.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using aisov::test::fixture;
using aisov::test::run_cli;
using aisov::test::TempDir;

namespace {

std::vector<std::string> read_lines(const fs::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fixture("broken"), ec)) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// One expectation: where (`FILE:LINE:COLUMN` or `FILE`) and a substring of the message.
struct Expected {
  std::string where, substring, text;
};

Expected parse_expected(const std::string& line) {
  // The location ends at the first ": " (file names in the corpus contain no ": ").
  const size_t sep = line.find(": ");
  if (sep == std::string::npos) return {line, "", line};
  return {line.substr(0, sep), line.substr(sep + 2), line};
}

bool matches(const std::string& error_rel, const Expected& e) {
  const std::string prefix = e.where + ": ";
  if (error_rel.compare(0, prefix.size(), prefix) != 0) return false;
  return error_rel.find(e.substring, prefix.size()) != std::string::npos;
}

// Copies tiny to dir, overlays the case's files and applies remove.txt.
void build_case(const std::string& name, const std::string& dir) {
  const fs::path src = fs::path(fixture("broken")) / name;
  fs::copy(fixture("tiny"), dir,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  for (auto it = fs::recursive_directory_iterator(src); it != fs::recursive_directory_iterator();
       ++it) {
    const fs::path rel = fs::relative(it->path(), src);
    if (rel == "expect.txt" || rel == "remove.txt") continue;
    const fs::path to = fs::path(dir) / rel;
    if (it->is_directory()) {
      fs::create_directories(to);
    } else {
      fs::create_directories(to.parent_path());
      fs::copy_file(it->path(), to, fs::copy_options::overwrite_existing);
    }
  }
  if (fs::exists(src / "remove.txt")) {
    for (const auto& rel : read_lines(src / "remove.txt")) fs::remove_all(fs::path(dir) / rel);
  }
}

std::string param_name(const testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

class BrokenCorpus : public testing::TestWithParam<std::string> {};

TEST_P(BrokenCorpus, ReportsExactlyTheExpectedProblems) {
  const std::string name = GetParam();
  const auto expect_lines = read_lines(fs::path(fixture("broken")) / name / "expect.txt");
  ASSERT_FALSE(expect_lines.empty()) << name << ": expect.txt lists no problem";

  TempDir tmp;
  const std::string dir = tmp / "data";
  build_case(name, dir);

  const aisov::ValidationReport report = aisov::Engine::validate(dir);
  EXPECT_FALSE(report.ok);
  std::vector<std::string> rel;
  std::ostringstream all;
  for (const auto& e : report.errors) {
    all << "\n  " << e;
    ASSERT_EQ(e.compare(0, dir.size() + 1, dir + "/"), 0) << "error outside the dataset: " << e;
    rel.push_back(e.substr(dir.size() + 1));
  }
  std::vector<bool> used(rel.size(), false);
  for (const auto& line : expect_lines) {
    const Expected exp = parse_expected(line);
    bool found = false;
    for (size_t i = 0; i < rel.size() && !found; ++i) {
      if (!used[i] && matches(rel[i], exp)) used[i] = found = true;
    }
    EXPECT_TRUE(found) << name << ": expected problem not reported: " << line
                       << "\nreported:" << all.str();
  }
  EXPECT_EQ(rel.size(), expect_lines.size())
      << name << ": the number of errors differs from expect.txt; reported:" << all.str();

  // Opening the dataset fails with the same problems.
  auto engine = aisov::Engine::open({dir});
  ASSERT_FALSE(engine.ok()) << name;
  EXPECT_EQ(engine.error().code, aisov::ErrorCode::kInvalidDataset);
  EXPECT_EQ(engine.error().details, report.errors);

  // The CLI exits 2 and prints every problem to stderr.
  auto r = run_cli("--data '" + dir + "' data validate");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  for (const auto& e : report.errors) {
    EXPECT_NE(r.err.find("error: " + e + "\n"), std::string::npos)
        << name << ": not on stderr: " << e << "\nstderr:\n"
        << r.err;
  }
  EXPECT_NE(r.err.find("invalid: "), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

INSTANTIATE_TEST_SUITE_P(Cases, BrokenCorpus, testing::ValuesIn(case_names()), param_name);

TEST(BrokenCorpusMeta, HasEnoughCasesAndEachIsComplete) {
  const auto names = case_names();
  EXPECT_GE(names.size(), 25u);
  for (const auto& n : names) {
    const fs::path d = fs::path(fixture("broken")) / n;
    EXPECT_TRUE(fs::is_regular_file(d / "expect.txt")) << n;
    // Every file a case carries must differ from tiny (only the differences are stored).
    for (const auto& e : fs::recursive_directory_iterator(d)) {
      if (!e.is_regular_file()) continue;
      const fs::path rel = fs::relative(e.path(), d);
      if (rel == "expect.txt" || rel == "remove.txt") continue;
      const fs::path t = fs::path(fixture("tiny")) / rel;
      if (!fs::exists(t)) continue;
      std::ifstream a(e.path(), std::ios::binary), b(t, std::ios::binary);
      std::string sa((std::istreambuf_iterator<char>(a)), {}),
          sb((std::istreambuf_iterator<char>(b)), {});
      EXPECT_NE(sa, sb) << n << "/" << rel.string() << " is identical to tiny's";
    }
  }
}

}  // namespace
