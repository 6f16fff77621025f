// Scenario shards and merge (Engine::scenario_shard / scenario_merge, io/shard): a run split into
// draw ranges, written to shard files and merged, renders to exactly the bytes of the single run;
// the shard file has the documented layout; every broken set of shards is refused by name.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/failure.hpp"
#include "io/shard.hpp"
#include "scenario_support.hpp"

namespace aisov::test {
namespace {

namespace fs = std::filesystem;

// kTinyHeader's fixed baseline (growth 0.5, retirement 0.2) with shocks of every kind:
// one baseline for every draw ("fixed" store).
const std::string kShocks = R"(
[[shocks]]
id = "us-export"
kind = "export_control"
probability = 0.5
start = { uniform = [2025, 2026] }
designers = ["USA"]
economies = ["CHN", "KEN"]
cap_h100e_per_year = { lognormal90 = [10, 200] }
[[shocks]]
id = "us-withdraw"
kind = "provider_withdrawal"
probability = 0.3
start = 2026
operators = ["USA"]
economies = { all_except = ["USA"] }
fraction = { uniform = [0.2, 0.8] }
[[shocks]]
id = "tw"
kind = "foundry_disruption"
probability = 0.2
start = { choice = [2025, 2026], weights = [1, 3] }
duration = { triangular = [0.5, 1, 2] }
locations = ["TWN"]
loss = { pert = [0.3, 0.7, 1.0] }
)";

std::string fixed_scenario() { return std::string(kTinyHeader) + kShocks; }
// Uncertain growth without growth_by or mix: the closed-form baseline ("growth" store).
std::string growth_scenario() {
  std::string s = fixed_scenario();
  s.replace(s.find("growth = 0.5"), 12, "growth = { pert = [0.2, 0.5, 1.0] }");
  return s;
}
// Uncertain growth with growth_by: a simulated baseline per draw ("simulated" store).
std::string simulated_scenario() {
  std::string s = growth_scenario();
  s.replace(s.find("retirement = 0.2"), 16,
            "retirement = 0.2\n[[baseline.growth_by]]\neconomies = [\"CHN\"]\n"
            "growth = { uniform = [0.3, 0.8] }");
  return s;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
void spit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// The test's own FNV-1a 64 (the checksum the format documents).
uint64_t fnv(const std::string& s, size_t n) {
  uint64_t h = 14695981039346656037ULL;
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(s[i]);
    h *= 1099511628211ULL;
  }
  return h;
}

ScenarioRequest request(const std::string& text, int64_t draws, uint64_t seed, int threads,
                        std::vector<std::string> economies = {}, std::vector<int> years = {}) {
  ScenarioRequest r;
  r.text = text;
  r.draws = draws;
  r.seed = seed;
  r.threads = threads;
  r.economies = std::move(economies);
  r.years = std::move(years);
  return r;
}

ScenarioShardInfo shard(const ScenarioRequest& r, int64_t first, int64_t last,
                        const std::string& out) {
  auto res = tiny_engine().scenario_shard(ScenarioShardRequest{r, first, last, out});
  EXPECT_TRUE(res.ok()) << (res.ok() ? "" : res.error().message);
  return res.ok() ? res.value() : ScenarioShardInfo{};
}

Result<ScenarioResult> merge(const std::vector<std::string>& files, int threads = 0) {
  ScenarioMergeRequest m;
  m.shards = files;
  m.threads = threads;
  return tiny_engine().scenario_merge(m);
}

// Every rendering of two results is the same bytes.
void expect_same_bytes(const ScenarioResult& a, const ScenarioResult& b, const std::string& what) {
  for (Format f : {Format::kJson, Format::kCsv, Format::kTable})
    EXPECT_EQ(render(a, f), render(b, f)) << what << ", format " << static_cast<int>(f);
}

// The header of a shard file, read the way the format documents (magic line, JSON line).
nlohmann::json header_of(const std::string& bytes, size_t* records_at = nullptr) {
  const size_t eol = bytes.find('\n');
  EXPECT_EQ(bytes.substr(0, eol), "AISOV-SCENARIO-SHARD 1");
  const size_t end = bytes.find('\n', eol + 1);
  if (records_at) *records_at = end + 1;
  return nlohmann::json::parse(bytes.substr(eol + 1, end - eol - 1));
}

struct Store {
  const char* name;
  std::string (*text)();
};
const Store kStores[] = {
    {"fixed", fixed_scenario}, {"growth", growth_scenario}, {"simulated", simulated_scenario}};

TEST(ScenarioShard, ShardsMergeToTheSingleRunBitForBit) {
  constexpr int64_t kDraws = 2300;  // three batches of the runner, the last one partial
  for (const Store& store : kStores) {
    SCOPED_TRACE(store.name);
    for (const auto& economies : {std::vector<std::string>{}, {"DEU", "eu", "KEN", "USA"}}) {
      TempDir tmp;
      const auto one = request(store.text(), kDraws, 11, 2, economies);
      auto single = tiny_engine().scenario_run(one);
      ASSERT_TRUE(single.ok()) << single.error().message;
      // Two halves, the shards on different thread counts.
      shard(request(store.text(), kDraws, 11, 1, economies), 0, 1150, tmp / "h0");
      shard(request(store.text(), kDraws, 11, 2, economies), 1150, kDraws, tmp / "h1");
      EXPECT_EQ(header_of(slurp(tmp / "h0"))["baseline"], store.name);
      auto two = merge({tmp / "h0", tmp / "h1"});
      ASSERT_TRUE(two.ok()) << two.error().message;
      expect_same_bytes(single.value(), two.value(), "2 shards");
      // Three uneven shards (one of 7 draws, one across two batches), merged in shuffled order
      // and on one and two threads.
      shard(request(store.text(), kDraws, 11, 2, economies), 0, 7, tmp / "u0");
      shard(request(store.text(), kDraws, 11, 1, economies), 7, 1999, tmp / "u1");
      shard(request(store.text(), kDraws, 11, 2, economies), 1999, kDraws, tmp / "u2");
      for (int threads : {1, 2}) {
        auto three = merge({tmp / "u2", tmp / "u0", tmp / "u1"}, threads);
        ASSERT_TRUE(three.ok()) << three.error().message;
        expect_same_bytes(single.value(), three.value(), "3 uneven shards, shuffled");
      }
      // One shard with every draw (no range given) is the run too.
      shard(request(store.text(), kDraws, 11, 2, economies), 0, 0, tmp / "all");
      auto whole = merge({tmp / "all"});
      ASSERT_TRUE(whole.ok()) << whole.error().message;
      expect_same_bytes(single.value(), whole.value(), "1 shard");
    }
  }
}

TEST(ScenarioShard, ShardBytesDoNotDependOnThreads) {
  TempDir tmp;
  for (const Store& store : kStores) {
    shard(request(store.text(), 1500, 3, 1), 200, 1400, tmp / "t1");
    shard(request(store.text(), 1500, 3, 2), 200, 1400, tmp / "t2");
    EXPECT_EQ(slurp(tmp / "t1"), slurp(tmp / "t2")) << store.name;
  }
}

TEST(ScenarioShard, FileLayoutAsDocumentedWithHandWorkedValues) {
  // Fixed baseline (×1.5 a year) and one shock that always occurs: the US-run region de-1
  // (65 H100e) leaves DEU in 2025. DEU territorial: baseline 1.5 · 3365 = 5047.5 (no shock),
  // 1.5 · 3300 = 4950 in every draw. A shock that never occurs leaves every draw at baseline.
  TempDir tmp;
  const std::string always = std::string(kTinyHeader) + R"(
[[shocks]]
kind = "provider_withdrawal"
start = 2025
operators = ["USA"]
economies = ["DEU"]
)";
  const std::string never = always + "probability = 0\n";
  for (const auto& [text, on] : {std::pair{always, 1}, std::pair{never, 0}}) {
    const auto info = shard(request(text, 40, 5, 2, {"DEU"}, {2025}), 10, 35, tmp / "s");
    EXPECT_EQ(info.first, 10);
    EXPECT_EQ(info.last, 35);
    EXPECT_EQ(info.shocked_draws, on ? 25 : 0);
    const std::string bytes = slurp(tmp / "s");
    size_t at = 0;
    const auto h = header_of(bytes, &at);
    EXPECT_EQ(h["draws"], 40);
    EXPECT_EQ(h["draw_range"], nlohmann::json::array({10, 35}));
    EXPECT_EQ(h["seed"], 5);
    EXPECT_EQ(h["baseline"], "fixed");
    EXPECT_EQ(h["dataset_version"], "test.1");
    // DEU 2025: territorial and sovereign (de-2 and f2 are DE-run) and accessible.
    ASSERT_EQ(h["columns"].size(), 3u);
    EXPECT_EQ(h["columns"][0], nlohmann::json::array({"DEU", 2025, "territorial"}));
    EXPECT_EQ(h["columns"][2], nlohmann::json::array({"DEU", 2025, "accessible"}));
    EXPECT_NEAR(h["column_baselines"][0].get<double>(), 5047.5, 1e-9);
    EXPECT_NEAR(h["column_baselines"][1].get<double>(), 1.5 * 3300, 1e-9);
    const size_t record = 1 + 4 * 3;
    EXPECT_EQ(h["record_bytes"], record);
    ASSERT_EQ(bytes.size(), at + 25 * record + 8);
    uint64_t trailer = 0;
    for (int i = 0; i < 8; ++i)
      trailer |= uint64_t{static_cast<unsigned char>(bytes[bytes.size() - 8 + i])} << (8 * i);
    EXPECT_EQ(trailer, fnv(bytes, bytes.size() - 8));
    for (int d = 0; d < 25; ++d) {
      const char* rec = bytes.data() + at + d * record;
      EXPECT_EQ(rec[0], on);
      float terr = 0;
      std::memcpy(&terr, rec + 1, 4);  // little-endian host
      EXPECT_EQ(terr, on ? 4950.0F : 5047.5F) << "draw " << 10 + d;
    }
  }
}

TEST(ScenarioShard, GrowthAndSimulatedRecordsCarryTheirBaselines) {
  TempDir tmp;
  shard(request(growth_scenario(), 30, 2, 1, {"DEU"}), 0, 30, tmp / "g");
  size_t at = 0;
  std::string bytes = slurp(tmp / "g");
  auto h = header_of(bytes, &at);
  EXPECT_EQ(h["baseline"], "growth");
  EXPECT_EQ(h["growth_factors"], 3);  // f^0, f^1, f^2 for 2024 (start) to 2026
  const size_t nc = h["columns"].size();
  EXPECT_EQ(h["record_bytes"], 1 + 4 * nc + 8 * 3);
  EXPECT_EQ(bytes.size(), at + 30 * (1 + 4 * nc + 24) + 8);
  // DEU territorial 2025 at growth factor 1 is K0 = 3365; f^0 = 1 in every draw.
  EXPECT_EQ(h["columns"][0], nlohmann::json::array({"DEU", 2025, "territorial"}));
  EXPECT_NEAR(h["column_baselines"][0].get<double>(), 3365, 1e-9);
  for (int d = 0; d < 30; ++d) {
    double f0 = 0;
    std::memcpy(&f0, bytes.data() + at + d * (1 + 4 * nc + 24) + 1 + 4 * nc, 8);
    EXPECT_EQ(f0, 1.0);
  }
  shard(request(simulated_scenario(), 30, 2, 1, {"DEU"}), 0, 30, tmp / "s");
  bytes = slurp(tmp / "s");
  h = header_of(bytes, &at);
  EXPECT_EQ(h["baseline"], "simulated");
  EXPECT_EQ(h["growth_factors"], 0);
  EXPECT_TRUE(h["column_baselines"].empty());
  EXPECT_EQ(bytes.size(), at + 30 * (1 + 8 * h["columns"].size()) + 8);
}

// --- refusals -------------------------------------------------------------------------------

std::string merge_error(const std::vector<std::string>& files, ErrorCode code) {
  auto r = merge(files);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return {};
  EXPECT_EQ(r.error().code, code) << r.error().message;
  return r.error().message;
}

#define EXPECT_HAS(text, part) EXPECT_NE((text).find(part), std::string::npos) << (text)

TEST(ScenarioShard, GapOverlapAndMissingEndsAreNamed) {
  TempDir tmp;
  const std::string text = fixed_scenario();
  shard(request(text, 100, 1, 1), 0, 40, tmp / "a");
  shard(request(text, 100, 1, 1), 50, 100, tmp / "b");
  shard(request(text, 100, 1, 1), 30, 60, tmp / "c");
  shard(request(text, 100, 1, 1), 40, 50, tmp / "d");
  auto e = merge_error({tmp / "a", tmp / "b"}, ErrorCode::kInvalidInput);
  EXPECT_HAS(e, "draws 40:50 are in no shard");
  EXPECT_HAS(e, tmp / "a" + " ends at draw 40");
  EXPECT_HAS(e, tmp / "b" + " starts at draw 50");
  EXPECT_HAS(e, "expected draws 0:100 exactly once");
  e = merge_error({tmp / "a", tmp / "c", tmp / "b"}, ErrorCode::kInvalidInput);
  EXPECT_HAS(
      e, tmp / "a" + " (draws 0:40) and " + tmp / "c" + " (draws 30:60) overlap in draws 30:40");
  e = merge_error({tmp / "a", tmp / "d", tmp / "a", tmp / "b"}, ErrorCode::kInvalidInput);
  EXPECT_HAS(e, "overlap in draws 0:40");  // the same file twice
  e = merge_error({tmp / "d", tmp / "b"}, ErrorCode::kInvalidInput);
  EXPECT_HAS(e,
             "draws 0:40 are in no shard (the first shard, " + tmp / "d" + ", starts at draw 40");
  e = merge_error({tmp / "a", tmp / "d"}, ErrorCode::kInvalidInput);
  EXPECT_HAS(e, "draws 50:100 are in no shard (the last, " + tmp / "d" + ", ends at draw 50");
  EXPECT_TRUE(merge({tmp / "d", tmp / "b", tmp / "a"}).ok());
}

TEST(ScenarioShard, ShardsOfDifferentRunsAreRefused) {
  TempDir tmp;
  const std::string text = fixed_scenario();
  shard(request(text, 100, 1, 1), 0, 50, tmp / "a");
  struct Case {
    ScenarioRequest r;
    const char* expected;
  };
  const Case cases[] = {
      {request(text, 100, 2, 1), "seed 2 against 1"},
      {request(text, 200, 1, 1), "--draws 200 against 100"},
      {request(growth_scenario(), 100, 1, 1), "scenario hash"},
      {request(text, 100, 1, 1, {"DEU"}), "different --economies"},
      {request(text, 100, 1, 1, {}, {2026}), "different --years"},
  };
  for (const auto& c : cases) {
    shard(c.r, 50, 100, tmp / "b");
    const auto e = merge_error({tmp / "a", tmp / "b"}, ErrorCode::kInvalidInput);
    EXPECT_HAS(e, tmp / "b" + " is not a shard of the same run as " + tmp / "a");
    EXPECT_HAS(e, c.expected);
  }
}

TEST(ScenarioShard, AnotherDatasetIsRefused) {
  TempDir tmp;
  shard(request(fixed_scenario(), 100, 1, 1), 0, 100, tmp / "a");
  // The same dataset with one name changed: another hash, so another dataset.
  const std::string copy = tmp / "tiny";
  fs::copy(fixture("tiny"), copy, fs::copy_options::recursive);
  std::string economies = slurp(copy + "/economies.csv");
  const size_t at = economies.find(",Germany,");
  ASSERT_NE(at, std::string::npos);
  economies.replace(at, 9, ",Germania,");
  spit(copy + "/economies.csv", economies);
  auto other = Engine::open(EngineOptions{copy});
  ASSERT_TRUE(other.ok()) << other.error().message;
  ScenarioMergeRequest m;
  m.shards = {tmp / "a"};
  auto r = other.value().scenario_merge(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_HAS(r.error().message, "was made with dataset test.1 (hash ");
  EXPECT_HAS(r.error().message, "merge with the --data the shards were made with");
}

TEST(ScenarioShard, DamagedFilesAreRefusedByName) {
  TempDir tmp;
  shard(request(growth_scenario(), 60, 1, 1), 0, 60, tmp / "good");
  const std::string good = slurp(tmp / "good");
  size_t at = 0;
  header_of(good, &at);
  struct Case {
    std::string name, bytes, expected;
  };
  std::vector<Case> cases;
  cases.push_back({"truncated", good.substr(0, good.size() - 100), "truncated: "});
  cases.push_back({"cut in the header", good.substr(0, at - 10), "the header line does not end"});
  cases.push_back({"longer", good + "x", "too long: "});
  std::string flipped = good;
  flipped[at + (good.size() - at) / 2] ^= 0x10;  // a bit in the middle of the records
  cases.push_back({"bit flip in a record", flipped, "damaged: the checksum does not match"});
  flipped = good;
  flipped[good.find("\"seed\":1") + 7] ^= 0x02;  // seed 1 → 3: still valid JSON
  cases.push_back({"bit flip in the header", flipped, "damaged: the checksum does not match"});
  flipped = good;
  flipped[good.size() - 3] ^= 0x01;
  cases.push_back({"bit flip in the checksum", flipped, "damaged: the checksum does not match"});
  cases.push_back({"not a shard", "name = \"x\"\n", "not an aisov shard file"});
  cases.push_back({"empty", "", "not an aisov shard file"});
  std::string v2 = good;
  v2[std::string("AISOV-SCENARIO-SHARD ").size()] = '2';
  cases.push_back({"future version", v2, "shard format version '2' is not supported"});
  std::string badjson = good;
  badjson[at - 2] = ',';  // the header's closing brace
  cases.push_back({"header not JSON", badjson, "corrupt header (not JSON)"});
  for (const auto& c : cases) {
    const std::string path = tmp / c.name;
    spit(path, c.bytes);
    const auto e = merge_error({path}, ErrorCode::kInvalidInput);
    EXPECT_HAS(e, path + ": ");
    EXPECT_HAS(e, c.expected);
  }
  const auto e = merge_error({tmp / "missing"}, ErrorCode::kNotFound);
  EXPECT_HAS(e, "cannot read shard file " + tmp / "missing");
}

TEST(ScenarioShard, ChecksumValidButWrongContentIsRefused) {
  // A file whose checksum was recomputed after its contents changed (a hostile or buggy
  // writer): values that are not numbers, a draw without a shock whose values differ from its
  // baseline, unknown flags, a scenario that is not the one hashed.
  TempDir tmp;
  const std::string never = std::string(kTinyHeader) + R"(
[[shocks]]
kind = "provider_withdrawal"
probability = 0
start = 2025
operators = ["USA"]
economies = ["DEU"]
)";
  shard(request(never, 4, 1, 1, {"DEU"}, {2025}), 0, 4, tmp / "good");
  const std::string good = slurp(tmp / "good");
  size_t at = 0;
  header_of(good, &at);
  auto resealed = [](std::string b) {
    uint64_t h = fnv(b, b.size() - 8);
    for (int i = 0; i < 8; ++i) b[b.size() - 8 + i] = static_cast<char>((h >> (8 * i)) & 0xFF);
    return b;
  };
  struct Case {
    std::string name, bytes, expected;
  };
  std::vector<Case> cases;
  std::string b = good;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(b.data() + at + 13 + 1, &nan, 4);  // draw 1, column 0
  cases.push_back({"nan", resealed(b), "draw 1: column 0 is not a finite number"});
  b = good;
  const float other = 1.0F;
  std::memcpy(b.data() + at + 2 * 13 + 1 + 4, &other, 4);  // draw 2, column 1
  cases.push_back({"unshocked", resealed(b), "draw 2: no shock was on, yet column 1 differs"});
  b = good;
  b[at + 3 * 13] = 7;
  cases.push_back({"flags", resealed(b), "draw 3: unknown flags 7 (expected 0 or 1)"});
  b = good;
  b[b.rfind("tiny test")] = 'T';  // in the scenario's text, the header's last member
  cases.push_back({"scenario", resealed(b), "does not have its scenario hash"});
  b = good;
  b[b.find("tiny test")] = 'T';  // the header's scenario_name
  cases.push_back({"name", resealed(b), "scenario name 'Tiny test' against 'tiny test'"});
  b = good;
  b.replace(b.find("\"baseline\":\"fixed\""), 18, "\"baseline\":\"fixee\"");
  cases.push_back({"store", resealed(b), "'baseline' must be \"fixed\", \"growth\" or"});
  {
    // Another header: DEU's territorial baseline raised by one H100e.
    auto h = header_of(good);
    h["column_baselines"][0] = h["column_baselines"][0].get<double>() + 1;
    const size_t eol = good.find('\n');
    b = good.substr(0, eol + 1) + h.dump() + "\n" + good.substr(at);
    cases.push_back({"baselines", resealed(b), "does not match its scenario on this dataset"});
  }
  for (const auto& c : cases) {
    const std::string path = tmp / c.name;
    spit(path, c.bytes);
    const auto e = merge_error({path}, ErrorCode::kInvalidInput);
    EXPECT_HAS(e, path);
    EXPECT_HAS(e, c.expected);
  }
  EXPECT_TRUE(merge({tmp / "good"}).ok());
}

TEST(ScenarioShard, BadRequestsAreRefused) {
  TempDir tmp;
  const auto r = request(fixed_scenario(), 100, 1, 1);
  auto bad = [&](ScenarioShardRequest s, const std::string& expected) {
    auto res = tiny_engine().scenario_shard(s);
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.error().code, ErrorCode::kInvalidArgument);
    EXPECT_HAS(res.error().message, expected);
  };
  bad({r, 50, 40, tmp / "x"}, "--draw-range 50:40 must satisfy 0 ≤ START < END ≤ --draws (100)");
  bad({r, 0, 101, tmp / "x"}, "--draw-range 0:101");
  bad({r, -1, 10, tmp / "x"}, "--draw-range -1:10");
  bad({r, 0, 10, ""}, "--samples-out FILE");
  auto early = r;
  early.target_rse = 0.01;
  bad({early, 0, 10, tmp / "x"}, "--target-rse cannot be used with a shard");
  EXPECT_FALSE(fs::exists(tmp / "x"));
  auto none = merge({});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
}

// The shard reader is a parser of hostile input: random edits of a valid shard (bit flips,
// overwritten, inserted and deleted bytes, truncation), with the checksum left or recomputed,
// are either read or refused with the file's name, and merging what was read either works or
// is refused as bad input — never a crash or an internal error.
RC_GTEST_PROP(ScenarioShard, EditedShardsAreReadOrRefusedCleanly, ()) {
  static const std::string good = [] {
    TempDir tmp;
    shard(request(growth_scenario(), 6, 1, 1, {"DEU", "eu"}, {2026}), 0, 6, tmp / "g");
    return slurp(tmp / "g");
  }();
  std::string b = good;
  const auto edits = *rc::gen::inRange(1, 6);
  for (int k = 0; k < edits; ++k) {
    const auto at = *rc::gen::inRange<size_t>(0, b.empty() ? 1 : b.size());
    switch (*rc::gen::inRange(0, 4)) {
      case 0:
        if (at < b.size()) b[at] ^= static_cast<char>(1 << *rc::gen::inRange(0, 8));
        break;
      case 1:
        if (at < b.size()) b[at] = *rc::gen::arbitrary<char>();
        break;
      case 2:
        b.insert(at, 1, *rc::gen::elementOf(std::string("{}[],:\"0-9e\n")));
        break;
      default:
        b.erase(at, *rc::gen::inRange<size_t>(0, 40));
        break;
    }
  }
  if (*rc::gen::arbitrary<bool>() && b.size() >= 8) {
    const uint64_t h = fnv(b, b.size() - 8);
    for (int i = 0; i < 8; ++i) b[b.size() - 8 + i] = static_cast<char>((h >> (8 * i)) & 0xFF);
  }
  try {
    (void)io::parse_shard(b, "edited.shard");
  } catch (const core::Failure& f) {
    RC_ASSERT(f.error().code == ErrorCode::kInvalidInput);
    RC_ASSERT(f.error().message.rfind("edited.shard: ", 0) == 0);
    return;
  }
  TempDir tmp;
  spit(tmp / "e", b);
  auto r = merge({tmp / "e"}, 1);
  if (!r.ok()) {
    RC_ASSERT(r.error().code != ErrorCode::kInternal);
  } else {
    RC_ASSERT(!render(r.value(), Format::kJson).empty());
  }
}

}  // namespace
}  // namespace aisov::test
