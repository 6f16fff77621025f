// The validator on valid datasets: the tiny fixture, the bundled dataset, tables split over
// several files, BOM and CRLF input, and the problems that are only warnings.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "aisov/engine.hpp"
#include "model/dataset.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using aisov::Engine;
using aisov::test::fixture;
using aisov::test::TempDir;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// A copy of tiny in a fresh temporary directory.
struct TinyCopy {
  TempDir tmp;
  std::string dir = tmp / "data";
  TinyCopy() { fs::copy(fixture("tiny"), dir, fs::copy_options::recursive); }
  std::string operator/(const std::string& rel) const { return dir + "/" + rel; }
};

std::string opt(const std::optional<double>& v) { return v ? std::to_string(*v) : "-"; }

// Every loaded site and offering, field by field, in load order.
std::string signature(const aisov::model::Dataset& ds) {
  std::ostringstream s;
  for (const auto& x : ds.sites) {
    s << x.site_id << '|' << x.region_code << '|' << x.name << '|' << x.city << '|' << x.notes
      << '|' << opt(x.lat) << '|' << opt(x.lon) << '|' << x.launched.str() << '|' << x.retired.str()
      << '|' << x.sources.size() << '\n';
  }
  for (const auto& o : ds.offerings) {
    s << ds.sites[o.site].site_id << '|' << ds.accelerators[o.accel].accel_id << '|'
      << o.instance_type << '|' << o.accels_per_instance << '|' << o.first_seen.str() << '|'
      << o.last_seen.str() << '|' << opt(o.price_usd_per_accel_hour) << '\n';
  }
  for (const auto& f : ds.facilities) {
    s << f.facility_id << '|' << f.name << '|' << opt(f.h100e) << '|' << f.source_ref << '\n';
  }
  return s.str();
}

std::string census_json(const Engine& e) {
  aisov::CensusRequest req;
  req.as_of = "2024-11-30";
  auto r = e.census(req);
  EXPECT_TRUE(r.ok());
  return r.ok() ? aisov::render(r.value(), aisov::Format::kJson) : "";
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += "\n  " + s;
  return out;
}

TEST(Validate, TinyFixtureIsCleanWithoutWarnings) {
  const auto r = Engine::validate(fixture("tiny"));
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
  EXPECT_TRUE(r.warnings.empty()) << joined(r.warnings);
  std::map<std::string, int> rows(r.table_rows.begin(), r.table_rows.end());
  EXPECT_EQ(rows["sources"], 2);
  EXPECT_EQ(rows["economies"], 7);
  EXPECT_EQ(rows["sites"], 8);
  EXPECT_EQ(rows["offerings"], 9);
  EXPECT_EQ(rows["facilities"], 3);
}

TEST(Validate, BundledDatasetValidatesAndLoads) {
  const std::string dir = Engine::default_data_dir();
  const auto r = Engine::validate(dir);
  EXPECT_TRUE(r.ok) << joined(r.errors);
  EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
  auto e = Engine::open({dir});
  ASSERT_TRUE(e.ok()) << e.error().message << joined(e.error().details);
  const auto& s = e.value().summary();
  EXPECT_EQ(s.schema_version, 1);
  EXPECT_FALSE(s.dataset_version.empty());
  EXPECT_FALSE(s.as_of.empty());
  EXPECT_EQ(s.table_rows, r.table_rows);
  for (const auto& [table, n] : s.table_rows) EXPECT_GT(n, 0) << table;
  // An empty data_dir means the bundled dataset.
  auto d = Engine::open({});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.value().summary().table_rows, s.table_rows);
}

TEST(Validate, TableAsDirectoryLoadsTheSameRowsAsOneFile) {
  TinyCopy c;
  const auto lines = split_lines(slurp(c / "sites.csv"));
  ASSERT_EQ(lines.size(), 9u);  // header + 8 sites
  fs::remove(c / "sites.csv");
  fs::create_directory(c / "sites");
  std::string a = lines[0] + "\n", b = lines[0] + "\n";
  for (size_t i = 1; i < lines.size(); ++i) (i <= 4 ? a : b) += lines[i] + "\n";
  // Files are read in name order, whatever order the directory lists them in.
  spit(c / "sites/b-second.csv", b);
  spit(c / "sites/a-first.csv", a);
  // The offerings table too, split unevenly (one row in the first file).
  const auto off = split_lines(slurp(c / "offerings.csv"));
  fs::remove(c / "offerings.csv");
  fs::create_directory(c / "offerings");
  std::string o1 = off[0] + "\n" + off[1] + "\n", o2 = off[0] + "\n";
  for (size_t i = 2; i < off.size(); ++i) o2 += off[i] + "\n";
  spit(c / "offerings/01.csv", o1);
  spit(c / "offerings/02.csv", o2);

  const auto r = Engine::validate(c.dir);
  EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
  EXPECT_TRUE(r.warnings.empty()) << joined(r.warnings);
  EXPECT_EQ(r.table_rows, Engine::validate(fixture("tiny")).table_rows);

  auto split = Engine::open({c.dir});
  auto single = Engine::open({fixture("tiny")});
  ASSERT_TRUE(split.ok()) << joined(split.error().details);
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(signature(split.value().dataset()), signature(single.value().dataset()));
  EXPECT_EQ(census_json(split.value()), census_json(single.value()));
}

TEST(Validate, ProblemsInASplitTableNameTheirOwnFile) {
  TinyCopy c;
  const auto lines = split_lines(slurp(c / "sites.csv"));
  fs::remove(c / "sites.csv");
  fs::create_directory(c / "sites");
  spit(c / "sites/a.csv", lines[0] + "\n" + lines[1] + "\n");
  std::string b = lines[0] + "\n";
  for (size_t i = 2; i < lines.size(); ++i) b += lines[i] + "\n";
  // Line 3 of b.csv is usc:ke-1; make its kind invalid.
  const std::string bad = "usc:ke-1,usc,,ke-1,KE One,publik,";
  b.replace(b.find("usc:ke-1,usc,,ke-1,KE One,public,"), bad.size(), bad);
  spit(c / "sites/b.csv", b);
  const auto r = Engine::validate(c.dir);
  ASSERT_EQ(r.errors.size(), 1u) << joined(r.errors);
  EXPECT_EQ(r.errors[0], c.dir +
                             "/sites/b.csv:3:27: kind: 'publik' is not one of: public, "
                             "government, sovereign");
}

TEST(Validate, ByteOrderMarkAndCrlfAreAccepted) {
  TinyCopy c;
  for (const auto& e : fs::directory_iterator(c.dir)) {
    const std::string p = e.path().string();
    std::string text = slurp(p), crlf;
    for (char ch : text) {
      if (ch == '\n') crlf += '\r';
      crlf += ch;
    }
    spit(p, e.path().extension() == ".csv" ? "\xEF\xBB\xBF" + crlf : crlf);
  }
  ASSERT_EQ(slurp(c / "sites.csv").substr(0, 11), "\xEF\xBB\xBFsite_id,");
  const auto r = Engine::validate(c.dir);
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
  EXPECT_TRUE(r.warnings.empty()) << joined(r.warnings);
  auto crlf = Engine::open({c.dir});
  auto plain = Engine::open({fixture("tiny")});
  ASSERT_TRUE(crlf.ok()) << joined(crlf.error().details);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(signature(crlf.value().dataset()), signature(plain.value().dataset()));
  EXPECT_EQ(census_json(crlf.value()), census_json(plain.value()));
}

TEST(Validate, CrlfKeepsLineAndColumnNumbers) {
  TinyCopy c;
  std::string text = slurp(c / "sites.csv"), crlf;
  const std::string from = "dec:fr-2,dec,,fr-2,FR Two,public,Strasbourg,FRA,";
  text.replace(text.find(from), from.size(), "dec:fr-2,dec,,fr-2,FR Two,public,Strasbourg,XXX,");
  for (char ch : text) {
    if (ch == '\n') crlf += '\r';
    crlf += ch;
  }
  spit(c / "sites.csv", "\xEF\xBB\xBF" + crlf);
  const auto r = Engine::validate(c.dir);
  ASSERT_EQ(r.errors.size(), 1u) << joined(r.errors);
  // The BOM is not a character of the header; line 9, column 45 as without CRLF.
  EXPECT_EQ(r.errors[0], c.dir + "/sites.csv:9:45: iso3: unknown economy (ISO3) 'XXX'");
}

TEST(Validate, SiteWithoutLaunchDateIsAWarning) {
  TinyCopy c;
  std::string text = slurp(c / "sites.csv");
  const std::string from = "Strasbourg,FRA,48.57,7.75,2021,announced,";
  text.replace(text.find(from), from.size(), "Strasbourg,FRA,48.57,7.75,,,");
  spit(c / "sites.csv", text);
  const auto r = Engine::validate(c.dir);
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
  ASSERT_EQ(r.warnings.size(), 1u) << joined(r.warnings);
  EXPECT_EQ(r.warnings[0].rfind(c.dir + "/sites.csv:9:", 0), 0u) << r.warnings[0];
  EXPECT_NE(r.warnings[0].find("launched: unknown"), std::string::npos) << r.warnings[0];
  EXPECT_TRUE(Engine::open({c.dir}).ok());
}

TEST(Validate, SourceNobodyCitesIsAWarning) {
  TinyCopy c;
  std::ofstream(c / "sources.csv", std::ios::app)
      << "orphan,aisov tests,Cited by nothing,https://example.org/orphan,2024,2024-11-30,CC0,,\n";
  const auto r = Engine::validate(c.dir);
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
  ASSERT_EQ(r.warnings.size(), 1u) << joined(r.warnings);
  EXPECT_NE(r.warnings[0].find("source 'orphan' is cited by no row"), std::string::npos)
      << r.warnings[0];
  std::map<std::string, int> rows(r.table_rows.begin(), r.table_rows.end());
  EXPECT_EQ(rows["sources"], 3);
  EXPECT_TRUE(Engine::open({c.dir}).ok());
  // The CLI prints it as a warning and still exits 0.
  auto cli = aisov::test::run_cli("--data '" + c.dir + "' data validate");
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("warning: sources: source 'orphan'"), std::string::npos) << cli.out;
  EXPECT_NE(cli.out.find("0 errors, 1 warnings"), std::string::npos) << cli.out;
}

}  // namespace

TEST(Validate, SourcesNeedAUrlAndADateUnlessTheyAreRules) {
  TinyCopy c;
  std::ofstream(c / "sources.csv", std::ios::app)
      << "undated,aisov tests,No date,https://example.org/u,,2024-11-30,CC0,,document\n"
      << "unlinked,aisov tests,No link,,2020,2024-11-30,CC0,,\n"
      << "a-rule,aisov tests,A rule,,,2024-11-30,CC0,,rule\n"
      << "moving,aisov tests,Unpinned,https://github.com/o/r/blob/main/x.csv,2020,2024-11-30,CC0,,"
         "dataset\n"
      << "pinned,aisov tests,Pinned,https://github.com/o/r/blob/"
         "0123456789abcdef0123456789abcdef01234567/x.csv,2020,2024-11-30,CC0,,dataset\n"
      << "badkind,aisov tests,Bad kind,https://example.org/k,2020,2024-11-30,CC0,,blog\n";
  // Cite them all so that only the rules under test speak.
  std::ofstream(c / "indicators.csv", std::ios::app)
      << "USA,population,1990,1,undated;unlinked;a-rule;moving;pinned;badkind\n";
  const auto r = Engine::validate(c.dir);
  ASSERT_EQ(r.errors.size(), 1u) << joined(r.errors);
  EXPECT_NE(r.errors[0].find("kind: 'blog' is not one of"), std::string::npos) << r.errors[0];
  const std::string w = joined(r.warnings);
  EXPECT_NE(w.find("sources.csv:4:"), std::string::npos) << w;  // undated: published empty
  EXPECT_NE(w.find("published: empty"), std::string::npos) << w;
  EXPECT_NE(w.find("sources.csv:5:"), std::string::npos) << w;  // unlinked: url empty
  EXPECT_EQ(w.find("sources.csv:6:"), std::string::npos) << w;  // a rule needs neither
  EXPECT_NE(w.find("sources.csv:7:"), std::string::npos) << w;  // not pinned to a commit
  EXPECT_NE(w.find("not pinned"), std::string::npos) << w;
  EXPECT_EQ(w.find("sources.csv:8:"), std::string::npos) << w;  // pinned
  EXPECT_EQ(r.warnings.size(), 3u) << w;
}

TEST(Validate, CitationsCountFromEveryTable) {
  // A source cited only by a superseded indicator year, or only by an optimiser parameter, is
  // cited: no "cited by no row" warning.
  TinyCopy c;
  std::ofstream(c / "sources.csv", std::ios::app)
      << "old-year,aisov tests,Old year,https://example.org/o,2020,2024-11-30,CC0,,\n"
      << "param,aisov tests,Parameter,https://example.org/p,2020,2024-11-30,CC0,,\n";
  std::ofstream(c / "indicators.csv", std::ios::app) << "USA,population,1950,1,old-year\n";
  std::string params = slurp(c / "optimise_parameters.csv");
  const auto nl = params.find('\n', params.find('\n') + 1);  // after the first data row
  std::string first = params.substr(params.find('\n') + 1, nl - params.find('\n') - 1);
  ASSERT_NE(first.find("fixture"), std::string::npos) << first;
  first.replace(first.find("fixture"), 7, "fixture;param");
  params.replace(params.find('\n') + 1, nl - params.find('\n') - 1, first);
  spit(c / "optimise_parameters.csv", params);
  const auto r = Engine::validate(c.dir);
  EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
  EXPECT_TRUE(r.warnings.empty()) << joined(r.warnings);
  std::ofstream(c / "sources.csv", std::ios::app)
      << "orphan,aisov tests,Orphan,https://example.org/x,2020,2024-11-30,CC0,,\n";
  const auto r2 = Engine::validate(c.dir);
  ASSERT_EQ(r2.warnings.size(), 1u) << joined(r2.warnings);
  EXPECT_NE(r2.warnings[0].find("'orphan'"), std::string::npos);
}

TEST(Validate, LaunchBasisNeedsADateAndAKnownValue) {
  TinyCopy c;
  std::string text = slurp(c / "sites.csv");
  const std::string from = "Strasbourg,FRA,48.57,7.75,2021,announced,";
  text.replace(text.find(from), from.size(), "Strasbourg,FRA,48.57,7.75,,estimate,");
  const std::string from2 = "Nuremberg,DEU,49.45,11.08,2017,announced,";
  text.replace(text.find(from2), from2.size(), "Nuremberg,DEU,49.45,11.08,2017,guess,");
  spit(c / "sites.csv", text);
  const auto r = Engine::validate(c.dir);
  ASSERT_EQ(r.errors.size(), 2u) << joined(r.errors);
  const std::string e = joined(r.errors);
  EXPECT_NE(e.find("launched_basis: given without a launched date"), std::string::npos) << e;
  EXPECT_NE(e.find("launched_basis: 'guess' is not one of"), std::string::npos) << e;
}

// Found by tests/fuzz (fuzz_dataset): a float schema_version too large for int64_t was converted
// unchecked (undefined behaviour); now it is a missing integer.
TEST(Validate, HugeFloatSchemaVersionIsAProblem) {
  TinyCopy d;
  spit(d / "manifest.toml",
       "schema_version = 1e92\ndataset_version = \"test.1\"\n"
       "as_of = \"2024-11-30\"\n");
  const auto r = Engine::validate(d.dir);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(joined(r.errors).find("schema_version (integer) is required"), std::string::npos)
      << joined(r.errors);
}
