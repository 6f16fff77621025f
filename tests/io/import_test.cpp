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
  // With overwrite the directory is replaced by the new dataset.
  req.overwrite = true;
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
  EXPECT_EQ(res.value().facilities_added, 693);
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
  EXPECT_EQ(out.dataset().facilities.size(), ds.facilities.size() + 693);
}

// Checked independently with Python's csv module on infrastructure_project_data.csv:
//   776 rows, every p_id starts with 'P'. Country cells that name no single economy: 5 (four
//   lists of countries and 'EU'); 'Republic of Congo' (2 rows) and 'Vatican City' (1) are placed
//   only if the dataset's economy aliases know those spellings. So 768..771 imported.
//   year_end is a plain year <= 2024 on 56 rows, all in placeable countries -> 56 operational.
//   country == 'China': 56, 'India': 46, 'Brazil': 41.
TEST(ImportRaw, NonUsRegistryOntoTheBundledDataset) {
  if (shared_raw().empty()) GTEST_SKIP() << "../shared/data/raw not present";
  const std::string input = shared_raw() + "/non-us-dc-registry/infrastructure_project_data.csv";
  if (!fs::exists(input)) GTEST_SKIP() << input << " not present";
  TempDir tmp;
  const Engine bundled = open_or_die(Engine::default_data_dir());
  ImportRequest req;
  req.format = "non-us-registry";
  req.path = fs::path(input).parent_path().string();  // the folder is accepted too
  req.out_dir = tmp / "out";
  auto res = bundled.import_data(req);
  ASSERT_TRUE(res.ok()) << res.error().message << joined(res.error().details);
  const int added = res.value().facilities_added;
  EXPECT_GE(added, 768);
  EXPECT_LE(added, 771);
  EXPECT_EQ(added + static_cast<int>(res.value().skipped.size()), 776);
  for (const auto& s : res.value().skipped) {
    EXPECT_NE(s.find("is not an ISO 3166-1 economy"), std::string::npos) << s;
  }
  const auto& ds = bundled.dataset();
  EXPECT_EQ(res.value().sources_added,
            ds.find_source("nonus_dc_registry_2025") == aisov::model::kNone);

  const auto rows = imported_rows(Engine::default_data_dir(), tmp / "out");
  ASSERT_EQ(static_cast<int>(rows.size()), added);
  const auto status = count_by(rows, "status");
  EXPECT_EQ(status.at("operational"), 56);
  EXPECT_EQ(status.at("planned"), added - 56);
  const auto iso3 = count_by(rows, "iso3");
  EXPECT_EQ(iso3.at("CHN"), 56);
  EXPECT_EQ(iso3.at("IND"), 46);
  EXPECT_EQ(iso3.at("BRA"), 41);
  EXPECT_EQ(iso3.count("USA"), 0u);  // a registry of non-US projects
  for (const auto& r : rows) {
    EXPECT_NE(ds.find_economy(r.at("iso3")), aisov::model::kNone) << r.at("facility_id");
    EXPECT_EQ(r.at("source_id"), "nonus_dc_registry_2025");
  }

  const auto report = Engine::validate(tmp / "out");
  EXPECT_TRUE(report.ok);
  EXPECT_TRUE(report.errors.empty()) << joined(report.errors);
  const Engine out = open_or_die(tmp / "out");
  EXPECT_EQ(static_cast<int>(out.dataset().facilities.size()),
            static_cast<int>(ds.facilities.size()) + added);
}

}  // namespace
