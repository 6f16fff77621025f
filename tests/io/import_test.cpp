// Importers through Engine::import_data: facility-csv on a hand-written file onto the tiny
// fixture, and epoch-clusters / non-us-registry on the real raw files onto the bundled dataset.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "aisov/engine.hpp"
#include "core/date.hpp"
#include "io/csv.hpp"
#include "model/dataset.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using aisov::Engine;
using aisov::ErrorCode;
using aisov::ImportRequest;
using aisov::test::fixture;
using aisov::test::shared_raw;
using aisov::test::TempDir;

namespace {

void spit(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += "\n  " + s;
  return out;
}

Engine open_or_die(const std::string& dir) {
  auto e = Engine::open({dir});
  if (!e.ok()) {
    ADD_FAILURE() << e.error().message << joined(e.error().details);
    std::abort();
  }
  return std::move(e).value();
}

const aisov::CensusRow* row_of(const aisov::CensusResult& r, const std::string& code) {
  for (const auto& row : r.rows) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

aisov::CensusResult h100e_census(const Engine& e) {
  aisov::CensusRequest req;
  req.as_of = "2024-11-30";
  req.weight = aisov::CensusWeight::kH100e;
  auto r = e.census(req);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : aisov::CensusResult{};
}

// The facility-csv request used below (mapping as documented, plus the opening date that an
// operational facility needs).
ImportRequest facility_request(const std::string& input, const std::string& out) {
  ImportRequest req;
  req.format = "facility-csv";
  req.path = input;
  req.out_dir = out;
  req.mapping = {{"name", "Site"},
                 {"country", "Country"},
                 {"status", "Status"},
                 {"power_mw", "MW"},
                 {"h100e", "H100e"},
                 {"operator", "Operator"},
                 {"first_operational", "Opened"}};
  req.source_id = "my-list";
  req.source_title = "My facility list";
  req.source_url = "https://example.org/my-list";
  return req;
}

// Three facilities: one in Kenya by an operator the dataset does not know, one in Germany by a
// known operator named by its display name, one planned in Brazil without an operator.
const char* kGoodCsv =
    "Site,Country,Status,MW,H100e,Operator,Opened\n"
    "Nairobi AI One,Kenya,Operational,12,4000,Savannah Compute,2024-02\n"
    "Frankfurt Two,DEU,operational,30,8000,DE Cloud,2023-09\n"
    "Recife Site,Brazil,planned,,,,\n";

TEST(ImportFacilityCsv, AddsRowsOrganisationAndSource) {
  TempDir tmp;
  spit(tmp / "in.csv", kGoodCsv);
  const Engine tiny = open_or_die(fixture("tiny"));
  auto res = tiny.import_data(facility_request(tmp / "in.csv", tmp / "out"));
  ASSERT_TRUE(res.ok()) << res.error().message << joined(res.error().details);
  EXPECT_EQ(res.value().facilities_added, 3);
  EXPECT_EQ(res.value().organisations_added, 1);  // Savannah Compute
  EXPECT_EQ(res.value().sources_added, 1);        // my-list
  EXPECT_TRUE(res.value().skipped.empty()) << joined(res.value().skipped);

  // The new dataset validates and holds tiny's rows plus the new ones.
  const auto report = Engine::validate(tmp / "out");
  EXPECT_TRUE(report.errors.empty()) << joined(report.errors);
  const Engine out = open_or_die(tmp / "out");
  const auto& a = tiny.dataset();
  const auto& b = out.dataset();
  EXPECT_EQ(b.facilities.size(), a.facilities.size() + 3);
  EXPECT_EQ(b.organisations.size(), a.organisations.size() + 1);
  EXPECT_EQ(b.sources.size(), a.sources.size() + 1);
  EXPECT_EQ(b.sites.size(), a.sites.size());
  EXPECT_EQ(b.offerings.size(), a.offerings.size());
  EXPECT_EQ(b.economies.size(), a.economies.size());
  for (const auto& f : a.facilities) EXPECT_EQ(b.facility_index.count(f.facility_id), 1u);
  for (const auto& o : a.organisations) EXPECT_NE(b.find_org(o.org_id), aisov::model::kNone);
  EXPECT_EQ(out.summary().dataset_version, tiny.summary().dataset_version + "+facility-csv");
  EXPECT_EQ(out.summary().as_of, tiny.summary().as_of);

  // Imported facilities, by name.
  std::map<std::string, const aisov::model::Facility*> by_name;
  for (const auto& f : b.facilities) by_name[f.name] = &f;
  ASSERT_TRUE(by_name.count("Nairobi AI One"));
  ASSERT_TRUE(by_name.count("Frankfurt Two"));
  ASSERT_TRUE(by_name.count("Recife Site"));
  const auto& ke = *by_name["Nairobi AI One"];
  EXPECT_EQ(b.economies[ke.economy].iso3, "KEN");
  EXPECT_EQ(ke.status, aisov::model::FacilityStatus::kOperational);
  EXPECT_EQ(ke.first_operational.str(), "2024-02");
  EXPECT_EQ(ke.h100e, 4000);
  EXPECT_EQ(ke.power_mw, 12);
  EXPECT_FALSE(ke.estimate);
  ASSERT_EQ(ke.sources.size(), 1u);
  EXPECT_EQ(b.sources[ke.sources[0]].source_id, "my-list");
  EXPECT_EQ(b.sources[ke.sources[0]].title, "My facility list");
  // An unknown operator becomes a new organisation whose jurisdiction is unknown.
  ASSERT_NE(ke.op, aisov::model::kNone);
  const auto& org = b.organisations[ke.op];
  EXPECT_EQ(org.name, "Savannah Compute");
  EXPECT_EQ(a.find_org(org.org_id), aisov::model::kNone);
  EXPECT_EQ(org.hq, aisov::model::kNone);  // empty hq_iso3
  // A known operator is matched by its display name.
  const auto& de = *by_name["Frankfurt Two"];
  EXPECT_EQ(b.economies[de.economy].iso3, "DEU");
  ASSERT_NE(de.op, aisov::model::kNone);
  EXPECT_EQ(b.organisations[de.op].org_id, "dec");
  const auto& br = *by_name["Recife Site"];
  EXPECT_EQ(b.economies[br.economy].iso3, "BRA");
  EXPECT_EQ(br.status, aisov::model::FacilityStatus::kPlanned);
  EXPECT_EQ(br.op, aisov::model::kNone);
  EXPECT_FALSE(br.h100e.has_value());

  // The census counts the imported H100e in the right economies. Tiny alone: Kenya 0 (its only
  // facility is planned), Germany 2000 (f2), Brazil 0, USA 10000 (f1).
  const auto before = h100e_census(tiny);
  const auto after = h100e_census(out);
  ASSERT_TRUE(row_of(before, "KEN") && row_of(after, "KEN"));
  EXPECT_EQ(row_of(before, "KEN")->h100e, 0);
  EXPECT_EQ(row_of(after, "KEN")->h100e, 4000);
  EXPECT_EQ(row_of(after, "KEN")->facilities, 1);
  EXPECT_EQ(row_of(after, "KEN")->power_mw, 12);
  EXPECT_EQ(row_of(before, "DEU")->h100e, 2000);
  EXPECT_EQ(row_of(after, "DEU")->h100e, 2000 + 8000);
  EXPECT_EQ(row_of(after, "BRA")->h100e, 0);
  EXPECT_EQ(row_of(after, "USA")->h100e, row_of(before, "USA")->h100e);
  EXPECT_EQ(after.totals.h100e, before.totals.h100e + 12000);
  // Weighted by H100e, Kenya's operator layer is the new organisation's unknown jurisdiction.
  const auto& ops = row_of(after, "KEN")->operator_jurisdiction;
  ASSERT_FALSE(ops.shares.empty());
  EXPECT_EQ(ops.shares[0].key, "unknown");
  EXPECT_EQ(ops.shares[0].weight, 4000);
}

TEST(ImportFacilityCsv, BadRowIsReportedAtItsCellsAndNothingIsWritten) {
  TempDir tmp;
  spit(tmp / "in.csv",
       "Site,Country,Status,MW,H100e,Operator,Opened\n"
       "Nairobi AI One,Kenya,Operational,12,4000,Savannah Compute,2024-02\n"
       "Atlantis Hub,Atlantis,live,lots,10,Someone,2024\n");
  const Engine tiny = open_or_die(fixture("tiny"));
  auto res = tiny.import_data(facility_request(tmp / "in.csv", tmp / "out"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, ErrorCode::kInvalidInput);
  // Line 3; columns: Atlantis at 14, live at 23, lots at 28.
  const std::string f = tmp / "in.csv";
  EXPECT_EQ(res.error().details,
            (std::vector<std::string>{
                f + ":3:14: Country: 'Atlantis' is not an ISO 3166-1 country code or name",
                f + ":3:28: MW: expected a number, got 'lots'",
                f + ":3:23: Status: 'live' is not one of operational, under_construction, planned, "
                    "decommissioned, cancelled"}))
      << joined(res.error().details);
  EXPECT_FALSE(fs::exists(tmp / "out"));
  for (const auto& e : fs::directory_iterator(tmp.str())) {
    EXPECT_EQ(e.path().filename(), "in.csv") << "left behind: " << e.path();
  }
}

// Issue "Hardening" 16: "nan" used to become an empty cell. It is an error at its cell. Blanks
// around a third-party cell are trimmed (a documented importer rule, unlike the dataset's own
// tables), so " 5000" is read as 5000 and is not reported.
TEST(ImportFacilityCsv, NanIsAnErrorAndPaddedNumbersAreTrimmed) {
  TempDir tmp;
  spit(tmp / "in.csv",
       "Site,Country,Status,MW,H100e,Operator,Opened\n"
       "Nairobi AI One,Kenya,operational, 5000,nan,Savannah Compute,2024-02\n");
  const Engine tiny = open_or_die(fixture("tiny"));
  auto res = tiny.import_data(facility_request(tmp / "in.csv", tmp / "out"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, ErrorCode::kInvalidInput);
  // Line 2: "nan" starts at column 40.
  const std::string f = tmp / "in.csv";
  EXPECT_EQ(res.error().details,
            (std::vector<std::string>{f + ":2:40: H100e: expected a number, got 'nan'"}))
      << joined(res.error().details);
  EXPECT_FALSE(fs::exists(tmp / "out"));
}

TEST(ImportFacilityCsv, OperationalRowWithoutDateIsReportedOnTheInput) {
  // Without an opening date an operational facility cannot validate: the importer says so at
  // the input's status cell rather than in the (discarded) output.
  TempDir tmp;
  spit(tmp / "in.csv",
       "Site,Country,Status,MW,H100e,Operator\n"
       "Nairobi AI One,Kenya,planned,12,4000,Savannah Compute\n"
       "Mombasa One,KEN,operational,5,-3,\n");
  ImportRequest req = facility_request(tmp / "in.csv", tmp / "out");
  req.mapping.pop_back();  // no first_operational
  auto res = open_or_die(fixture("tiny")).import_data(req);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, ErrorCode::kInvalidInput);
  const std::string f = tmp / "in.csv";
  EXPECT_EQ(res.error().details, (std::vector<std::string>{
                                     f + ":3:31: H100e: value -3 is out of range for h100e",
                                 }))
      << joined(res.error().details);
  spit(tmp / "in.csv",
       "Site,Country,Status,MW,H100e,Operator\n"
       "Mombasa One,KEN,operational,5,3,\n");
  res = open_or_die(fixture("tiny")).import_data(req);
  ASSERT_FALSE(res.ok());
  ASSERT_EQ(res.error().details.size(), 1u) << joined(res.error().details);
  EXPECT_EQ(res.error().details[0].rfind(f + ":2:17: Status: an operational facility needs", 0), 0u)
      << res.error().details[0];
  EXPECT_FALSE(fs::exists(tmp / "out"));
}

TEST(ImportFacilityCsv, ExistingOutIsRefusedUnlessOverwrite) {
  TempDir tmp;
  spit(tmp / "in.csv", kGoodCsv);
  fs::create_directory(tmp / "out");
  spit(tmp / "out/keep.txt", "mine");
  const Engine tiny = open_or_die(fixture("tiny"));
  ImportRequest req = facility_request(tmp / "in.csv", tmp / "out");
  auto res = tiny.import_data(req);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(res.error().message.find("already exists"), std::string::npos) << res.error().message;
  EXPECT_TRUE(fs::exists(tmp / "out/keep.txt"));
  EXPECT_FALSE(fs::exists(tmp / "out/manifest.toml"));
  // Overwrite replaces only a dataset: a folder without manifest.toml is kept as it is ...
  req.overwrite = true;
  res = tiny.import_data(req);
  ASSERT_FALSE(res.ok());
  EXPECT_NE(res.error().message.find("not an aisov dataset"), std::string::npos)
      << res.error().message;
  EXPECT_TRUE(fs::exists(tmp / "out/keep.txt"));
  // ... and an earlier dataset is replaced by the new one.
  spit(tmp / "out/manifest.toml", "schema_version = 1\n");
  res = tiny.import_data(req);
  ASSERT_TRUE(res.ok()) << res.error().message << joined(res.error().details);
  EXPECT_FALSE(fs::exists(tmp / "out/keep.txt"));
  EXPECT_TRUE(Engine::validate(tmp / "out").ok);
}

// --- Real upstream files ------------------------------------------------------------------

// Rows of the imported file: the one file under facilities/ of `out` that `base` lacks.
std::vector<std::map<std::string, std::string>> imported_rows(const std::string& base,
                                                              const std::string& out) {
  std::vector<std::map<std::string, std::string>> rows;
  std::string found;
  for (const auto& e : fs::directory_iterator(fs::path(out) / "facilities")) {
    if (!fs::exists(fs::path(base) / "facilities" / e.path().filename())) {
      EXPECT_TRUE(found.empty()) << "two new files: " << found << ", " << e.path();
      found = e.path().string();
    }
  }
  EXPECT_FALSE(found.empty());
  if (found.empty()) return rows;
  std::ifstream in(found, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<aisov::io::Problem> problems;
  const auto f = aisov::io::parse_csv(ss.str(), found, problems);
  EXPECT_TRUE(problems.empty());
  for (const auto& r : f.rows) {
    std::map<std::string, std::string> m;
    for (size_t i = 0; i < f.header.size() && i < r.cells.size(); ++i) {
      m[f.header[i]] = r.cells[i].text;
    }
    rows.push_back(std::move(m));
  }
  return rows;
}

std::map<std::string, int> count_by(const std::vector<std::map<std::string, std::string>>& rows,
                                    const std::string& col) {
  std::map<std::string, int> n;
  for (const auto& r : rows) ++n[r.at(col)];
  return n;
}

// Checked independently of aisov with Python's csv module on the raw file (2025 snapshot):
//   E = list(csv.DictReader(open('gpu_clusters.csv')))
//   len(E) == 786; rows with an empty Country: 85 (cannot be placed; every non-empty Country
//   names an economy of the bundled dataset); Existing rows without a First Operational Date
//   and with a Country: 8. So 786 - 85 - 8 = 693 imported, 93 skipped.
//   Status of the 693: Existing with a date 534, Decommissioned with a decommissioning date 4,
//   Decommissioned without one but with a first date 2 (imported as operational), Planned 153.
//   Country == 'China': 253 rows, 5 of them Existing without a date -> 248 CHN;
//   Country == 'United States of America': 213 rows, 2 Existing without a date -> 211 USA.
TEST(ImportRaw, EpochClustersOntoTheBundledDataset) {
  if (shared_raw().empty()) GTEST_SKIP() << "../shared/data/raw not present";
  const std::string input = shared_raw() + "/epoch-ai/gpu_clusters.csv";
  if (!fs::exists(input)) GTEST_SKIP() << input << " not present";
  TempDir tmp;
  const Engine bundled = open_or_die(Engine::default_data_dir());
  ImportRequest req;
  req.format = "epoch-clusters";
  req.path = input;
  req.out_dir = tmp / "out";
  auto res = bundled.import_data(req);
  ASSERT_TRUE(res.ok()) << res.error().message << joined(res.error().details);
  // The bundled facilities are this import (data/facilities/epoch.csv): every row is the same
  // upstream row again, so each replaces its earlier import and nothing is added.
  EXPECT_EQ(res.value().facilities_added, 0);
  EXPECT_EQ(res.value().facilities_replaced, 693);
  EXPECT_EQ(res.value().skipped.size(), 93u);
  int no_country = 0, no_date = 0;
  for (const auto& s : res.value().skipped) {
    EXPECT_EQ(s.rfind(input + ":", 0), 0u) << s;
    no_country += s.find("country '' is not an ISO 3166-1 economy") != std::string::npos;
    no_date += s.find("existing cluster without a first operational date") != std::string::npos;
  }
  EXPECT_EQ(no_country, 85);
  EXPECT_EQ(no_date, 8);

  const auto rows = imported_rows(Engine::default_data_dir(), tmp / "out");
  ASSERT_EQ(rows.size(), 693u);
  const auto status = count_by(rows, "status");
  EXPECT_EQ(status.at("operational"), 534 + 2);
  EXPECT_EQ(status.at("decommissioned"), 4);
  EXPECT_EQ(status.at("planned"), 153);
  const auto iso3 = count_by(rows, "iso3");
  EXPECT_EQ(iso3.at("CHN"), 248);
  EXPECT_EQ(iso3.at("USA"), 211);
  const auto& ds = bundled.dataset();
  for (const auto& r : rows) {
    EXPECT_NE(ds.find_economy(r.at("iso3")), aisov::model::kNone) << r.at("name");
    EXPECT_EQ(r.at("facility_id").rfind("epoch:", 0), 0u) << r.at("facility_id");
  }

  const auto report = Engine::validate(tmp / "out");
  EXPECT_TRUE(report.ok);
  EXPECT_TRUE(report.errors.empty()) << joined(report.errors);
  const Engine out = open_or_die(tmp / "out");
  EXPECT_EQ(out.dataset().facilities.size(), ds.facilities.size());
  // Re-importing changes no H100e figure (the bug was a silent doubling).
  const auto before = h100e_census(bundled);
  const auto after = h100e_census(out);
  EXPECT_DOUBLE_EQ(after.totals.h100e, before.totals.h100e);
  ASSERT_EQ(after.rows.size(), before.rows.size());
  for (size_t i = 0; i < before.rows.size(); ++i) {
    EXPECT_DOUBLE_EQ(after.rows[i].h100e, before.rows[i].h100e) << before.rows[i].code;
  }
  // Epoch reuses one Name for its anonymised systems: reported once, each row kept.
  bool anonymised = false;
  for (const auto& d : res.value().duplicates) {
    EXPECT_EQ(d.rfind(input + ":", 0), 0u) << d;
    anonymised |= d.find("Name 'Anonymized Chinese System' is on 257 rows") != std::string::npos;
  }
  EXPECT_TRUE(anonymised) << joined(res.value().duplicates);
}

// Importing the same file twice: the second import replaces the first one's rows and says so;
// the totals do not move.
TEST(ImportRaw, EpochReimportReplacesInsteadOfAdding) {
  if (shared_raw().empty()) GTEST_SKIP() << "../shared/data/raw not present";
  const std::string input = shared_raw() + "/epoch-ai/gpu_clusters.csv";
  if (!fs::exists(input)) GTEST_SKIP() << input << " not present";
  TempDir tmp;
  ImportRequest req;
  req.format = "epoch-clusters";
  req.path = input;
  req.out_dir = tmp / "once";
  const Engine tiny = open_or_die(fixture("tiny"));
  auto first = tiny.import_data(req);
  ASSERT_TRUE(first.ok()) << first.error().message << joined(first.error().details);
  // The tiny fixture knows few economies: only the rows it can place are imported.
  const int n = first.value().facilities_added;
  EXPECT_GT(n, 0);
  EXPECT_EQ(first.value().facilities_replaced, 0);
  const Engine once = open_or_die(tmp / "once");
  req.out_dir = tmp / "twice";
  auto second = once.import_data(req);
  ASSERT_TRUE(second.ok()) << second.error().message << joined(second.error().details);
  EXPECT_EQ(second.value().facilities_added, 0);
  EXPECT_EQ(second.value().facilities_replaced, n);
  EXPECT_EQ(second.value().organisations_added, 0);
  EXPECT_EQ(second.value().sources_added, 0);
  const Engine twice = open_or_die(tmp / "twice");
  EXPECT_EQ(twice.dataset().facilities.size(), once.dataset().facilities.size());
  EXPECT_DOUBLE_EQ(h100e_census(twice).totals.h100e, h100e_census(once).totals.h100e);
  EXPECT_GT(h100e_census(once).totals.h100e, h100e_census(tiny).totals.h100e);

  // The CLI says so on stderr.
  const auto r = aisov::test::run_cli("--data " + (tmp / "once") + " data import epoch-clusters " +
                                      input + " --out " + (tmp / "cli") + " --quiet");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("replaced " + std::to_string(n) + " facilities"), std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find(std::to_string(n) + " facilities replaced"), std::string::npos) << r.out;
}

// Two rows of one input with the same key are reported, with their file and line.
TEST(ImportDuplicates, WithinOneInputAreReported) {
  TempDir tmp;
  const std::string epoch = tmp / "epoch.csv";
  spit(epoch,
       "Name,Status,Country,Owner,H100 equivalents,First Operational Date,Power Capacity (MW),"
       "Chip type (primary),Chip quantity (primary),Certainty\n"
       "Alpha,Existing,Kenya,Savannah Compute,100,2024-01-01,5,H100,100,Confirmed\n"
       "Beta,Planned,Germany,,50,,,,,Likely\n"
       "Alpha,Existing,Kenya,Savannah Compute,100,2024-01-01,5,H100,100,Confirmed\n");
  const Engine tiny = open_or_die(fixture("tiny"));
  ImportRequest req;
  req.format = "epoch-clusters";
  req.path = epoch;
  req.out_dir = tmp / "out";
  auto res = tiny.import_data(req);
  ASSERT_TRUE(res.ok()) << res.error().message << joined(res.error().details);
  EXPECT_EQ(res.value().facilities_added, 3);  // Epoch's Name is not a row id: both kept
  ASSERT_EQ(res.value().duplicates.size(), 1u) << joined(res.value().duplicates);
  EXPECT_EQ(
      res.value().duplicates[0].rfind(epoch + ":2: Name 'Alpha' is on 2 rows (lines 2, 4)", 0), 0u)
      << res.value().duplicates[0];

  // The registry's p_id is its row key: an identical copy is reported and skipped ...
  const std::string header =
      "p_id,country,description,url,year_announced,year_end,us_companies,us_operator_companies,"
      "us_government_involvement,china_companies,chinese_operator_companies,"
      "china_government_involvement,domestic_government_involvement,domestic_operator,"
      "other_operator_company,country_of_other_company_involvement,Total investment,"
      "Investments (project-specific)\n";
  const std::string reg = tmp / "registry.csv";
  spit(reg, header +
                "P001,Kenya,One,https://example.org/1,2023,,,,,,,,1,Savannah Compute,,,100,\n"
                "P002,Germany,Two,https://example.org/2,2023,,,,,,,,0,,,,200,\n"
                "P001,Kenya,One,https://example.org/1,2023,,,,,,,,1,Savannah Compute,,,100,\n");
  req.format = "non-us-registry";
  req.path = reg;
  req.out_dir = tmp / "reg";
  res = tiny.import_data(req);
  ASSERT_TRUE(res.ok()) << res.error().message << joined(res.error().details);
  EXPECT_EQ(res.value().facilities_added, 2);
  EXPECT_EQ(
      res.value().duplicates,
      std::vector<std::string>{reg + ":4: p_id 'P001' repeats line 2 cell for cell; skipped"});
  // ... two different rows under one p_id are an error at the key's cell, and nothing is written.
  spit(reg,
       header +
           "P001,Kenya,One,https://example.org/1,2023,,,,,,,,1,Savannah Compute,,,100,\n"
           "P001,Kenya,One again,https://example.org/1,2023,,,,,,,,1,Savannah Compute,,,900,\n");
  req.out_dir = tmp / "reg2";
  res = tiny.import_data(req);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(res.error().details,
            std::vector<std::string>{reg + ":3:1: p_id: 'P001' is also the key of line 2, whose "
                                           "cells differ (which row is the project?)"});
  EXPECT_FALSE(fs::exists(tmp / "reg2"));
  // A bad number is reported at its cell; nothing is written.
  spit(reg, header + "P001,Kenya,One,https://example.org/1,2023,,,,,,,,1,,,,lots,\n");
  res = tiny.import_data(req);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().details,
            std::vector<std::string>{reg + ":2:55: Total investment: expected a number >= 0, "
                                           "got 'lots'"});
  EXPECT_FALSE(fs::exists(tmp / "reg2"));
}

// Checked independently with Python's csv module on infrastructure_project_data.csv:
//   776 rows, every p_id starts with 'P', no p_id repeats. Every country cell names economies
//   of the bundled dataset: 771 one economy ('Republic of Congo' and 'Vatican City' are aliases),
//   five several (P194: 12 countries, P235: 'EU', P291: 2, P296: 4, P377: 2). So every row is
//   imported: 771 + 12 + 2 + 4 + 2 + EU members in 2019 facilities.
//   year_end is a plain year <= 2024 on 56 rows, all single-country -> 56 operational.
//   country == 'China': 56, 'India': 46, 'Brazil': 41.
// Operator shares are computed below from the raw file, independently of the importer.

// The raw registry as rows of cells by column name (the CSV parser only; no importer logic).
std::vector<std::map<std::string, std::string>> raw_rows(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<aisov::io::Problem> problems;
  const auto f = aisov::io::parse_csv(ss.str(), path, problems);
  EXPECT_TRUE(problems.empty());
  std::vector<std::map<std::string, std::string>> rows;
  for (const auto& r : f.rows) {
    std::map<std::string, std::string> m;
    for (size_t i = 0; i < f.header.size() && i < r.cells.size(); ++i) {
      m[f.header[i]] = r.cells[i].text;
    }
    rows.push_back(std::move(m));
  }
  return rows;
}

double num(const std::string& s) { return s.empty() ? 0.0 : std::stod(s); }

TEST(ImportRaw, NonUsRegistryOntoTheBundledDataset) {
  if (shared_raw().empty()) GTEST_SKIP() << "../shared/data/raw not present";
  const std::string input = shared_raw() + "/non-us-dc-registry/infrastructure_project_data.csv";
  if (!fs::exists(input)) GTEST_SKIP() << input << " not present";
  TempDir tmp;
  const Engine bundled = open_or_die(Engine::default_data_dir());
  const auto& ds = bundled.dataset();
  ImportRequest req;
  req.format = "non-us-registry";
  req.path = fs::path(input).parent_path().string();  // the folder is accepted too
  req.out_dir = tmp / "out";
  auto res = bundled.import_data(req);
  ASSERT_TRUE(res.ok()) << res.error().message << joined(res.error().details);
  const auto& got = res.value();
  EXPECT_TRUE(got.skipped.empty()) << joined(got.skipped);
  EXPECT_TRUE(got.duplicates.empty()) << joined(got.duplicates);
  EXPECT_EQ(got.facilities_replaced, 0);
  const aisov::model::Id eu = ds.find_bloc("eu");
  ASSERT_NE(eu, aisov::model::kNone);
  int eu_2019 = 0;
  for (aisov::model::Id m : ds.members_by_bloc[eu]) {
    eu_2019 += ds.bloc_members[m].active_on(aisov::core::Date::parse("2019")->first_day());
  }
  EXPECT_EQ(got.facilities_added, 771 + 12 + 2 + 4 + 2 + eu_2019);
  EXPECT_EQ(got.sources_added, ds.find_source("nonus_dc_registry_2025") == aisov::model::kNone);

  const auto rows = imported_rows(Engine::default_data_dir(), tmp / "out");
  ASSERT_EQ(static_cast<int>(rows.size()), got.facilities_added);
  const auto status = count_by(rows, "status");
  EXPECT_EQ(status.at("operational"), 56);
  const auto iso3 = count_by(rows, "iso3");
  EXPECT_EQ(iso3.at("CHN"), 56);
  EXPECT_EQ(iso3.at("IND"), 46);
  EXPECT_EQ(iso3.at("BRA"), 41);
  EXPECT_EQ(iso3.count("USA"), 0u);  // a registry of non-US projects

  const auto report = Engine::validate(tmp / "out");
  EXPECT_TRUE(report.ok);
  EXPECT_TRUE(report.errors.empty()) << joined(report.errors);
  const Engine out = open_or_die(tmp / "out");
  const auto& ods = out.dataset();
  EXPECT_EQ(static_cast<int>(ods.facilities.size()),
            static_cast<int>(ds.facilities.size()) + got.facilities_added);

  // Independent figures from the raw file: the registry's own operator-investment columns.
  const auto raw = raw_rows(input);
  ASSERT_EQ(raw.size(), 776u);
  double total = 0, us_op = 0, cn_op = 0, project = 0;
  int us_flag = 0, cn_flag = 0;
  for (const auto& r : raw) {
    total += num(r.at("Total investment"));
    us_op += num(r.at("Inv_US_Operator"));
    cn_op += num(r.at("Inv_Chinese_Operator"));
    project += num(r.at("Investments (project-specific)"));
    us_flag += !r.at("us_companies").empty() || !r.at("us_operator_companies").empty() ||
               !r.at("us_government_involvement").empty();
    cn_flag += !r.at("china_companies").empty() || !r.at("chinese_operator_companies").empty() ||
               !r.at("china_government_involvement").empty();
  }
  const double us_expected = us_op / total, cn_expected = cn_op / total;
  EXPECT_NEAR(us_expected, 0.48, 0.01);  // the paper's 48 %

  // The imported rows, by operator jurisdiction (hq_iso3 of the operator; unknown when none).
  std::map<std::string, double> by_jurisdiction;  // USA, CHN, domestic, other, unknown
  std::map<std::string, std::vector<const std::map<std::string, std::string>*>> by_pid;
  double imported_total = 0;
  std::map<std::string, int> flags;
  for (const auto& r : rows) {
    const double inv = num(r.at("investment_usd"));
    imported_total += inv;
    std::string hq;
    if (!r.at("operator_id").empty()) {
      const auto o = ods.find_org(r.at("operator_id"));
      ASSERT_NE(o, aisov::model::kNone) << r.at("operator_id");
      if (ods.organisations[o].hq != aisov::model::kNone) {
        hq = ods.economies[ods.organisations[o].hq].iso3;
      }
    }
    const std::string key = hq.empty()           ? "unknown"
                            : hq == "USA"        ? "USA"
                            : hq == "CHN"        ? "CHN"
                            : hq == r.at("iso3") ? "domestic"
                                                 : "other";
    by_jurisdiction[key] += inv;
    const std::string& id = r.at("facility_id");
    const std::string pid = "P" + id.substr(std::string("registry:p").size(), 3);
    by_pid[pid].push_back(&r);
    flags["multi_country"] += r.at("multi_country") == "1";
  }
  // Nothing is lost: the total basis sums the registry's Total investment.
  EXPECT_NEAR(imported_total, total, 1.0);
  const double us_share = by_jurisdiction["USA"] / imported_total;
  const double cn_share = by_jurisdiction["CHN"] / imported_total;
  EXPECT_NEAR(us_share, 0.48, 0.01);
  EXPECT_NEAR(us_share, us_expected, 0.001);
  EXPECT_NEAR(cn_share, cn_expected, 0.001);
  // Every registry row naming an operator is booked to a jurisdiction, with two documented
  // exceptions the importer reports: 'Raxio Group', whose curated organisation has no hq_iso3,
  // and P005's Paratus, whose country cell is 'Pan-African'.
  std::set<std::string> unknown_named;
  for (const auto& r : raw) {
    bool named = false;
    for (const char* c : {"us_operator_companies", "chinese_operator_companies",
                          "domestic_operator", "other_operator_company"}) {
      named |= !r.at(c).empty();
    }
    if (!named) continue;
    ASSERT_TRUE(by_pid.count(r.at("p_id"))) << r.at("p_id");
    for (const auto* f : by_pid[r.at("p_id")]) {
      const std::string& op = f->at("operator_id");
      if (r.at("domestic_operator") == "Telkomcel" && r.at("country") != "East Timor") {
        EXPECT_NE(op, "telkomcel") << r.at("p_id");  // corrected away
        continue;
      }
      ASSERT_FALSE(op.empty()) << r.at("p_id");
      const auto o = ods.find_org(op);
      if (ods.organisations[o].hq == aisov::model::kNone) {
        unknown_named.insert(op == "raxio" ? "raxio" : r.at("p_id"));
      }
    }
  }
  EXPECT_EQ(unknown_named, (std::set<std::string>{"P005", "raxio"}));
  std::string notes = joined(got.notes);
  EXPECT_NE(notes.find("'Paratus': country 'Pan-African' names no ISO 3166-1 economy"),
            std::string::npos)
      << notes;
  EXPECT_NE(notes.find("the dataset's organisation 'raxio' has hq_iso3 empty"), std::string::npos)
      << notes;
  // Named Chinese and domestic operators are no longer unknown.
  // So the unknown share is that of the rows naming no operator (after the Telkomcel
  // correction), plus P005.
  double none = 0;
  for (const auto& r : raw) {
    const bool telkomcel_error =
        r.at("domestic_operator") == "Telkomcel" && r.at("country") != "East Timor";
    const bool named = !r.at("us_operator_companies").empty() ||
                       !r.at("chinese_operator_companies").empty() ||
                       (!r.at("domestic_operator").empty() && !telkomcel_error) ||
                       !r.at("other_operator_company").empty();
    if (!named || r.at("p_id") == "P005") none += num(r.at("Total investment"));
  }
  EXPECT_NEAR(by_jurisdiction["unknown"] / imported_total, none / total, 1e-9);

  // Involvement flags carry the registry's columns.
  int us_rows = 0, cn_rows = 0;
  for (const auto& [pid, list] : by_pid) {
    us_rows += list.front()->at("us_involvement") == "1";
    cn_rows += list.front()->at("china_involvement") == "1";
  }
  EXPECT_EQ(us_rows, us_flag);
  EXPECT_EQ(cn_rows, cn_flag);

  // Multi-country rows: one facility per country, the investment split evenly, flagged.
  ASSERT_EQ(by_pid["P194"].size(), 12u);
  for (const auto* f : by_pid["P194"]) {
    EXPECT_EQ(f->at("multi_country"), "1");
    EXPECT_NEAR(num(f->at("investment_usd")), 3110550000.0 / 12, 1.0);
    EXPECT_EQ(f->at("facility_id").rfind("registry:p194-", 0), 0u);
  }
  EXPECT_EQ(static_cast<int>(by_pid["P235"].size()), eu_2019);  // 'EU'
  EXPECT_EQ(by_pid["P291"].size(), 2u);
  EXPECT_EQ(by_pid["P296"].size(), 4u);
  EXPECT_EQ(by_pid["P377"].size(), 2u);
  EXPECT_EQ(flags["multi_country"], 12 + eu_2019 + 2 + 4 + 2);
  ASSERT_EQ(by_pid["P204"].size(), 1u);
  EXPECT_EQ(by_pid["P204"][0]->at("multi_country"), "0");

  // The Telkomcel fill-down error is corrected by data/import_corrections.csv (25 rows, two
  // fields each) and every correction is reported; Timor-Leste keeps only its own project.
  EXPECT_EQ(got.corrections.size(), 50u) << joined(got.corrections);
  for (const auto& c : got.corrections) {
    EXPECT_EQ(c.rfind(input + ":", 0), 0u) << c;
    EXPECT_NE(c.find("'Telkomcel' -> ''"), std::string::npos) << c;
  }
  EXPECT_EQ(by_pid["P204"][0]->at("operator_id"), "telkomcel");
  EXPECT_EQ(by_pid["P385"][0]->at("operator_id"), "");  // Fugaku, Japan
  for (const auto& r : rows) {
    if (r.at("operator_id") == "telkomcel") {
      EXPECT_EQ(r.at("iso3"), "TLS") << r.at("facility_id");
    }
  }

  // The project basis: project-specific investment only.
  req.investment_basis = "project";
  req.out_dir = tmp / "project";
  auto proj = bundled.import_data(req);
  ASSERT_TRUE(proj.ok()) << proj.error().message << joined(proj.error().details);
  double project_total = 0;
  for (const auto& r : imported_rows(Engine::default_data_dir(), tmp / "project")) {
    project_total += num(r.at("investment_usd"));
  }
  EXPECT_NEAR(project_total, project, 1.0);
  EXPECT_LT(project_total, total);
  req.investment_basis = "country";
  req.out_dir = tmp / "bad";
  auto bad = bundled.import_data(req);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(tmp / "bad"));
}

// A stale correction (the upstream cell no longer holds the value it corrects) is reported and
// not applied; a correction naming a column the input lacks is an error at its own cell.
TEST(ImportCorrections, StaleOrMisdirectedCorrectionsAreReported) {
  TempDir tmp;
  fs::copy(fixture("tiny"), tmp / "data", fs::copy_options::recursive);
  // Cite the fixture's first source.
  const Engine tiny0 = open_or_die(fixture("tiny"));
  const std::string src = tiny0.dataset().sources[0].source_id;
  spit(tmp / "data/import_corrections.csv",
       "importer,upstream_key,field,upstream_value,corrected_value,reason,source_id\n"
       "non-us-registry,P001,domestic_operator,Telkomcel,,fill-down error," +
           src +
           "\n"
           "non-us-registry,P002,domestic_operator,Telkomcel,,fill-down error," +
           src +
           "\n"
           "non-us-registry,P009,domestic_operator,Telkomcel,,fill-down error," +
           src + "\n");
  const Engine data = open_or_die(tmp / "data");
  const std::string reg = tmp / "registry.csv";
  const std::string header =
      "p_id,country,description,url,year_announced,year_end,us_companies,us_operator_companies,"
      "us_government_involvement,china_companies,chinese_operator_companies,"
      "china_government_involvement,domestic_government_involvement,domestic_operator,"
      "other_operator_company,country_of_other_company_involvement,Total investment,"
      "Investments (project-specific)\n";
  spit(reg, header +
                "P001,Kenya,One,https://example.org/1,2023,,,,,,,,1,Telkomcel,,,100,\n"
                "P002,Kenya,Two,https://example.org/2,2023,,,,,,,,1,Safaricom,,,100,\n");
  ImportRequest req;
  req.format = "non-us-registry";
  req.path = reg;
  req.out_dir = tmp / "out";
  auto res = data.import_data(req);
  ASSERT_TRUE(res.ok()) << res.error().message << joined(res.error().details);
  const std::string fixes = tmp / "data/import_corrections.csv";
  EXPECT_EQ(res.value().corrections,
            std::vector<std::string>{reg + ":2:52: P001 domestic_operator 'Telkomcel' -> '' (" +
                                     fixes + ":2: fill-down error)"});
  const std::string notes = joined(res.value().notes);
  EXPECT_NE(notes.find(reg + ":3:52: correction " + fixes +
                       ":3 not applied: P002 domestic_operator is now 'Safaricom', not "
                       "'Telkomcel'"),
            std::string::npos)
      << notes;
  EXPECT_NE(notes.find(fixes + ":4: correction not applied: " + reg + " has no row 'P009'"),
            std::string::npos)
      << notes;
  // P001 lost its (wrong) operator; P002 kept Safaricom, booked to Kenya (a domestic operator).
  const Engine out = open_or_die(tmp / "out");
  const auto& o = out.dataset();
  const auto p1 = o.facilities[o.facility_index.at("registry:p001")];
  const auto p2 = o.facilities[o.facility_index.at("registry:p002")];
  EXPECT_EQ(p1.op, aisov::model::kNone);
  ASSERT_NE(p2.op, aisov::model::kNone);
  EXPECT_EQ(o.economies[o.organisations[p2.op].hq].iso3, "KEN");
  EXPECT_EQ(p2.government_involvement, std::optional<bool>(true));
  EXPECT_EQ(p2.multi_country, std::optional<bool>(false));

  // A correction of a column the input lacks: an error at the correction's field cell.
  spit(tmp / "data/import_corrections.csv",
       "importer,upstream_key,field,upstream_value,corrected_value,reason,source_id\n"
       "non-us-registry,P001,operator,Telkomcel,,fill-down error," +
           src + "\n");
  const Engine data2 = open_or_die(tmp / "data");
  req.out_dir = tmp / "out2";
  res = data2.import_data(req);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().details,
            std::vector<std::string>{fixes + ":2:22: field: 'operator' is not a column of " + reg});
  EXPECT_FALSE(fs::exists(tmp / "out2"));
}

}  // namespace
