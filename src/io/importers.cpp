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
  FacilityRow() : cols_(imported_facility_columns()), cells_(cols_.size()) {}
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

// Resolves organisations by name, creating rows for unknown ones. `hq` is the jurisdiction the
// input gives the organisation (ISO3, empty when it says none): a created row takes it; a known
// organisation keeps the dataset's hq_iso3, and a disagreement is reported once per organisation.
class OrgResolver {
 public:
  OrgResolver(const model::Dataset& ds, ImportedRows& out, std::string source)
      : ds_(ds), out_(out), source_(std::move(source)) {}
  std::string resolve(const std::string& name, const std::string& hq = "",
                      const std::string& where = "") {
    const std::string n = core::trim(name);
    if (n.empty()) return {};
    Id id = ds_.find_org_by_name(n);
    if (id != kNone) {
      const auto& o = ds_.organisations[id];
      const std::string have = o.hq == kNone ? "" : ds_.economies[o.hq].iso3;
      if (!hq.empty() && have != hq) {
        auto& d = disagree_[o.org_id + " " + hq];
        if (d.rows++ == 0) {
          d.text = where + ": the input gives '" + n + "' jurisdiction " + hq +
                   "; the dataset's organisation '" + o.org_id + "' has hq_iso3 " +
                   (have.empty() ? "empty (booked to unknown)" : "'" + have + "'") +
                   ", which is used";
        }
      }
      return o.org_id;
    }
    const std::string key = core::name_key(n);
    auto it = created_.find(key);
    if (it != created_.end()) {
      if (it->second.hq != hq) {
        auto& d = disagree_[it->second.slug + " " + hq];
        if (d.rows++ == 0) {
          d.text = where + ": the input gives '" + n + "' jurisdiction " +
                   (hq.empty() ? "none" : hq) + "; the organisation row created for it has '" +
                   it->second.hq + "' (from its first row), which is used";
        }
      }
      return it->second.slug;
    }
    std::string slug = core::slugify(n);
    if (slug.empty()) return {};
    std::string base = slug;
    for (int k = 2; ds_.find_org(slug) != kNone || used_.count(slug); ++k) {
      slug = base + "-" + std::to_string(k);
    }
    used_.insert(slug);
    created_[key] = {slug, hq};
    out_.organisations.push_back({slug, n, "dc_operator", hq, "", "", source_});
    return slug;
  }
  // Reports the disagreements (call once, after the last row).
  void finish() {
    for (const auto& [k, d] : disagree_) {
      out_.notes.push_back(d.text + (d.rows > 1 ? " (" + std::to_string(d.rows) + " rows)" : ""));
    }
  }

 private:
  struct Created {
    std::string slug, hq;
  };
  struct Disagreement {
    std::string text;
    int rows = 0;
  };
  const model::Dataset& ds_;
  ImportedRows& out_;
  std::string source_;
  std::unordered_map<std::string, Created> created_;
  std::set<std::string> used_;
  std::map<std::string, Disagreement> disagree_;
};

// Facility ids derived from the upstream row key: `prefix:slug(key)`, then `-2`, `-3`, … for
// later rows with the same key. A dataset row with that id that cites the import's source is
// the same upstream row imported before: the id is reused and the new row replaces it (see
// import_facilities). A dataset row with that id from another source is never touched.
class IdMaker {
 public:
  IdMaker(const model::Dataset& ds, const std::string& source)
      : ds_(ds), source_(ds.find_source(source)) {}
  std::string make(const std::string& prefix, const std::string& key) {
    std::string base = prefix + ":" + core::slugify(key);
    if (base.size() > 80) base.resize(80);
    while (!base.empty() && base.back() == '-') base.pop_back();
    std::string id = base;
    for (int k = 2; used_.count(id) || taken(id); ++k) {
      id = base + "-" + std::to_string(k);
    }
    used_.insert(id);
    return id;
  }

 private:
  bool taken(const std::string& id) const {
    auto it = ds_.facility_index.find(id);
    if (it == ds_.facility_index.end()) return false;
    const auto& s = ds_.facilities[it->second].sources;
    return source_ == kNone || std::find(s.begin(), s.end(), source_) == s.end();
  }
  const model::Dataset& ds_;
  Id source_;
  std::set<std::string> used_;
};

// The dataset's import_corrections rows for one importer, applied row by row: at row(), each
// correction of that row's key whose cell still holds the upstream value is applied (and
// listed); one whose cell now holds something else is reported and not applied. get() then
// reads cells through the corrections.
class Corrections {
 public:
  Corrections(const model::Dataset& ds, const std::string& importer, const Input& in,
              ImportedRows& out, std::vector<Problem>& problems)
      : in_(in), out_(out) {
    for (const auto& c : ds.import_corrections) {
      if (c.importer != importer) continue;
      if (!in.has(c.field)) {
        problems.push_back({c.origin.file, c.origin.line, c.field_column,
                            "field: '" + c.field + "' is not a column of " + in.file().file});
        continue;
      }
      by_key_[c.upstream_key].push_back(&c);
    }
  }
  void row(const CsvRow& r, const std::string& key) {
    r_ = &r;
    now_.clear();
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return;
    for (const auto* c : it->second) {
      seen_.insert(c);
      const std::string v = in_.get(r, c->field);
      const std::string where = in_.file().file + ":" + std::to_string(r.line) + ":" +
                                std::to_string(in_.column(r, c->field));
      const std::string origin = c->origin.file + ":" + std::to_string(c->origin.line);
      if (v != c->upstream_value) {
        out_.notes.push_back(where + ": correction " + origin + " not applied: " + key + " " +
                             c->field + " is now '" + v + "', not '" + c->upstream_value + "'");
        continue;
      }
      now_[c->field] = c->corrected_value;
      out_.corrections.push_back(where + ": " + key + " " + c->field + " '" + v + "' -> '" +
                                 c->corrected_value + "' (" + origin + ": " + c->reason + ")");
    }
  }
  // A cell of the current row, corrected.
  std::string get(const std::string& col) const {
    auto it = now_.find(col);
    return it == now_.end() ? in_.get(*r_, col) : it->second;
  }
  // Reports corrections whose row the input does not have (call once, after the last row).
  void finish() {
    for (const auto& [key, list] : by_key_) {
      for (const auto* c : list) {
        if (seen_.count(c)) continue;
        out_.notes.push_back(c->origin.file + ":" + std::to_string(c->origin.line) +
                             ": correction not applied: " + in_.file().file + " has no row '" +
                             key + "'");
      }
    }
  }

 private:
  const Input& in_;
  ImportedRows& out_;
  std::map<std::string, std::vector<const model::ImportCorrection*>> by_key_;
  std::set<const model::ImportCorrection*> seen_;
  const CsvRow* r_ = nullptr;
  std::map<std::string, std::string> now_;
};

// A non-empty numeric cell that does not parse, or is negative, is bad input. Spaces inside a
// number ("6.86e +15", "2.38 e+19": the registry's spreadsheet) are read away, since the number
// is unambiguous.
std::string checked_number(const Input& in, const CsvRow& r, const std::string& col,
                           const std::string& v, std::vector<Problem>& problems) {
  if (v.empty()) return {};
  auto n = core::parse_number(v);
  if (!n && v.find(' ') != std::string::npos) {
    std::string packed = v;
    packed.erase(std::remove(packed.begin(), packed.end(), ' '), packed.end());
    n = core::parse_number(packed);
  }
  if (!n || *n < 0) {
    problems.push_back({in.file().file, r.line, in.column(r, col),
                        col + ": expected a number >= 0, got '" + v + "'"});
    return {};
  }
  return core::format_number(*n);
}

std::string first_of(const std::string& list) {
  auto parts = core::split_list(list, ',');
  return parts.empty() ? std::string() : parts[0];
}

// The first name of a registry list cell ("A, B" or "A; B").
std::string first_name(const std::string& list) {
  std::string s = list;
  std::replace(s.begin(), s.end(), ';', ',');
  return first_of(s);
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
  IdMaker ids(ds, src);
  Corrections fix(ds, "epoch-clusters", in, out, problems);
  if (!problems.empty()) return;
  // Epoch has no row id, and it reuses one Name for many anonymised systems: the upstream key is
  // the Name, and the k-th row with a Name already used is `Name#k` (file order).
  std::vector<std::string> keys;
  std::map<std::string, std::vector<int>> lines_of;
  for (const auto& r : f.rows) {
    const std::string name = in.get(r, "Name");
    auto& lines = lines_of[name];
    lines.push_back(r.line);
    keys.push_back(lines.size() == 1 ? name : name + "#" + std::to_string(lines.size()));
  }
  for (const auto& [name, lines] : lines_of) {
    if (name.empty() || lines.size() < 2) continue;
    std::string list;
    for (size_t i = 0; i < lines.size() && i < 8; ++i)
      list += (i ? ", " : "") + std::to_string(lines[i]);
    if (lines.size() > 8) list += ", ...";
    out.duplicates.push_back(f.file + ":" + std::to_string(lines[0]) + ": Name '" + name +
                             "' is on " + std::to_string(lines.size()) + " rows (lines " + list +
                             "); each is kept as its own facility, keyed by its order");
  }
  // Successor clusters retire their predecessors when they come online.
  std::unordered_map<std::string, std::string> first_op;
  for (const auto& r : f.rows)
    first_op[in.get(r, "Name")] = date_or_empty(in.get(r, "First Operational Date"));
  for (size_t i = 0; i < f.rows.size(); ++i) {
    const auto& r = f.rows[i];
    fix.row(r, keys[i]);
    auto cell = [&](const std::string& col) { return fix.get(col); };
    const std::string name = cell("Name");
    const std::string where = f.file + ":" + std::to_string(r.line);
    if (in.has("Possible Duplicate") && cell("Possible Duplicate") == "True") {
      const std::string of = in.has("Possible Duplicate Of") ? cell("Possible Duplicate Of") : "";
      out.duplicates.push_back(where + ": Epoch flags '" + name + "' as a possible duplicate" +
                               (of.empty() ? "" : " of '" + of + "'") +
                               "; kept (Epoch keeps it too)");
    }
    const std::string country = cell("Country");
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
    row.set("operator_id", orgs.resolve(first_of(cell("Owner"))));
    row.set("iso3", ds.economies[e].iso3);
    row.set("city", in.has("Location") ? cell("Location") : "");
    const std::string status = cell("Status");
    std::string first = date_or_empty(cell("First Operational Date"));
    std::string decom = in.has("Decommissioned Date (if applicable)")
                            ? date_or_empty(cell("Decommissioned Date (if applicable)"))
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
      auto it = first_op.find(cell("Superseded by"));
      if (it != first_op.end() && !it->second.empty() && st == "operational") decom = it->second;
    }
    auto number = [&](const std::string& col) {
      return checked_number(in, r, col, cell(col), problems);
    };
    row.set("status", st);
    row.set("first_operational", first);
    row.set("decommissioned", decom);
    row.set("accel_id", epoch_chip(ds, cell("Chip type (primary)")));
    row.set("accel_count", number("Chip quantity (primary)"));
    const std::string h = number("H100 equivalents");
    row.set("h100e", h);
    const bool estimate = cell("Certainty") != "Confirmed";
    if (estimate && !h.empty()) {
      // aisov's convention for unconfirmed Epoch rows: ±50 % (docs/methodology.md).
      const double v = *core::parse_number(h);
      row.set("h100e_low", core::format_number(std::round(v * 0.5 * 100) / 100));
      row.set("h100e_high", core::format_number(std::round(v * 1.5 * 100) / 100));
    }
    row.set("estimate", estimate ? "1" : "0");
    row.set("power_mw", number("Power Capacity (MW)"));
    if (in.has("Reported Cost")) row.set("investment_usd", number("Reported Cost"));
    row.set("source_ref", in.has("Source 1") ? cell("Source 1") : name);
    row.set("source_id", src);
    out.facilities.push_back(row.take());
  }
  orgs.finish();
  fix.finish();
}

// --- Non-US data-centre registry (Richardson et al. 2025) --------------------------------

// The economies a registry `country` cell names: one economy, a comma-separated list of them,
// or a bloc (the `EU`: its members on `day`). Empty when any part names nothing known.
std::vector<Id> registry_countries(const model::Dataset& ds, const std::string& cell, int day,
                                   std::string& unknown) {
  std::vector<Id> out;
  for (std::string part : core::split_list(cell, ',')) {
    Id e = ds.find_economy_by_name(part);
    if (e == kNone && part.rfind("The ", 0) == 0) e = ds.find_economy_by_name(part.substr(4));
    if (e != kNone) {
      if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
      continue;
    }
    Id b = ds.find_bloc(core::to_lower(part));
    if (b != kNone && ds.blocs[b].kind == model::BlocKind::kUnion) {
      for (Id m : ds.members_by_bloc[b]) {
        const auto& bm = ds.bloc_members[m];
        if (bm.active_on(day) && std::find(out.begin(), out.end(), bm.economy) == out.end()) {
          out.push_back(bm.economy);
        }
      }
      continue;
    }
    unknown = part;
    return {};
  }
  return out;
}

void import_registry(const model::Dataset& ds, const CsvFile& f, const ImportSpec& spec,
                     ImportedRows& out, std::vector<Problem>& problems) {
  Input in(f, problems);
  if (!in.require({"p_id", "country", "description", "url", "year_announced", "year_end",
                   "us_companies", "us_operator_companies", "us_government_involvement",
                   "china_companies", "chinese_operator_companies", "china_government_involvement",
                   "domestic_government_involvement", "domestic_operator", "other_operator_company",
                   "country_of_other_company_involvement", "Total investment",
                   "Investments (project-specific)"})) {
    return;
  }
  const bool project_basis = spec.investment_basis == "project";
  if (!project_basis && spec.investment_basis != "total") {
    problems.push_back({"--investment-basis", 0, 0,
                        "'" + spec.investment_basis + "' is not one of total, project"});
    return;
  }
  const std::string src = spec.source_id.empty() ? "nonus_dc_registry_2025" : spec.source_id;
  add_source(out, ds, src, "Richardson, Yi, Nie, Wisdom, Price, Weijers, Veld and Baker",
             "How Sovereign Is Sovereign Compute? A Review of 775 Non-U.S. Data Centers (arXiv "
             "2508.00932), registry of 2025-07-30",
             "https://arxiv.org/abs/2508.00932", "cite the paper",
             "imported with aisov data import non-us-registry");
  OrgResolver orgs(ds, out, src);
  IdMaker ids(ds, src);
  Corrections fix(ds, "non-us-registry", in, out, problems);
  if (!problems.empty()) return;
  const int as_of_day = ds.as_of.empty() ? 0 : ds.as_of.first_day();

  // p_id is the registry's row key: a repeated p_id is either a harmless copy (identical cells:
  // the later row is skipped) or two different rows under one key (an error).
  std::set<const CsvRow*> copies;
  {
    std::unordered_map<std::string, const CsvRow*> first;
    for (const auto& r : f.rows) {
      const std::string pid = in.get(r, "p_id");
      if (pid.empty()) continue;
      auto [it, fresh] = first.emplace(pid, &r);
      if (fresh) continue;
      std::vector<std::string> a, b;
      for (const auto& c : it->second->cells) a.push_back(core::trim(c.text));
      for (const auto& c : r.cells) b.push_back(core::trim(c.text));
      const std::string other = std::to_string(it->second->line);
      if (a == b) {
        copies.insert(&r);
        out.duplicates.push_back(f.file + ":" + std::to_string(r.line) + ": p_id '" + pid +
                                 "' repeats line " + other + " cell for cell; skipped");
      } else {
        problems.push_back({f.file, r.line, in.column(r, "p_id"),
                            "p_id: '" + pid + "' is also the key of line " + other +
                                ", whose cells differ (which row is the project?)"});
      }
    }
  }
  if (!problems.empty()) return;

  for (const auto& r : f.rows) {
    if (copies.count(&r)) continue;
    const std::string where = f.file + ":" + std::to_string(r.line);
    const std::string pid = in.get(r, "p_id");
    if (pid.empty() || pid[0] != 'P') {
      out.skipped.push_back(where + ": not a project row (p_id '" + pid + "')");
      continue;
    }
    fix.row(r, pid);
    auto cell = [&](const std::string& col) { return fix.get(col); };
    auto bad = [&](const std::string& col, const std::string& msg) {
      problems.push_back({f.file, r.line, in.column(r, col), col + ": " + msg});
    };
    const std::string announced = date_or_empty(cell("year_announced"));
    const std::string country = cell("country");
    std::string unknown;
    const int day = announced.empty() ? as_of_day : core::Date::parse(announced)->first_day();
    const std::vector<Id> where_to = registry_countries(ds, country, day, unknown);
    if (where_to.empty()) {
      out.skipped.push_back(where + ": country '" + (unknown.empty() ? country : unknown) +
                            "' is not an ISO 3166-1 economy");
      continue;
    }
    const double parts = static_cast<double>(where_to.size());
    if (where_to.size() > 1) {
      out.notes.push_back(where + ": " + pid + " names " + std::to_string(where_to.size()) +
                          " countries ('" + country +
                          "'): split evenly, one facility each, flagged multi_country = 1");
    }

    // Numbers: a non-empty cell that is not a number >= 0 is an error at that cell.
    auto number = [&](const std::string& col) -> std::optional<double> {
      const std::string v = checked_number(in, r, col, cell(col), problems);
      if (v.empty()) return std::nullopt;
      return core::parse_number(v);
    };
    const auto total = number("Total investment");
    const auto project = number("Investments (project-specific)");
    std::optional<double> flops;
    if (in.has("Peak FLOP/s")) flops = number("Peak FLOP/s");
    const auto investment = project_basis ? project : total;

    // Involvement flags from the registry's own columns.
    const std::string gov = cell("domestic_government_involvement");
    if (!gov.empty() && gov != "0" && gov != "1")
      bad("domestic_government_involvement", "expected 0 or 1, got '" + gov + "'");
    auto named = [&](std::initializer_list<const char*> cols) {
      for (const char* c : cols) {
        const std::string v = cell(c);
        if (!v.empty() && v != "0") return true;
      }
      return false;
    };
    const bool us = named({"us_companies", "us_operator_companies", "us_government_involvement"});
    const bool cn =
        named({"china_companies", "chinese_operator_companies", "china_government_involvement"});

    std::string desc = cell("description");
    if (desc.size() > 160) desc = desc.substr(0, 157) + "...";
    const std::string end = date_or_empty(cell("year_end"));
    // The registry was compiled in 2024: a completion year up to 2024 means the project was
    // delivered; later or missing years mean it is still planned.
    const bool done = !end.empty() && std::stoi(end.substr(0, 4)) <= 2024;

    for (Id e : where_to) {
      const std::string iso3 = ds.economies[e].iso3;
      // Operator: the first named company of the registry's operator columns, in the order
      // US, Chinese, domestic, other; its jurisdiction is the column's: USA, CHN, the host
      // economy, or the registry's country of the other company.
      std::string op_name, op_hq;
      const std::string other_country = first_name(cell("country_of_other_company_involvement"));
      const Id other_e = ds.find_economy_by_name(other_country);
      const std::pair<const char*, std::string> kOperators[] = {
          {"us_operator_companies", "USA"},
          {"chinese_operator_companies", "CHN"},
          {"domestic_operator", iso3},
          {"other_operator_company", other_e == kNone ? "" : ds.economies[other_e].iso3}};
      for (const auto& [col, hq] : kOperators) {
        const std::string v = first_name(cell(col));
        if (v.empty() || v == "0" || v == "1") continue;
        op_name = v;
        op_hq = hq;
        const Id known = ds.find_org_by_name(v);
        if (hq.empty() && (known == kNone || ds.organisations[known].hq == kNone)) {
          out.notes.push_back(where + ": other operator '" + v + "': country '" + other_country +
                              "' names no ISO 3166-1 economy, so its jurisdiction is unknown "
                              "(add an import_corrections row to fix)");
        }
        break;
      }
      FacilityRow row;
      row.set("facility_id", ids.make("registry", where_to.size() > 1 ? pid + "-" + iso3 : pid));
      row.set("name", desc.empty() ? pid : desc);
      row.set("operator_id", orgs.resolve(op_name, op_hq, where));
      row.set("iso3", iso3);
      row.set("status", done ? "operational" : "planned");
      row.set("announced", announced);
      row.set("first_operational", done ? end : "");
      if (investment && *investment > 0) {
        row.set("investment_usd", core::format_number(*investment / parts));
      }
      if (flops && *flops > 0) {
        row.set("h100e", core::format_number(std::round(*flops / kH100Flops / parts)));
      }
      row.set("estimate", "1");
      row.set("multi_country", where_to.size() > 1 ? "1" : "0");
      row.set("us_involvement", us ? "1" : "0");
      row.set("china_involvement", cn ? "1" : "0");
      row.set("government_involvement", gov);
      row.set("source_ref", cell("url"));
      row.set("source_id", src);
      out.facilities.push_back(row.take());
    }
  }
  orgs.finish();
  fix.finish();
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
  IdMaker ids(ds, spec.source_id);
  std::unordered_map<std::string, int> key_line;  // upstream key → first line
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
    const std::string key = map.count("facility_id") ? in.get(r, map["facility_id"]) : name;
    if (auto [it, fresh] = key_line.emplace(key, r.line); !fresh) {
      out.duplicates.push_back(f.file + ":" + std::to_string(r.line) + ": " +
                               (map.count("facility_id") ? "id '" : "name '") + key +
                               "' repeats line " + std::to_string(it->second) +
                               "; kept as another facility");
    }
    row.set("facility_id", ids.make("import", key));
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

const std::vector<std::string>& imported_facility_columns() {
  static const std::vector<std::string> kCols = [] {
    std::vector<std::string> c = model::table_columns("facilities");
    const auto& opt = model::optional_columns("facilities");
    c.insert(c.end(), opt.begin(), opt.end());
    return c;
  }();
  return kCols;
}

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
  // An imported id the dataset already has is, by IdMaker's rule, the same upstream row of the
  // same source: the new row replaces it. Rows of that source that the input no longer has stay.
  const auto& cols = imported_facility_columns();
  const size_t id_col = std::find(cols.begin(), cols.end(), "facility_id") - cols.begin();
  const size_t src_col = std::find(cols.begin(), cols.end(), "source_id") - cols.begin();
  std::set<std::string> ids;
  std::set<Id> sources;
  for (const auto& row : out.facilities) {
    ids.insert(row[id_col]);
    for (const auto& s : core::split_list(row[src_col], ';')) {
      if (Id sid = ds.find_source(s); sid != kNone) sources.insert(sid);
    }
    if (ds.facility_index.count(row[id_col])) out.replaces.push_back(row[id_col]);
  }
  std::map<std::string, std::vector<std::string>> kept;  // source → ids
  for (const auto& fac : ds.facilities) {
    if (ids.count(fac.facility_id)) continue;
    for (Id s : fac.sources) {
      if (sources.count(s)) kept[ds.sources[s].source_id].push_back(fac.facility_id);
    }
  }
  for (const auto& [s, list] : kept) {
    std::string some;
    for (size_t i = 0; i < list.size() && i < 5; ++i) some += (i ? ", " : "") + list[i];
    out.notes.push_back(std::to_string(list.size()) + " facilities of source '" + s +
                        "' in the dataset have no row in this input and are kept (" + some +
                        (list.size() > 5 ? ", ..." : "") + ")");
  }
  return out;
}

}  // namespace aisov::io
