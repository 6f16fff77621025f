#include "io/importers.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "core/date.hpp"
#include "core/strings.hpp"
#include "model/schema.hpp"

namespace aisov::io {

namespace {

using model::Id;
using model::kNone;

// H100 SXM dense BF16 peak, FLOP/s (NVIDIA H100 datasheet: 989.4 TFLOP/s without sparsity).
constexpr double kH100Flops = 989.4e12;

// Column accessor for an input CSV file by header name.
class Input {
 public:
  Input(const CsvFile& f, std::vector<Problem>& problems) : f_(f), problems_(problems) {
    for (size_t i = 0; i < f.header.size(); ++i)
      cols_[core::trim(f.header[i])] = static_cast<int>(i);
  }
  bool has(const std::string& c) const { return cols_.count(c) > 0; }
  bool require(const std::vector<std::string>& cols) const {
    bool ok = true;
    for (const auto& c : cols) {
      if (!has(c)) {
        problems_.push_back({f_.file, 1, 1, "missing input column '" + c + "'"});
        ok = false;
      }
    }
    return ok;
  }
  std::string get(const CsvRow& r, const std::string& c) const {
    auto it = cols_.find(c);
    if (it == cols_.end() || it->second >= static_cast<int>(r.cells.size())) return {};
    return core::trim(r.cells[it->second].text);
  }
  int column(const CsvRow& r, const std::string& c) const {
    auto it = cols_.find(c);
    if (it == cols_.end() || it->second >= static_cast<int>(r.cells.size())) return 1;
    return r.cells[it->second].column;
  }
  const CsvFile& file() const { return f_; }

 private:
  const CsvFile& f_;
  std::vector<Problem>& problems_;
  std::unordered_map<std::string, int> cols_;
};

// Builds rows in the facilities column order from a field map.
class FacilityRow {
 public:
  FacilityRow() : cols_(model::table_columns("facilities")), cells_(cols_.size()) {}
  void set(const std::string& col, const std::string& v) {
    auto it = std::find(cols_.begin(), cols_.end(), col);
    cells_[it - cols_.begin()] = v;
  }
  std::vector<std::string> take() { return std::move(cells_); }
  const std::vector<std::string>& cells() const { return cells_; }

 private:
  const std::vector<std::string>& cols_;
  std::vector<std::string> cells_;
};

// Resolves organisations by name, creating rows for unknown ones (jurisdiction unknown).
class OrgResolver {
 public:
  OrgResolver(const model::Dataset& ds, ImportedRows& out, std::string source)
      : ds_(ds), out_(out), source_(std::move(source)) {}
  std::string resolve(const std::string& name) {
    const std::string n = core::trim(name);
    if (n.empty()) return {};
    Id id = ds_.find_org_by_name(n);
    if (id != kNone) return ds_.organisations[id].org_id;
    const std::string key = core::name_key(n);
    auto it = created_.find(key);
    if (it != created_.end()) return it->second;
    std::string slug = core::slugify(n);
    if (slug.empty()) return {};
    std::string base = slug;
    for (int k = 2; ds_.find_org(slug) != kNone || used_.count(slug); ++k) {
      slug = base + "-" + std::to_string(k);
    }
    used_.insert(slug);
    created_[key] = slug;
    // hq_iso3 is left empty: the input does not say where the organisation is headquartered.
    out_.organisations.push_back({slug, n, "dc_operator", "", "", "", source_});
    return slug;
  }

 private:
  const model::Dataset& ds_;
  ImportedRows& out_;
  std::string source_;
  std::unordered_map<std::string, std::string> created_;
  std::set<std::string> used_;
};

// Unique facility ids within the dataset and the import.
class IdMaker {
 public:
  explicit IdMaker(const model::Dataset& ds) : ds_(ds) {}
  std::string make(const std::string& prefix, const std::string& name) {
    std::string base = prefix + ":" + core::slugify(name);
    if (base.size() > 80) base.resize(80);
    while (!base.empty() && base.back() == '-') base.pop_back();
    std::string id = base;
    for (int k = 2; ds_.facility_index.count(id) || used_.count(id); ++k) {
      id = base + "-" + std::to_string(k);
    }
    used_.insert(id);
    return id;
  }

 private:
  const model::Dataset& ds_;
  std::set<std::string> used_;
};

std::string first_of(const std::string& list) {
  auto parts = core::split_list(list, ',');
  return parts.empty() ? std::string() : parts[0];
}

// Epoch's chip names → accel_id. Longest pattern first so "A100 SXM4 80" beats "A100".
std::string epoch_chip(const model::Dataset& ds, const std::string& chip) {
  static const std::vector<std::pair<std::string, std::string>> kMap = {
      {"h100", "nvidia-h100-sxm"},
      {"h200", "nvidia-h200"},
      {"gh200", "nvidia-gh200"},
      {"gb300", "nvidia-gb300"},
      {"gb200", "nvidia-gb200"},
      {"b300", "nvidia-b300"},
      {"b200", "nvidia-b200"},
      {"a10080", "nvidia-a100-80gb"},
      {"a100", "nvidia-a100-40gb"},
      {"v10032", "nvidia-v100-32gb"},
      {"v100", "nvidia-v100-16gb"},
      {"p100", "nvidia-p100"},
      {"k80", "nvidia-k80"},
      {"mi300x", "amd-mi300x"},
      {"mi300a", "amd-mi300a"},
      {"mi250x", "amd-mi250x"},
      {"mi250", "amd-mi250"},
      {"mi210", "amd-mi210"},
      {"tpuv5p", "google-tpu-v5p"},
      {"tpuv5e", "google-tpu-v5e"},
      {"tpuv4", "google-tpu-v4"},
      {"tpuv3", "google-tpu-v3"},
      {"tpuv2", "google-tpu-v2"},
      {"trainium2", "aws-trainium2"},
      {"trainium1", "aws-trainium"},
      {"ascend910b", "huawei-ascend-910b"},
      {"gaudi2", "intel-gaudi2"},
      {"max1550", "intel-max-1550"},
      {"maia100", "microsoft-maia-100"},
      {"dojo", "tesla-dojo-d1"},
  };
  std::string key = core::name_key(chip);
  // Normalise memory suffixes: "a100sxm480gb" → contains "a100" and "80".
  for (const auto& [pat, id] : kMap) {
    bool match;
    if (pat == "a10080") {
      match = key.find("a100") != std::string::npos && key.find("80") != std::string::npos;
    } else if (pat == "v10032") {
      match = key.find("v100") != std::string::npos && key.find("32") != std::string::npos;
    } else {
      match = key.find(pat) != std::string::npos;
    }
    if (match && ds.find_accel(id) != kNone) return id;
  }
  return {};
}

std::string num_or_empty(const std::string& s) {
  auto v = core::parse_number(s);
  return v && *v >= 0 ? core::format_number(*v) : std::string();
}

std::string date_or_empty(const std::string& s) {
  if (s.size() >= 10) {
    if (auto d = core::Date::parse(s.substr(0, 10))) return d->str();
  }
  if (auto d = core::Date::parse(s)) return d->str();
  return {};
}

// The import date, used as the sources row's `accessed` date.
std::string today() {
  const auto now = std::chrono::system_clock::now();
  const auto days =
      std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return core::Date::from_days(static_cast<int>(days)).str();
}

void add_source(ImportedRows& out, const model::Dataset& ds, const std::string& id,
                const std::string& producer, const std::string& title, const std::string& url,
                const std::string& licence, const std::string& notes) {
  if (ds.find_source(id) != kNone) return;
  out.sources.push_back({id, producer, title, url, "", today(), licence, notes});
}

// --- Epoch AI GPU clusters --------------------------------------------------------------

void import_epoch(const model::Dataset& ds, const CsvFile& f, const ImportSpec& spec,
                  ImportedRows& out, std::vector<Problem>& problems) {
  Input in(f, problems);
  if (!in.require({"Name", "Status", "Country", "Owner", "H100 equivalents",
                   "First Operational Date", "Power Capacity (MW)", "Chip type (primary)",
                   "Chip quantity (primary)", "Certainty"})) {
    return;
  }
  const std::string src = spec.source_id.empty() ? "epoch_gpu_clusters" : spec.source_id;
  add_source(out, ds, src, "Epoch AI", "GPU Clusters dataset", "https://epoch.ai/data/gpu-clusters",
             "CC BY 4.0", "imported with aisov data import epoch-clusters");
  OrgResolver orgs(ds, out, src);
  IdMaker ids(ds);
  // Successor clusters retire their predecessors when they come online.
  std::unordered_map<std::string, std::string> first_op;
  for (const auto& r : f.rows)
    first_op[in.get(r, "Name")] = date_or_empty(in.get(r, "First Operational Date"));
  for (const auto& r : f.rows) {
    const std::string name = in.get(r, "Name");
    const std::string where = f.file + ":" + std::to_string(r.line);
    const std::string country = in.get(r, "Country");
    Id e = ds.find_economy_by_name(country);
    if (name.empty()) {
      out.skipped.push_back(where + ": no name");
      continue;
    }
    if (e == kNone) {
      out.skipped.push_back(where + ": country '" + country + "' is not an ISO 3166-1 economy");
      continue;
    }
    FacilityRow row;
    row.set("facility_id", ids.make("epoch", name));
    row.set("name", name);
    row.set("operator_id", orgs.resolve(first_of(in.get(r, "Owner"))));
    row.set("iso3", ds.economies[e].iso3);
    row.set("city", in.has("Location") ? in.get(r, "Location") : "");
    const std::string status = in.get(r, "Status");
    std::string first = date_or_empty(in.get(r, "First Operational Date"));
    std::string decom = in.has("Decommissioned Date (if applicable)")
                            ? date_or_empty(in.get(r, "Decommissioned Date (if applicable)"))
                            : "";
    std::string st = status == "Existing"         ? "operational"
                     : status == "Decommissioned" ? "decommissioned"
                                                  : "planned";
    if (st == "operational" && first.empty()) {
      out.skipped.push_back(where + ": existing cluster without a first operational date");
      continue;
    }
    if (st == "decommissioned" && decom.empty()) st = first.empty() ? "planned" : "operational";
    if (in.has("Superseded by") && decom.empty()) {
      auto it = first_op.find(in.get(r, "Superseded by"));
      if (it != first_op.end() && !it->second.empty() && st == "operational") decom = it->second;
    }
    row.set("status", st);
    row.set("first_operational", first);
    row.set("decommissioned", decom);
    row.set("accel_id", epoch_chip(ds, in.get(r, "Chip type (primary)")));
    row.set("accel_count", num_or_empty(in.get(r, "Chip quantity (primary)")));
    const std::string h = num_or_empty(in.get(r, "H100 equivalents"));
    row.set("h100e", h);
    const bool estimate = in.get(r, "Certainty") != "Confirmed";
    if (estimate && !h.empty()) {
      // aisov's convention for unconfirmed Epoch rows: ±50 % (docs/methodology.md).
      const double v = *core::parse_number(h);
      row.set("h100e_low", core::format_number(std::round(v * 0.5 * 100) / 100));
      row.set("h100e_high", core::format_number(std::round(v * 1.5 * 100) / 100));
    }
    row.set("estimate", estimate ? "1" : "0");
    row.set("power_mw", num_or_empty(in.get(r, "Power Capacity (MW)")));
    if (in.has("Reported Cost"))
      row.set("investment_usd", num_or_empty(in.get(r, "Reported Cost")));
    row.set("source_ref", in.has("Source 1") ? in.get(r, "Source 1") : name);
    row.set("source_id", src);
    out.facilities.push_back(row.take());
  }
}

// --- Non-US data-centre registry (Richardson et al. 2025) --------------------------------

void import_registry(const model::Dataset& ds, const CsvFile& f, const ImportSpec& spec,
                     ImportedRows& out, std::vector<Problem>& problems) {
  Input in(f, problems);
  if (!in.require({"p_id", "country", "description", "url", "year_announced", "year_end",
                   "us_operator_companies", "chinese_operator_companies", "domestic_operator",
                   "other_operator_company", "Total investment"})) {
    return;
  }
  const std::string src = spec.source_id.empty() ? "nonus_dc_registry_2025" : spec.source_id;
  add_source(out, ds, src, "Richardson, Yi, Nie, Wisdom, Price, Weijers, Veld and Baker",
             "How Sovereign Is Sovereign Compute? A Review of 775 Non-U.S. Data Centers (arXiv "
             "2508.00932), registry of 2025-07-30",
             "https://arxiv.org/abs/2508.00932", "cite the paper",
             "imported with aisov data import non-us-registry");
  OrgResolver orgs(ds, out, src);
  IdMaker ids(ds);
  for (const auto& r : f.rows) {
    const std::string where = f.file + ":" + std::to_string(r.line);
    const std::string pid = in.get(r, "p_id");
    if (pid.empty() || pid[0] != 'P') {
      out.skipped.push_back(where + ": not a project row (p_id '" + pid + "')");
      continue;
    }
    const std::string country = in.get(r, "country");
    Id e = ds.find_economy_by_name(country);
    if (e == kNone) {
      out.skipped.push_back(where + ": country '" + country + "' is not an ISO 3166-1 economy");
      continue;
    }
    std::string op;
    for (const char* c : {"us_operator_companies", "chinese_operator_companies",
                          "domestic_operator", "other_operator_company"}) {
      std::string v = first_of(in.get(r, c));
      if (!v.empty() && v != "0" && v != "1") {
        op = v;
        break;
      }
    }
    std::string desc = in.get(r, "description");
    if (desc.size() > 160) desc = desc.substr(0, 157) + "...";
    FacilityRow row;
    row.set("facility_id", ids.make("registry", pid));
    row.set("name", desc.empty() ? pid : desc);
    row.set("operator_id", orgs.resolve(op));
    row.set("iso3", ds.economies[e].iso3);
    const std::string announced = date_or_empty(in.get(r, "year_announced"));
    const std::string end = date_or_empty(in.get(r, "year_end"));
    // The registry was compiled in 2024: a completion year up to 2024 means the project was
    // delivered; later or missing years mean it is still planned.
    const bool done = !end.empty() && std::stoi(end.substr(0, 4)) <= 2024;
    row.set("status", done ? "operational" : "planned");
    row.set("announced", announced);
    row.set("first_operational", done ? end : "");
    std::string inv = in.has("Investments (project-specific)")
                          ? num_or_empty(in.get(r, "Investments (project-specific)"))
                          : "";
    if (inv.empty() || inv == "0") inv = num_or_empty(in.get(r, "Total investment"));
    if (inv == "0") inv.clear();
    row.set("investment_usd", inv);
    if (in.has("Peak FLOP/s")) {
      if (auto flops = core::parse_number(in.get(r, "Peak FLOP/s")); flops && *flops > 0) {
        row.set("h100e", core::format_number(std::round(*flops / kH100Flops)));
      }
    }
    row.set("estimate", "1");
    row.set("source_ref", in.get(r, "url"));
    row.set("source_id", src);
    out.facilities.push_back(row.take());
  }
}

// --- Plain facility CSV with a column mapping ---------------------------------------------

void import_plain(const model::Dataset& ds, const CsvFile& f, const ImportSpec& spec,
                  ImportedRows& out, std::vector<Problem>& problems) {
  Input in(f, problems);
  const auto& cols = model::table_columns("facilities");
  std::map<std::string, std::string> map;
  bool ok = true;
  for (const auto& [to, from] : spec.mapping) {
    const std::string& target = to;
    if (target != "country" && target != "operator" &&
        std::find(cols.begin(), cols.end(), target) == cols.end()) {
      problems.push_back({"--map", 0, 0,
                          "unknown target column '" + to + "' (allowed: country, operator, " +
                              core::join(cols, ", ") + ")"});
      ok = false;
      continue;
    }
    if (!in.has(from)) {
      problems.push_back(
          {f.file, 1, 1, "mapped input column '" + from + "' not found in the header"});
      ok = false;
      continue;
    }
    map[target] = from;
  }
  for (const char* need : {"name", "status"}) {
    if (!map.count(need)) {
      problems.push_back({"--map", 0, 0, std::string("a mapping for '") + need + "' is required"});
      ok = false;
    }
  }
  if (!map.count("iso3") && !map.count("country")) {
    problems.push_back({"--map", 0, 0, "a mapping for 'iso3' or 'country' is required"});
    ok = false;
  }
  if (spec.source_id.empty()) {
    problems.push_back({"--source-id", 0, 0, "facility-csv imports need --source-id"});
    ok = false;
  }
  if (!ok) return;
  if (ds.find_source(spec.source_id) == kNone) {
    if (spec.source_title.empty()) {
      problems.push_back(
          {"--source-title", 0, 0,
           "source '" + spec.source_id + "' is new: give --source-title (and --source-url)"});
      return;
    }
    out.sources.push_back({spec.source_id, "user import", spec.source_title, spec.source_url, "",
                           today(), "as stated by the importer",
                           "imported with aisov data import facility-csv"});
  }
  OrgResolver orgs(ds, out, spec.source_id);
  IdMaker ids(ds);
  static const std::set<std::string> kStatus = {"operational", "under_construction", "planned",
                                                "decommissioned", "cancelled"};
  static const std::set<std::string> kNumbers = {"lat",      "lon",           "accel_count",
                                                 "h100e",    "h100e_low",     "h100e_high",
                                                 "power_mw", "investment_usd"};
  static const std::set<std::string> kDates = {"announced", "first_operational", "decommissioned"};
  for (const auto& r : f.rows) {
    FacilityRow row;
    bool row_ok = true;
    auto bad = [&](const std::string& target, const std::string& msg) {
      problems.push_back({f.file, r.line, in.column(r, map[target]), map[target] + ": " + msg});
      row_ok = false;
    };
    for (const auto& [target, from] : map) {
      const std::string v = in.get(r, from);
      if (target == "country" || target == "iso3") {
        Id e = ds.find_economy_by_name(v);
        if (e == kNone)
          bad(target, "'" + v + "' is not an ISO 3166-1 country code or name");
        else
          row.set("iso3", ds.economies[e].iso3);
      } else if (target == "operator" || target == "operator_id") {
        row.set("operator_id", orgs.resolve(v));
      } else if (target == "status") {
        std::string s = core::to_lower(v);
        std::replace(s.begin(), s.end(), ' ', '_');
        if (!kStatus.count(s))
          bad(target, "'" + v +
                          "' is not one of operational, under_construction, planned, "
                          "decommissioned, cancelled");
        else
          row.set("status", s);
      } else if (kNumbers.count(target)) {
        if (v.empty()) continue;
        // The dataset's ranges for these columns start at 0, except coordinates.
        const double lo = target == "lat" ? -90 : target == "lon" ? -180 : 0;
        const double hi = target == "lat" ? 90 : target == "lon" ? 180 : HUGE_VAL;
        auto n = core::parse_number(v);
        if (!n)
          bad(target, "expected a number, got '" + v + "'");
        else if (*n < lo || *n > hi)
          bad(target, "value " + v + " is out of range for " + target);
        else
          row.set(target, v);
      } else if (kDates.count(target)) {
        if (v.empty()) continue;
        if (!core::Date::parse(v))
          bad(target, "expected a date YYYY[-MM[-DD]], got '" + v + "'");
        else
          row.set(target, v);
      } else if (target == "accel_id") {
        if (!v.empty() && ds.find_accel(v) == kNone)
          bad(target, "unknown accelerator '" + v + "'");
        else
          row.set(target, v);
      } else if (target == "estimate") {
        row.set(target,
                v == "1" || core::to_lower(v) == "true" || core::to_lower(v) == "yes" ? "1" : "0");
      } else if (target != "facility_id") {
        row.set(target, v);
      }
    }
    // The validator needs these dates for these statuses: report the input cell, not the output.
    const auto& cells = row.cells();
    auto cell = [&](const char* col) {
      return cells[std::find(cols.begin(), cols.end(), col) - cols.begin()];
    };
    if (row_ok && cell("status") == "operational" && cell("first_operational").empty()) {
      bad("status", "an operational facility needs a first_operational date (map a column to it)");
    }
    if (row_ok && cell("status") == "decommissioned" && cell("decommissioned").empty()) {
      bad("status", "a decommissioned facility needs a decommissioned date (map a column to it)");
    }
    if (!row_ok) continue;
    const std::string name = in.get(r, map["name"]);
    row.set("facility_id",
            ids.make("import", map.count("facility_id") ? in.get(r, map["facility_id"]) : name));
    if (!map.count("estimate")) row.set("estimate", "0");
    row.set("source_id", spec.source_id);
    out.facilities.push_back(row.take());
  }
}

// --- Electricity prices (GlobalPetrolPrices-style country table) ----------------------------
// `# ` comment lines (one names the month and year of the electricity price), then a header
// with `Country` and `Elec Price (USD/kWh)`. Writes `electricity_price_usd_per_kwh` indicator
// rows; the file itself is not copied (docs/methodology.md §14.6).

void import_electricity(const model::Dataset& ds, const std::string& path, const ImportSpec& spec,
                        ImportedRows& out, std::vector<Problem>& problems) {
  std::string text;
  if (!read_file(path, text)) {
    problems.push_back({path, 0, 0, "cannot read file"});
    return;
  }
  // Leading comment lines: skipped, but counted so that line numbers stay those of the file.
  int comment_lines = 0, year = 0;
  size_t pos = 0;
  while (pos < text.size() && text[pos] == '#') {
    const size_t end = text.find('\n', pos);
    const std::string line = text.substr(pos, end == std::string::npos ? end : end - pos);
    std::string lower = line;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!year && lower.find("elec") != std::string::npos) {
      for (size_t i = 0; i + 4 <= line.size(); ++i) {
        if ((line.compare(i, 2, "19") == 0 || line.compare(i, 2, "20") == 0) &&
            std::isdigit(static_cast<unsigned char>(line[i + 2])) &&
            std::isdigit(static_cast<unsigned char>(line[i + 3])) &&
            (i + 4 == line.size() || !std::isdigit(static_cast<unsigned char>(line[i + 4]))) &&
            (i == 0 || !std::isdigit(static_cast<unsigned char>(line[i - 1])))) {
          year = std::stoi(line.substr(i, 4));
          break;
        }
      }
    }
    ++comment_lines;
    pos = end == std::string::npos ? text.size() : end + 1;
  }
  if (!year) {
    problems.push_back({path, 1, 1,
                        "no year of the electricity price in the leading '#' comment lines "
                        "(expected e.g. '# Elec price is for businesses for month of June 2019')"});
    return;
  }
  CsvFile f = parse_csv(text.substr(pos), path, problems);
  for (auto& r : f.rows) {
    r.line += comment_lines;
    for (auto& c : r.cells) c.line += comment_lines;
  }
  if (!problems.empty()) return;
  Input in(f, problems);
  const std::string price_col = "Elec Price (USD/kWh)";
  if (!in.require({"Country", price_col})) return;
  const std::string src = spec.source_id.empty()
                              ? "globalpetrolprices_electricity_" + std::to_string(year)
                              : spec.source_id;
  add_source(out, ds, src, "GlobalPetrolPrices",
             spec.source_title.empty()
                 ? "Electricity prices for businesses by country (" + std::to_string(year) + ")"
                 : spec.source_title,
             spec.source_url.empty() ? "https://www.globalpetrolprices.com/" : spec.source_url,
             "proprietary; imported locally, not redistributable",
             "imported with aisov data import electricity-prices");
  std::set<model::Id> seen;
  for (const auto& row : f.rows) {
    const std::string country = core::trim(in.get(row, "Country"));
    const std::string price = in.get(row, price_col);
    const auto value = core::parse_number(price);
    if (!value || *value < 0 || *value > 10) {
      problems.push_back(
          {path, row.line, in.column(row, price_col),
           price_col + ": expected a price in USD/kWh between 0 and 10, got '" + price + "'"});
      continue;
    }
    const model::Id e = ds.find_economy_by_name(country);
    if (e == model::kNone) {
      out.skipped.push_back(path + ":" + std::to_string(row.line) + ": unknown country '" +
                            country + "'");
      continue;
    }
    const auto& econ = ds.economies[e];
    if (econ.electricity_price_usd_per_kwh.year == year) {
      out.skipped.push_back(path + ":" + std::to_string(row.line) + ": " + econ.iso3 +
                            " already has an electricity price for " + std::to_string(year));
      continue;
    }
    if (!seen.insert(e).second) {
      out.skipped.push_back(path + ":" + std::to_string(row.line) + ": " + econ.iso3 +
                            " appears twice ('" + country + "')");
      continue;
    }
    out.indicators.push_back({econ.iso3, "electricity_price_usd_per_kwh", std::to_string(year),
                              core::format_number(*value), src});
  }
}

}  // namespace

const std::vector<std::string>& import_formats() {
  static const std::vector<std::string> kFormats = {"epoch-clusters", "non-us-registry",
                                                    "facility-csv", "electricity-prices"};
  return kFormats;
}

ImportedRows import_facilities(const model::Dataset& ds, const ImportSpec& spec,
                               std::vector<Problem>& problems) {
  ImportedRows out;
  std::string path = spec.path;
  if (spec.format == "non-us-registry" && std::filesystem::is_directory(path)) {
    path = (std::filesystem::path(path) / "infrastructure_project_data.csv").string();
  }
  if (spec.format == "electricity-prices") {
    import_electricity(ds, path, spec, out, problems);
    return out;
  }
  CsvFile f = read_csv(path, path, problems);
  if (!problems.empty()) return out;
  if (spec.format == "epoch-clusters") {
    import_epoch(ds, f, spec, out, problems);
  } else if (spec.format == "non-us-registry") {
    import_registry(ds, f, spec, out, problems);
  } else if (spec.format == "facility-csv") {
    import_plain(ds, f, spec, out, problems);
  } else {
    problems.push_back(
        {spec.format, 0, 0,
         "unknown import format (expected " + core::join(import_formats(), ", ") + ")"});
  }
  return out;
}

}  // namespace aisov::io
