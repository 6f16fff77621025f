#include "validate/builder.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <initializer_list>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/strings.hpp"
#include "io/table.hpp"
#include "model/schema.hpp"
#include "model/tier.hpp"

namespace aisov::validate {

using core::Date;
using io::CsvFile;
using io::CsvRow;
using io::Problem;
using model::Id;
using model::kNone;

namespace {

// Blanks as core::trim removes them (std::isspace), without a copy.
std::string_view trim_view(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// Reads typed values from one CSV row, recording a problem at the exact cell on failure. Cells
// are views into the table's storage; a column name is found among the file's header (resolved
// once per file, at most a few dozen short names), never through a per-call string.
class RowReader {
 public:
  RowReader(const io::CsvTable& f, const io::CsvTableRow& r, std::vector<Problem>& problems)
      : f_(f), r_(r), problems_(problems) {}

  int line() const { return r_.line; }
  const std::string& file() const { return f_.file; }

  // The 1-based column where a cell starts (1 when the column is absent).
  int column(std::string_view col) const {
    const int i = index(col);
    return i >= 0 ? r_.cells[i].column : 1;
  }

  // Whether a cell holds anything but blanks (valid or not); reports nothing.
  bool given(std::string_view col) const {
    const int i = index(col);
    return i >= 0 && !trim_view(r_.cells[i].text).empty();
  }

  void error(std::string_view col, const std::string& msg) const {
    std::string m;
    m.reserve(col.size() + 2 + msg.size());
    m.append(col).append(": ").append(msg);
    problems_.push_back({f_.file, r_.line, column(col), std::move(m)});
  }

  // The trimmed cell, a view into the table (valid while the table lives).
  std::string_view view(std::string_view col, bool required = false) const {
    const int i = index(col);
    if (i < 0) return {};
    const std::string_view v = r_.cells[i].text;
    const std::string_view trimmed = trim_view(v);  // trimming only removes: the size shows it
    if (trimmed.size() != v.size()) {
      error(col, "leading or trailing spaces in '" + std::string(v) + "'");
    }
    if (required && v.empty()) error(col, "required value is empty");
    return trimmed;
  }

  std::string text(std::string_view col, bool required = false) const {
    return std::string(view(col, required));
  }

  std::string slug(std::string_view col, bool required = true) const {
    const std::string_view v = view(col, required);
    if (!v.empty() && !core::is_slug(v)) {
      error(col, "'" + std::string(v) + "' is not a lower-case identifier ([a-z0-9][a-z0-9._:-]*)");
    }
    return std::string(v);
  }

  std::optional<double> number(std::string_view col, bool required, double lo, double hi) const {
    const std::string_view v = view(col, required);
    if (v.empty()) return std::nullopt;
    auto n = core::parse_number(v);
    if (!n) {
      error(col, "expected a number, got '" + std::string(v) + "'");
      return std::nullopt;
    }
    if (*n < lo || *n > hi) {
      error(col, "value " + std::string(v) + " outside the allowed range [" +
                     core::format_number(lo) + ", " + core::format_number(hi) + "]");
      return std::nullopt;
    }
    return n;
  }

  Date date(std::string_view col, bool required) const {
    const std::string_view v = view(col, required);
    if (v.empty()) return {};
    auto d = Date::parse(v);
    if (!d) {
      error(col, "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '" + std::string(v) + "'");
      return {};
    }
    return *d;
  }

  std::string choice(std::string_view col, std::initializer_list<std::string_view> allowed,
                     bool required = true) const {
    return choose(col, allowed, required);
  }
  std::string choice(std::string_view col, const std::vector<std::string>& allowed,
                     bool required = true) const {
    return choose(col, allowed, required);
  }

  Id ref(std::string_view col, const std::unordered_map<std::string, Id>& index,
         const std::string& what, bool required) const {
    const std::string_view v = view(col, required);
    if (v.empty()) return kNone;
    const std::string key(v);
    auto it = index.find(key);
    if (it == index.end()) {
      error(col, "unknown " + what + " '" + key + "'");
      return kNone;
    }
    return it->second;
  }

  // The ';'-separated list in source_id, each part trimmed, empty parts dropped (as
  // core::split_list reads it), each resolved against the sources table.
  std::vector<Id> sources(const std::unordered_map<std::string, Id>& index) const {
    std::vector<Id> out;
    const std::string_view v = view("source_id", false);
    if (v.empty()) {
      error("source_id", "every row must cite a source");
      return out;
    }
    std::string key;
    size_t start = 0;
    while (start <= v.size()) {
      size_t pos = v.find(';', start);
      if (pos == std::string_view::npos) pos = v.size();
      const std::string_view part = trim_view(v.substr(start, pos - start));
      start = pos + 1;
      if (part.empty()) continue;
      key.assign(part);
      auto it = index.find(key);
      if (it == index.end()) {
        error("source_id", "unknown source '" + key + "' (not in the sources table)");
      } else {
        out.push_back(it->second);
      }
    }
    return out;
  }

 private:
  // The cell index of a column, or -1 when the file has no such column. Rows reach a reader
  // only when as wide as the header.
  int index(std::string_view col) const {
    const auto& h = f_.header;
    for (size_t i = 0; i < h.size(); ++i) {
      if (h[i] == col) return static_cast<int>(i);
    }
    return -1;
  }

  template <typename Allowed>
  std::string choose(std::string_view col, const Allowed& allowed, bool required) const {
    const std::string_view v = view(col, required);
    if (v.empty()) return {};
    for (const auto& a : allowed) {
      if (v == a) return std::string(v);
    }
    std::vector<std::string> names(allowed.begin(), allowed.end());
    error(col, "'" + std::string(v) + "' is not one of: " + core::join(names, ", "));
    return {};
  }

  const io::CsvTable& f_;
  const io::CsvTableRow& r_;
  std::vector<Problem>& problems_;
};

// Calls fn(RowReader) for every row of every file of a table, after checking its header.
template <typename Fn>
int for_rows(const io::DatasetFiles& files, const std::string& table,
             std::vector<Problem>& problems, Fn fn) {
  const auto& cols = model::table_columns(table);
  const auto& optional = model::optional_columns(table);
  int n = 0;
  auto it = files.tables.find(table);
  if (it == files.tables.end()) return 0;
  for (const auto& f : it->second) {
    bool header_ok = true;
    for (size_t i = 0; i < f.header.size(); ++i) {
      const std::string h(f.header[i]);
      if (std::find(cols.begin(), cols.end(), h) == cols.end() &&
          std::find(optional.begin(), optional.end(), h) == optional.end()) {
        std::string expected = core::join(cols, ",");
        if (!optional.empty()) expected += "; optional: " + core::join(optional, ",");
        problems.push_back(
            {f.file, 1, 1, "unknown column '" + h + "' (expected: " + expected + ")"});
        header_ok = false;
      }
      if (std::find(f.header.begin(), f.header.begin() + static_cast<std::ptrdiff_t>(i),
                    f.header[i]) != f.header.begin() + static_cast<std::ptrdiff_t>(i)) {
        problems.push_back({f.file, 1, 1, "duplicate column '" + h + "'"});
        header_ok = false;
      }
    }
    for (const auto& c : cols) {
      if (std::find(f.header.begin(), f.header.end(), c) == f.header.end()) {
        problems.push_back({f.file, 1, 1, "missing column '" + c + "'"});
        header_ok = false;
      }
    }
    if (!header_ok) continue;
    for (const auto& r : f.rows) {
      if (r.cells.size() != f.header.size()) continue;  // reported by the CSV reader
      RowReader rr(f, r, problems);
      fn(rr);
      ++n;
    }
  }
  return n;
}

// Registers a key; reports a duplicate at the row.
bool unique_key(std::unordered_map<std::string, Id>& index, const std::string& key, Id id,
                const RowReader& r, const std::string& col) {
  if (key.empty()) return false;
  if (!index.emplace(key, id).second) {
    r.error(col, "duplicate key '" + key + "'");
    return false;
  }
  return true;
}

// A github.com link to a file or folder ("/blob/" or "/tree/") whose ref is not a 40-hex commit:
// such a page changes under the citation.
bool github_unpinned(const std::string& url) {
  static const std::string kHost = "https://github.com/";
  if (url.rfind(kHost, 0) != 0) return false;
  for (const char* part : {"/blob/", "/tree/"}) {
    const auto at = url.find(part, kHost.size());
    if (at == std::string::npos) continue;
    const auto ref = url.substr(at + std::char_traits<char>::length(part), 40);
    const bool hex = ref.size() == 40 && std::all_of(ref.begin(), ref.end(), [](char c) {
                       return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                     });
    return !hex;
  }
  return false;
}

bool valid_iso3(const std::string& s) {
  return s.size() == 3 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

struct RowRef {
  int line;
  int column;
  std::string file;
};

struct Builder {
  const io::DatasetFiles& files;
  std::vector<Problem>& errors;
  std::vector<Problem>& warnings;
  model::Dataset ds;
  std::vector<std::pair<std::string, int>> rows;

  void count(const std::string& table, int n) { rows.emplace_back(table, n); }

  void sources() {
    count(
        "sources", for_rows(files, "sources", errors, [&](RowReader& r) {
          model::Source s;
          s.source_id = r.slug("source_id");
          s.producer = r.text("producer", true);
          s.title = r.text("title", true);
          s.url = r.text("url");
          if (!s.url.empty() && s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0) {
            r.error("url", "must start with http:// or https://");
          }
          s.published = r.text("published");
          if (!s.published.empty()) r.date("published", false);
          s.accessed = r.text("accessed", true);
          r.date("accessed", true);
          s.licence = r.text("licence", true);
          s.notes = r.text("notes");
          const std::string kind = r.choice("kind", {"document", "dataset", "rule"}, false);
          s.kind = kind == "dataset" ? model::SourceKind::kDataset
                   : kind == "rule"  ? model::SourceKind::kRule
                                     : model::SourceKind::kDocument;
          if (s.kind != model::SourceKind::kRule) {
            if (s.url.empty()) {
              warnings.push_back({r.file(), r.line(), r.column("url"),
                                  "url: empty (only a source of kind 'rule' may lack one)"});
            }
            if (s.published.empty()) {
              warnings.push_back({r.file(), r.line(), r.column("published"),
                                  "published: empty (only a source of kind 'rule' may lack a "
                                  "date)"});
            }
          }
          if (github_unpinned(s.url)) {
            warnings.push_back({r.file(), r.line(), r.column("url"),
                                "url: a GitHub file or tree URL not pinned to a 40-hex commit"});
          }
          if (unique_key(ds.source_index, s.source_id, static_cast<Id>(ds.sources.size()), r,
                         "source_id")) {
            ds.sources.push_back(std::move(s));
          }
        }));
  }

  void economies() {
    count("economies", for_rows(files, "economies", errors, [&](RowReader& r) {
            model::Economy e;
            e.iso3 = r.text("iso3", true);
            if (!e.iso3.empty() && !valid_iso3(e.iso3))
              r.error("iso3", "expected 3 upper-case letters");
            e.iso2 = r.text("iso2", true);
            e.m49 = r.text("m49", true);
            e.name = r.text("name", true);
            e.aliases = core::split_list(r.text("aliases"), ';');
            e.un_region =
                r.choice("un_region", {"Africa", "Americas", "Asia", "Europe", "Oceania"}, false);
            e.un_subregion = r.text("un_subregion");
            e.sources = r.sources(ds.source_index);
            if (unique_key(ds.economy_index, e.iso3, static_cast<Id>(ds.economies.size()), r,
                           "iso3")) {
              ds.economies.push_back(std::move(e));
            }
          }));
  }

  void blocs() {
    count("blocs", for_rows(files, "blocs", errors, [&](RowReader& r) {
            model::Bloc b;
            b.bloc_id = r.slug("bloc_id");
            b.name = r.text("name", true);
            static const std::vector<std::string> kKinds = {"union", "organisation", "forum",
                                                            "alliance", "power_bloc"};
            std::string k = r.choice("kind", kKinds);
            b.kind = static_cast<model::BlocKind>(std::find(kKinds.begin(), kKinds.end(), k) -
                                                  kKinds.begin());
            if (k.empty()) b.kind = model::BlocKind::kUnion;
            auto s = r.sources(ds.source_index);
            b.source = s.empty() ? kNone : s[0];
            if (unique_key(ds.bloc_index, b.bloc_id, static_cast<Id>(ds.blocs.size()), r,
                           "bloc_id")) {
              ds.blocs.push_back(std::move(b));
            }
          }));
    std::set<std::string> keys;
    count("bloc_members", for_rows(files, "bloc_members", errors, [&](RowReader& r) {
            model::BlocMember m;
            m.bloc = r.ref("bloc_id", ds.bloc_index, "bloc", true);
            m.economy = r.ref("iso3", ds.economy_index, "economy (ISO3)", true);
            m.joined = r.date("joined", false);
            m.left = r.date("left", false);
            if (!m.joined.empty() && !m.left.empty() && m.left.last_day() < m.joined.first_day()) {
              r.error("left", "is before joined");
            }
            auto s = r.sources(ds.source_index);
            m.source = s.empty() ? kNone : s[0];
            if (m.bloc == kNone || m.economy == kNone) return;
            std::string key = ds.blocs[m.bloc].bloc_id + "/" + ds.economies[m.economy].iso3 + "/" +
                              m.joined.str();
            if (!keys.insert(key).second) {
              r.error("iso3", "duplicate membership " + key);
              return;
            }
            ds.bloc_members.push_back(m);
          }));
  }

  void indicators() {
    std::set<std::string> keys;
    count("indicators", for_rows(files, "indicators", errors, [&](RowReader& r) {
            Id e = r.ref("iso3", ds.economy_index, "economy (ISO3)", true);
            std::string ind = r.choice(
                "indicator", {"gdp_usd", "population", "electricity_generation_twh",
                              "carbon_intensity_gco2_per_kwh",
                              // optimiser (issue #5)
                              "electricity_price_usd_per_kwh", "freshwater_withdrawal_pct"});
            auto year = r.number("year", true, 1900, 2100);
            if (year && *year != std::floor(*year)) r.error("year", "must be a whole year");
            double hi = ind == "carbon_intensity_gco2_per_kwh"   ? 2000
                        : ind == "electricity_price_usd_per_kwh" ? 10
                        : ind == "freshwater_withdrawal_pct"     ? 1e5
                                                                 : 1e15;
            auto value = r.number("value", true, 0, hi);
            auto src = r.sources(ds.source_index);
            ds.other_citations.insert(ds.other_citations.end(), src.begin(), src.end());
            if (e == kNone || ind.empty() || !year || !value) return;
            std::string key = ds.economies[e].iso3 + "/" + ind + "/" + core::format_number(*year);
            if (!keys.insert(key).second) {
              r.error("year", "duplicate indicator row " + key);
              return;
            }
            auto& econ = ds.economies[e];
            model::Economy::Latest* slot =
                ind == "gdp_usd"                         ? &econ.gdp_usd
                : ind == "population"                    ? &econ.population
                : ind == "electricity_generation_twh"    ? &econ.electricity_twh
                : ind == "electricity_price_usd_per_kwh" ? &econ.electricity_price_usd_per_kwh
                : ind == "freshwater_withdrawal_pct"     ? &econ.water_stress
                                                         : &econ.carbon_gco2_per_kwh;
            if (static_cast<int>(*year) > slot->year) {
              *slot = {*value, static_cast<int>(*year), src.empty() ? kNone : src[0]};
            }
          }));
  }

  void organisations() {
    std::vector<std::pair<Id, std::pair<std::string, RowRef>>> parents;
    count(
        "organisations", for_rows(files, "organisations", errors, [&](RowReader& r) {
          model::Organisation o;
          o.org_id = r.slug("org_id");
          o.name = r.text("name", true);
          static const std::vector<std::string> kRoles = {
              "cloud_provider", "dc_operator", "chip_designer", "foundry",
              "ai_lab",         "investor",    "government",    "other"};
          for (const auto& role : core::split_list(r.text("roles", true), ';')) {
            auto it = std::find(kRoles.begin(), kRoles.end(), role);
            if (it == kRoles.end()) {
              r.error("roles",
                      "unknown role '" + role + "' (allowed: " + core::join(kRoles, ", ") + ")");
            } else {
              o.roles |= 1u << (it - kRoles.begin());
            }
          }
          o.hq = r.ref("hq_iso3", ds.economy_index, "economy (ISO3)", false);
          o.aliases = core::split_list(r.text("aliases"), ';');
          auto s = r.sources(ds.source_index);
          o.source = s.empty() ? kNone : s[0];
          std::string parent = r.text("parent_id");
          Id id = static_cast<Id>(ds.organisations.size());
          if (unique_key(ds.org_index, o.org_id, id, r, "org_id")) {
            ds.organisations.push_back(std::move(o));
            if (!parent.empty())
              parents.push_back({id, {parent, RowRef{r.line(), r.column("parent_id"), r.file()}}});
          }
        }));
    // Parents may be defined later in the table (or in another file), so resolve afterwards.
    for (auto& [id, pr] : parents) {
      Id p = ds.find_org(pr.first);
      if (p == kNone) {
        errors.push_back({pr.second.file, pr.second.line, pr.second.column,
                          "parent_id: unknown organisation '" + pr.first + "'"});
      } else if (p == id) {
        errors.push_back({pr.second.file, pr.second.line, pr.second.column,
                          "parent_id: an organisation cannot be its own parent"});
      } else {
        ds.organisations[id].parent = p;
      }
    }
    // A chain of parents must end: a cycle (a → b → a) is an error at each member's row.
    for (auto& [id, pr] : parents) {
      Id at = ds.organisations[id].parent;
      for (size_t steps = 0; at != kNone && steps <= ds.organisations.size(); ++steps) {
        if (at == id) {
          errors.push_back({pr.second.file, pr.second.line, pr.second.column,
                            "parent_id: the chain of parents returns to '" +
                                ds.organisations[id].org_id + "' (a cycle)"});
          break;
        }
        at = ds.organisations[at].parent;
      }
    }
  }

  void sites() {
    count("sites", for_rows(files, "sites", errors, [&](RowReader& r) {
            model::Site s;
            s.site_id = r.slug("site_id");
            s.provider = r.ref("provider_id", ds.org_index, "organisation", true);
            s.op = r.ref("operator_id", ds.org_index, "organisation", false);
            if (s.op == kNone) s.op = s.provider;
            s.region_code = r.text("region_code", true);
            if (s.provider != kNone && !s.site_id.empty()) {
              std::string code = core::to_lower(s.region_code);
              std::replace(code.begin(), code.end(), '_', '-');
              const std::string expected = ds.organisations[s.provider].org_id + ":" + code;
              if (s.site_id != expected) {
                r.error("site_id",
                        "must be '<provider_id>:<region_code in lower case, _ as ->' (expected '" +
                            expected + "')");
              }
            }
            s.name = r.text("name", true);
            std::string kind = r.choice("kind", {"public", "government", "sovereign"});
            s.kind = kind == "government"  ? model::SiteKind::kGovernment
                     : kind == "sovereign" ? model::SiteKind::kSovereign
                                           : model::SiteKind::kPublic;
            s.city = r.text("city");
            s.economy = r.ref("iso3", ds.economy_index, "economy (ISO3)", true);
            s.lat = r.number("lat", false, -90, 90);
            s.lon = r.number("lon", false, -180, 180);
            if (r.given("lat") != r.given("lon")) r.error("lon", "lat and lon go together");
            s.launched = r.date("launched", false);
            s.retired = r.date("retired", false);
            if (!s.retired.empty() && !s.launched.empty() &&
                s.retired.last_day() < s.launched.first_day()) {
              r.error("retired", "is before launched");
            }
            s.notes = r.text("notes");
            s.sources = r.sources(ds.source_index);
            const std::string basis =
                r.choice("launched_basis", {"announced", "first_listed", "estimate"}, false);
            s.launched_basis = basis == "announced"      ? model::LaunchBasis::kAnnounced
                               : basis == "first_listed" ? model::LaunchBasis::kFirstListed
                               : basis == "estimate"     ? model::LaunchBasis::kEstimate
                                                         : model::LaunchBasis::kUnstated;
            if (s.launched.empty()) {
              if (!basis.empty()) r.error("launched_basis", "given without a launched date");
              warnings.push_back({r.file(), r.line(), 1,
                                  "launched: unknown; the region counts as open at every date "
                                  "(lenient) and at none (strict)"});
            } else if (basis.empty()) {
              warnings.push_back({r.file(), r.line(), r.column("launched_basis"),
                                  "launched_basis: empty; read as 'announced'"});
            }
            if (s.provider == kNone || s.economy == kNone) return;
            if (unique_key(ds.site_index, s.site_id, static_cast<Id>(ds.sites.size()), r,
                           "site_id")) {
              ds.sites.push_back(std::move(s));
            }
          }));
  }

  void accelerators() {
    count("accelerators", for_rows(files, "accelerators", errors, [&](RowReader& r) {
            model::Accelerator a;
            a.accel_id = r.slug("accel_id");
            a.name = r.text("name", true);
            a.designer = r.ref("designer_id", ds.org_index, "organisation", true);
            a.foundry = r.ref("foundry_id", ds.org_index, "organisation", false);
            a.fab = r.ref("fab_iso3", ds.economy_index, "economy (ISO3)", false);
            a.process_nm = r.number("process_nm", false, 1, 1000).value_or(0);
            a.released = r.date("released", false);
            a.fp16_tflops = r.number("fp16_tflops", false, 0.001, 100000);
            a.fp8_tflops = r.number("fp8_tflops", false, 0.001, 200000);
            a.memory_gb = r.number("memory_gb", false, 0.001, 4096);
            static const std::vector<std::string> kMem = {"HBM", "GDDR", "LPDDR", "SRAM", "other"};
            std::string mt = r.choice("memory_type", kMem, false);
            a.memory_type = mt.empty()
                                ? model::MemoryType::kOther
                                : static_cast<model::MemoryType>(
                                      std::find(kMem.begin(), kMem.end(), mt) - kMem.begin());
            a.memory_bw_gbs = r.number("memory_bw_gbs", false, 0, 100000);
            a.interconnect_gbs = r.number("interconnect_gbs", false, 0, 100000);
            a.tdp_w = r.number("tdp_w", false, 1, 10000);
            a.sources = r.sources(ds.source_index);
            a.tier = model::classify_tier(a);
            if (a.designer == kNone) return;
            if (unique_key(ds.accel_index, a.accel_id, static_cast<Id>(ds.accelerators.size()), r,
                           "accel_id")) {
              ds.accelerators.push_back(std::move(a));
            }
          }));
  }

  void offerings() {
    std::set<std::string> keys;
    count("offerings", for_rows(files, "offerings", errors, [&](RowReader& r) {
            model::Offering o;
            o.site = r.ref("site_id", ds.site_index, "site", true);
            o.accel = r.ref("accel_id", ds.accel_index, "accelerator", true);
            o.instance_type = r.text("instance_type");
            auto per = r.number("accels_per_instance", false, 1, 100000);
            if (per && *per != std::floor(*per))
              r.error("accels_per_instance", "must be a whole number");
            o.accels_per_instance = per ? static_cast<int>(*per) : 0;
            o.first_seen = r.date("first_seen", true);
            static const std::vector<std::string> kBasis = {"documented", "region_launch",
                                                            "product_launch", "snapshot"};
            std::string b = r.choice("first_seen_basis", kBasis);
            o.basis = b.empty() ? model::SeenBasis::kDocumented
                                : static_cast<model::SeenBasis>(
                                      std::find(kBasis.begin(), kBasis.end(), b) - kBasis.begin());
            o.last_seen = r.date("last_seen", false);
            if (!o.last_seen.empty() && !o.first_seen.empty() &&
                o.last_seen.last_day() < o.first_seen.first_day()) {
              r.error("last_seen", "is before first_seen");
            }
            o.price_usd_per_accel_hour = r.number("price_usd_per_accel_hour", false, 0, 1000);
            o.price_date = r.date("price_date", false);
            if (o.price_usd_per_accel_hour && o.price_date.empty()) {
              warnings.push_back({r.file(), r.line(), 1, "price_date: a price without a date"});
            }
            o.sources = r.sources(ds.source_index);
            // Strict dating: a product launch anywhere shows nothing about this region; the
            // earliest dated source that lists it there does (evidence_date), failing that the
            // catalogue that priced it there, from its date.
            const core::Date evidence = r.date("evidence_date", false);
            if (!evidence.empty() && !o.first_seen.empty() &&
                evidence.last_day() < o.first_seen.first_day()) {
              r.error("evidence_date", "is before first_seen (" + o.first_seen.str() + ")");
            }
            if (!evidence.empty()) {
              o.evidenced = evidence;
            } else if (o.basis != model::SeenBasis::kProductLaunch) {
              o.evidenced = o.first_seen;
            } else if (!o.price_date.empty() && !o.first_seen.empty()) {
              o.evidenced =
                  o.price_date.last_day() < o.first_seen.last_day() ? o.first_seen : o.price_date;
            }
            if (o.site == kNone || o.accel == kNone || o.first_seen.empty()) return;
            const auto& site = ds.sites[o.site];
            if (!site.launched.empty() && o.first_seen.last_day() < site.launched.first_day()) {
              r.error("first_seen", "is before the region launched (" + site.launched.str() + ")");
            }
            std::string key =
                site.site_id + "/" + ds.accelerators[o.accel].accel_id + "/" + o.instance_type;
            if (!keys.insert(key).second) {
              r.error("instance_type", "duplicate offering " + key);
              return;
            }
            ds.offerings.push_back(std::move(o));
          }));
  }

  void facilities() {
    count("facilities", for_rows(files, "facilities", errors, [&](RowReader& r) {
            model::Facility f;
            f.facility_id = r.slug("facility_id");
            f.name = r.text("name", true);
            f.op = r.ref("operator_id", ds.org_index, "organisation", false);
            f.economy = r.ref("iso3", ds.economy_index, "economy (ISO3)", true);
            f.city = r.text("city");
            f.lat = r.number("lat", false, -90, 90);
            f.lon = r.number("lon", false, -180, 180);
            if (r.given("lat") != r.given("lon")) r.error("lon", "lat and lon go together");
            static const std::vector<std::string> kStatus = {
                "operational", "under_construction", "planned", "decommissioned", "cancelled"};
            std::string st = r.choice("status", kStatus);
            f.status = st.empty()
                           ? model::FacilityStatus::kPlanned
                           : static_cast<model::FacilityStatus>(
                                 std::find(kStatus.begin(), kStatus.end(), st) - kStatus.begin());
            f.announced = r.date("announced", false);
            f.first_operational = r.date("first_operational", false);
            f.decommissioned = r.date("decommissioned", false);
            if (st == "operational" && !r.given("first_operational")) {
              r.error("first_operational", "required when status is operational");
            }
            if (st == "decommissioned" && !r.given("decommissioned")) {
              r.error("decommissioned", "required when status is decommissioned");
            }
            f.accel = r.ref("accel_id", ds.accel_index, "accelerator", false);
            f.accel_count = r.number("accel_count", false, 0, 1e9);
            if (f.accel_count && *f.accel_count != std::floor(*f.accel_count)) {
              r.error("accel_count", "must be a whole number");
            }
            f.h100e = r.number("h100e", false, 0, 1e9);
            f.h100e_low = r.number("h100e_low", false, 0, 1e9);
            f.h100e_high = r.number("h100e_high", false, 0, 1e9);
            if (f.h100e_low && f.h100e_high && *f.h100e_low > *f.h100e_high) {
              r.error("h100e_low", "is greater than h100e_high");
            }
            if (f.h100e && f.h100e_low && *f.h100e < *f.h100e_low)
              r.error("h100e", "below h100e_low");
            if (f.h100e && f.h100e_high && *f.h100e > *f.h100e_high)
              r.error("h100e", "above h100e_high");
            f.power_mw = r.number("power_mw", false, 0, 100000);
            f.investment_usd = r.number("investment_usd", false, 0, 1e13);
            std::string est = r.choice("estimate", {"0", "1"});
            f.estimate = est == "1";
            f.source_ref = r.text("source_ref");
            // Optional 0/1 flags (empty = the source does not say).
            auto flag = [&](const char* col) -> std::optional<bool> {
              const std::string v = r.choice(col, {"0", "1"}, false);
              if (v.empty()) return std::nullopt;
              return v == "1";
            };
            f.multi_country = flag("multi_country");
            f.us_involvement = flag("us_involvement");
            f.china_involvement = flag("china_involvement");
            f.government_involvement = flag("government_involvement");
            f.sources = r.sources(ds.source_index);
            if (f.economy == kNone) return;
            if (unique_key(ds.facility_index, f.facility_id, static_cast<Id>(ds.facilities.size()),
                           r, "facility_id")) {
              ds.facilities.push_back(std::move(f));
            }
          }));
  }

  void import_corrections() {
    std::set<std::string> keys;
    // An optional table: counted only where the dataset has it.
    auto present = files.tables.find("import_corrections");
    if (present == files.tables.end() || present->second.empty()) return;
    count("import_corrections", for_rows(files, "import_corrections", errors, [&](RowReader& r) {
            model::ImportCorrection c;
            c.importer = r.slug("importer");
            c.upstream_key = r.text("upstream_key", true);
            c.field = r.text("field", true);
            c.upstream_value = r.text("upstream_value");
            c.corrected_value = r.text("corrected_value");
            c.reason = r.text("reason", true);
            c.sources = r.sources(ds.source_index);
            c.origin = {r.file(), r.line()};
            c.field_column = r.column("field");
            if (c.upstream_value == c.corrected_value) {
              r.error("corrected_value", "equals upstream_value: the row corrects nothing");
            }
            const std::string key = c.importer + "\x1f" + c.upstream_key + "\x1f" + c.field;
            if (!c.importer.empty() && !keys.insert(key).second) {
              r.error("field", "a second correction of " + c.importer + " '" + c.upstream_key +
                                   "' " + c.field);
              return;
            }
            ds.import_corrections.push_back(std::move(c));
          }));
  }

  void cross_checks() {
    const std::vector<int> cited = ds.citation_counts();
    for (size_t i = 0; i < ds.sources.size(); ++i) {
      if (!cited[i]) {
        warnings.push_back({"sources", 0, 0,
                            "source '" + ds.sources[i].source_id +
                                "' is cited by no row (or only by superseded indicator years)"});
      }
    }
    for (const auto& s : ds.sites) {
      const auto& p = ds.organisations[s.provider];
      if (!(p.roles & model::kRoleCloudProvider)) {
        warnings.push_back({"sites", 0, 0,
                            "site '" + s.site_id + "': provider '" + p.org_id +
                                "' lacks the cloud_provider role"});
      }
    }
    // Importers match names through these keys: one name must mean one organisation.
    std::unordered_map<std::string, std::string> owner;
    for (const auto& o : ds.organisations) {
      std::vector<std::string> names = o.aliases;
      names.push_back(o.name);
      for (const auto& n : names) {
        auto [it, inserted] = owner.emplace(core::name_key(n), o.org_id);
        if (!inserted && it->second != o.org_id) {
          warnings.push_back({"organisations", 0, 0,
                              "name or alias '" + n + "' of '" + o.org_id + "' also names '" +
                                  it->second + "'; importers will match the first"});
        }
      }
    }
    for (const auto& o : ds.organisations) {
      if ((o.roles & (model::kRoleCloudProvider | model::kRoleChipDesigner)) && o.hq == kNone) {
        warnings.push_back({"organisations", 0, 0,
                            "organisation '" + o.org_id + "' has no headquarters jurisdiction"});
      }
    }
  }

  // --- Investment model tables (value-chain elements, FX, global and economy figures,
  // programmes). Loaded after the census tables: they refer to economies and blocs.
  void investment() {
    count("value_chain_elements",
          for_rows(files, "value_chain_elements", errors, [&](RowReader& r) {
            model::ValueChainElement v;
            v.element_id = r.slug("element_id");
            v.name = r.text("name", true);
            v.kind = r.choice("kind", {"element", "enabler"});
            auto pos = r.number("position", true, 1, 100);
            if (pos && *pos != std::floor(*pos)) r.error("position", "must be a whole number");
            v.position = pos ? static_cast<int>(*pos) : 0;
            v.description = r.text("description");
            auto s = r.sources(ds.source_index);
            v.source = s.empty() ? kNone : s[0];
            if (unique_key(ds.element_index, v.element_id,
                           static_cast<Id>(ds.value_chain_elements.size()), r, "element_id")) {
              ds.value_chain_elements.push_back(std::move(v));
            }
          }));
    auto year = [](RowReader& r, const std::string& col, bool required) -> int {
      auto y = r.number(col, required, 1990, 2100);
      if (y && *y != std::floor(*y)) {
        r.error(col, "must be a whole year");
        return 0;
      }
      return y ? static_cast<int>(*y) : 0;
    };
    auto element = [&](RowReader& r, bool& ok) -> Id {
      std::string v = r.text("element_id", true);
      ok = true;
      if (v.empty() || v == "all") return kNone;
      Id e = ds.find_element(v);
      if (e == kNone) {
        r.error("element_id", "unknown value-chain element '" + v + "' (or 'all')");
        ok = false;
      }
      return e;
    };
    auto low_high = [](RowReader& r, const std::string& lo_col, const std::string& hi_col,
                       double lo, double hi, bool required, std::optional<double>& l,
                       std::optional<double>& h) {
      l = r.number(lo_col, required, lo, hi);
      h = r.number(hi_col, required, lo, hi);
      if (l && h && *l > *h) r.error(lo_col, "is greater than " + hi_col);
      if (r.given(lo_col) != r.given(hi_col))
        r.error(hi_col, lo_col + " and " + hi_col + " go together");
    };
    std::set<std::string> fx_keys;
    count("fx_rates", for_rows(files, "fx_rates", errors, [&](RowReader& r) {
            model::FxRate f;
            f.currency = r.text("currency", true);
            if (!f.currency.empty() && !valid_iso3(f.currency)) {
              r.error("currency", "expected an ISO 4217 code (3 upper-case letters)");
            }
            f.year = year(r, "year", true);
            auto rate = r.number("rate", true, 1e-9, 1e9);
            if (rate && *rate <= 0) r.error("rate", "must be positive");
            std::string q = r.choice("quote", {"units_per_usd", "usd_per_unit"});
            auto s = r.sources(ds.source_index);
            f.source = s.empty() ? kNone : s[0];
            if (!rate || *rate <= 0 || q.empty() || f.currency.empty() || !f.year) return;
            f.usd_per_unit = q == "usd_per_unit" ? *rate : 1.0 / *rate;
            if (!fx_keys.insert(f.currency + "/" + std::to_string(f.year)).second) {
              r.error("year", "duplicate rate for " + f.currency + " " + std::to_string(f.year));
              return;
            }
            ds.fx_rates.push_back(f);
          }));
    count("investment_global", for_rows(files, "investment_global", errors, [&](RowReader& r) {
            model::GlobalInvestment g;
            bool ok = true;
            g.element = element(r, ok);
            g.metric = r.choice("metric", {"cumulative_usd", "annual_usd", "growth_rate",
                                           "share_us_china", "share_top_foundries"});
            g.year_from = year(r, "year_from", true);
            g.year_to = year(r, "year_to", true);
            if (g.year_from && g.year_to && g.year_to < g.year_from)
              r.error("year_to", "is before year_from");
            const bool rate = g.metric == "growth_rate";
            const bool share = g.metric.rfind("share_", 0) == 0;
            std::optional<double> l, h;
            low_high(r, "low", "high", rate ? -1 : 0, rate ? 10 : (share ? 1 : 1e15), true, l, h);
            g.qualifier = r.choice("qualifier", {"range", "about", "almost", "over", "at_least"});
            g.notes = r.text("notes");
            auto s = r.sources(ds.source_index);
            g.source = s.empty() ? kNone : s[0];
            g.origin = {r.file(), r.line()};
            if (!ok || g.metric.empty() || !l || !h || !g.year_from || !g.year_to) return;
            g.low = *l;
            g.high = *h;
            ds.investment_global.push_back(std::move(g));
          }));
    std::set<std::string> econ_keys;
    count("investment_economy", for_rows(files, "investment_economy", errors, [&](RowReader& r) {
            model::EconomyInvestment e;
            e.code = r.text("code", true);
            if (!e.code.empty() && e.code != "rest_of_world") {
              e.economy = ds.find_economy(e.code);
              if (e.economy == kNone) e.bloc = ds.find_bloc(e.code);
              if (e.economy == kNone && e.bloc == kNone) {
                r.error("code", "unknown economy or bloc '" + e.code +
                                    "' (expected ISO3, a bloc id or rest_of_world)");
              }
            }
            bool ok = true;
            e.element = element(r, ok);
            e.metric = r.choice("metric", {"pct_gdp", "share_of_global"});
            // share_of_global (% of one element's global total) needs a specific element.
            if (e.metric == "share_of_global" && r.text("element_id") == "all")
              r.error("element_id", "share_of_global needs an element, not 'all'");
            e.year_from = year(r, "year_from", true);
            e.year_to = year(r, "year_to", true);
            if (e.year_from && e.year_to && e.year_to < e.year_from)
              r.error("year_to", "is before year_from");
            std::optional<double> l, h;
            low_high(r, "low", "high", 0, 100, true, l, h);
            e.estimate_kind = r.choice("estimate_kind", {"published", "derived", "modelled"});
            e.notes = r.text("notes");
            auto s = r.sources(ds.source_index);
            e.source = s.empty() ? kNone : s[0];
            if (!ok || e.code.empty() || e.metric.empty() || !l || !h) return;
            if (e.code != "rest_of_world" && e.economy == kNone && e.bloc == kNone) return;
            const std::string key = e.code + "/" + r.text("element_id") + "/" + e.metric;
            if (!econ_keys.insert(key).second) {
              r.error("code", "duplicate row " + key);
              return;
            }
            e.low = *l;
            e.high = *h;
            ds.investment_economy.push_back(std::move(e));
          }));
    std::vector<std::pair<Id, std::pair<std::string, RowRef>>> parts;
    count("programmes", for_rows(files, "programmes", errors, [&](RowReader& r) {
            model::Programme p;
            p.programme_id = r.slug("programme_id");
            p.name = r.text("name", true);
            p.sponsor = r.text("sponsor", true);
            p.economy_code = r.text("economy", true);
            if (!p.economy_code.empty() && p.economy_code != "world") {
              p.economy = ds.find_economy(p.economy_code);
              if (p.economy == kNone) p.bloc = ds.find_bloc(p.economy_code);
              if (p.economy == kNone && p.bloc == kNone) {
                r.error("economy", "unknown economy or bloc '" + p.economy_code +
                                       "' (expected ISO3, a bloc id or world)");
              }
            }
            p.kind = r.choice("kind", {"public", "private", "public_private", "target"});
            std::optional<double> l, h;
            low_high(r, "amount_low", "amount_high", 0, 1e16, false, l, h);
            p.amount_low = l;
            p.amount_high = h;
            p.currency = r.text("currency", r.given("amount_low"));
            if (!p.currency.empty()) {
              bool known = false;
              for (const auto& f : ds.fx_rates) known = known || f.currency == p.currency;
              if (!known) {
                r.error("currency",
                        "unknown currency '" + p.currency + "' (no rate in the fx_rates table)");
              }
            }
            p.year_from = year(r, "year_from", false);
            p.year_to = year(r, "year_to", false);
            if (p.year_from && p.year_to && p.year_to < p.year_from)
              r.error("year_to", "is before year_from");
            for (const auto& el : core::split_list(r.text("elements"), ';')) {
              Id e = ds.find_element(el);
              if (e == kNone) {
                r.error("elements", "unknown value-chain element '" + el + "'");
              } else {
                p.elements.push_back(e);
              }
            }
            std::string part = r.text("part_of");
            p.notes = r.text("notes");
            p.sources = r.sources(ds.source_index);
            Id id = static_cast<Id>(ds.programmes.size());
            if (unique_key(ds.programme_index, p.programme_id, id, r, "programme_id")) {
              ds.programmes.push_back(std::move(p));
              if (!part.empty())
                parts.push_back({id, {part, RowRef{r.line(), r.column("part_of"), r.file()}}});
            }
          }));
    for (auto& [id, pr] : parts) {
      Id p = ds.find_programme(pr.first);
      if (p == kNone || p == id) {
        errors.push_back({pr.second.file, pr.second.line, pr.second.column,
                          "part_of: unknown programme '" + pr.first + "'"});
      } else {
        ds.programmes[id].part_of = p;
      }
    }
  }

  // --- Optimiser table: named defaults with their range and source (docs/data-format.md).
  void optimise_parameters() { parameters("optimise_parameters", ds.optimise_parameters); }
  // Optional table of the energy layer, same columns (docs/methodology.md §15).
  void energy_parameters() {
    auto present = files.tables.find("energy_parameters");
    if (present == files.tables.end() || present->second.empty()) return;
    parameters("energy_parameters", ds.energy_parameters);
  }

  void parameters(const std::string& table, std::vector<model::OptimiseParameter>& out) {
    std::set<std::string> seen;
    const bool energy = table == "energy_parameters";
    const auto& names =
        energy ? model::energy_parameter_names() : model::optimise_parameter_names();
    count(table, for_rows(files, table, errors, [&](RowReader& r) {
            model::OptimiseParameter p;
            p.name = r.text("parameter", true);
            const std::string chip = "chip_usd_per_h100e.";
            if (!energy && p.name.rfind(chip, 0) == 0) {
              if (ds.find_economy(p.name.substr(chip.size())) == kNone)
                r.error("parameter", "unknown designer jurisdiction (ISO3) in '" + p.name + "'");
            } else if (!p.name.empty() &&
                       std::find(names.begin(), names.end(), p.name) == names.end()) {
              r.error("parameter", std::string(energy ? "unknown energy parameter '"
                                                      : "unknown optimiser parameter '") +
                                       p.name + "'");
            }
            auto v = r.number("value", true, 0, 1e15);
            p.low = r.number("low", false, 0, 1e15);
            p.high = r.number("high", false, 0, 1e15);
            if (v && p.low && *p.low > *v) r.error("low", "is greater than value");
            if (v && p.high && *p.high < *v) r.error("high", "is less than value");
            p.unit = r.text("unit", true);
            p.estimate = r.choice("estimate", {"yes", "no"}) == "yes";
            p.notes = r.text("notes");
            auto src = r.sources(ds.source_index);
            ds.other_citations.insert(ds.other_citations.end(), src.begin(), src.end());
            p.source = src.empty() ? kNone : src[0];
            p.origin = {r.file(), r.line()};
            if (!v || p.name.empty()) return;
            if (!seen.insert(p.name).second) {
              r.error("parameter", "duplicate parameter '" + p.name + "'");
              return;
            }
            p.value = *v;
            out.push_back(std::move(p));
          }));
  }
};

}  // namespace

BuildOutcome load_dataset(const std::string& dir) {
  BuildOutcome out;
  io::DatasetFiles files =
      io::read_dataset_files(dir, model::table_names(), out.errors, out.warnings);
  // schema_version and as_of are checked by the manifest parser, at their line and column.
  auto as_of = Date::parse(files.manifest.as_of);
  Builder b{files, out.errors, out.warnings, {}, {}};
  b.ds.data_dir = dir;
  b.ds.dataset_version = files.manifest.dataset_version;
  b.ds.title = files.manifest.title;
  b.ds.licence = files.manifest.licence;
  b.ds.schema_version = files.manifest.schema_version;
  if (as_of) b.ds.as_of = *as_of;
  b.sources();
  b.economies();
  b.blocs();
  b.indicators();
  b.organisations();
  b.sites();
  b.accelerators();
  b.offerings();
  b.facilities();
  b.import_corrections();
  b.investment();
  b.optimise_parameters();
  b.energy_parameters();
  out.table_rows = b.rows;
  if (!out.errors.empty()) return out;
  b.ds.finalize();
  b.cross_checks();
  out.dataset = std::make_shared<const model::Dataset>(std::move(b.ds));
  return out;
}

}  // namespace aisov::validate
