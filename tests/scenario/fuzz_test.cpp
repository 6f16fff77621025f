// Fuzzing the scenario parser with rapidcheck: random edits of the bundled scenario files (byte
// flips, deletions, insertions of TOML/JSON syntax, truncation) must never crash the parser or
// the resolver. Each mutant is either accepted or refused with problems that point inside the
// text (line and column ≥ 1, line ≤ the text's line count + 1); resolving an accepted mutant
// against the dataset either works or fails with an aisov error, never another exception.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/failure.hpp"
#include "scenario_support.hpp"

namespace aisov::test {
namespace {

std::vector<std::string> seeds() {
  std::vector<std::string> out;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/scenarios"))
    paths.push_back(e.path());
  for (const auto& e : std::filesystem::directory_iterator(fixture("scenarios")))
    paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

const char* const kTokens[] = {"[",    "]",     "{",   "}",         "\"",      "'",   "=",
                               ",",    "\n",    "#",   "[[",        "]]",      "nan", "inf",
                               "-1",   "1e308", "0.5", "true",      "\"USA\"", ":",   "\\u0",
                               "\xff", "\t",    ".",   "1979-05-27"};

std::string mutate(std::string text, const std::vector<int>& ops) {
  for (size_t i = 0; i + 2 < ops.size(); i += 3) {
    if (text.empty()) text = "x";
    const size_t at = static_cast<size_t>(ops[i + 1]) % (text.size() + 1);
    switch (ops[i] % 5) {
      case 0:  // flip a byte
        if (at < text.size()) text[at] = static_cast<char>(text[at] ^ (1 << (ops[i + 2] % 8)));
        break;
      case 1:  // delete a run
        text.erase(at, static_cast<size_t>(ops[i + 2]) % 16);
        break;
      case 2:  // insert a syntax token
        text.insert(at, kTokens[static_cast<size_t>(ops[i + 2]) % std::size(kTokens)]);
        break;
      case 3:  // truncate
        text.resize(at);
        break;
      default:  // duplicate a line-sized run
        text.insert(at, text.substr(at, static_cast<size_t>(ops[i + 2]) % 64));
    }
  }
  return text;
}

void check_mutant(const std::string& text, bool json) {
  std::vector<io::Problem> problems;
  const auto spec = io::parse_scenario(text, "fuzz", json, problems);
  const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  for (const auto& p : problems) {
    RC_ASSERT(p.file == "fuzz");
    RC_ASSERT(p.line >= 1);
    RC_ASSERT(p.line <= lines + 1);
    RC_ASSERT(p.column >= 1);
    RC_ASSERT(!p.message.empty());
  }
  if (!problems.empty()) return;
  try {
    (void)scenario::compile(tiny_engine().dataset(), spec);
  } catch (const core::Failure&) {
    // a clear aisov error (unknown code …) is a valid outcome
  }
}

RC_GTEST_PROP(ScenarioFuzz, MutatedTomlNeverCrashes, ()) {
  static const auto texts = seeds();
  const auto pick = *rc::gen::inRange<size_t>(0, texts.size());
  const auto ops = *rc::gen::container<std::vector<int>>(*rc::gen::inRange<size_t>(3, 30),
                                                         rc::gen::inRange(0, 1 << 20));
  check_mutant(mutate(texts[pick], ops), false);
}

RC_GTEST_PROP(ScenarioFuzz, MutatedJsonNeverCrashes, ()) {
  std::ifstream in(fixture("scenarios/all-kinds-small.json"));
  const std::string base{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto ops = *rc::gen::container<std::vector<int>>(*rc::gen::inRange<size_t>(3, 30),
                                                         rc::gen::inRange(0, 1 << 20));
  check_mutant(mutate(base, ops), true);
}

RC_GTEST_PROP(ScenarioFuzz, RandomBytesNeverCrash, (const std::string& text, bool json)) {
  check_mutant(text, json);
}

// Found by tests/fuzz (fuzz_scenario_toml, fuzz_scenario_json): a float horizon too large for
// int64_t was converted unchecked (undefined behaviour) before being refused.
TEST(ScenarioFuzz, HugeFloatHorizonIsAProblem) {
  for (const bool json : {false, true}) {
    std::vector<io::Problem> problems;
    io::parse_scenario(
        json ? R"({"name": "x", "horizon": 1e92})" : "name = \"x\"\nhorizon = 1e92\n", "f", json,
        problems);
    ASSERT_EQ(problems.size(), 1u) << json;
    EXPECT_NE(problems[0].message.find("horizon must be a year"), std::string::npos)
        << problems[0].str();
  }
}

}  // namespace
}  // namespace aisov::test
