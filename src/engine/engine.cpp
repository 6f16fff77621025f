#include "aisov/engine.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "aisov/build_config.hpp"
#include "census/census.hpp"
#include "core/failure.hpp"
#include "core/strings.hpp"
#include "engine/guarded.hpp"
#include "io/csv.hpp"
#include "io/importers.hpp"
#include "io/table.hpp"
#include "model/schema.hpp"
#include "validate/builder.hpp"

namespace aisov {

namespace {

std::vector<std::string> lines(const std::vector<io::Problem>& ps) { return io::problem_lines(ps); }

using engine_detail::guarded;

}  // namespace

std::string Engine::default_data_dir() {
  if (const char* env = std::getenv("AISOV_DATA")) return env;
  return build::kDefaultDataDir;
}

std::string Engine::version() { return build::kVersion; }

ValidationReport Engine::validate(const std::string& data_dir) {
  ValidationReport r;
  r.data_dir = data_dir.empty() ? default_data_dir() : data_dir;
  validate::BuildOutcome b = validate::load_dataset(r.data_dir);
  r.ok = b.errors.empty();
  r.errors = lines(b.errors);
  r.warnings = lines(b.warnings);
  r.table_rows = b.table_rows;
  return r;
}

Result<Engine> Engine::open(const EngineOptions& options) {
  const std::string dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  validate::BuildOutcome b = validate::load_dataset(dir);
  if (!b.errors.empty()) {
    return Error{ErrorCode::kInvalidDataset,
                 "dataset " + dir + " is invalid (" + std::to_string(b.errors.size()) + " errors)",
                 lines(b.errors)};
  }
  auto s = std::make_shared<DatasetSummary>();
  s->data_dir = dir;
  s->dataset_version = b.dataset->dataset_version;
  s->schema_version = b.dataset->schema_version;
  s->title = b.dataset->title;
  s->licence = b.dataset->licence;
  s->as_of = b.dataset->as_of.empty() ? "" : b.dataset->as_of.str();
  s->table_rows = b.table_rows;
  return Engine(b.dataset, s);
}

Result<CensusResult> Engine::census(const CensusRequest& request) const {
  return guarded<CensusResult>([&] { return census::run_census(*dataset_, request); });
}

Result<ProfileResult> Engine::profile(const ProfileRequest& request) const {
  return guarded<ProfileResult>([&] { return census::run_profile(*dataset_, request); });
}

Result<SitesResult> Engine::sites(const SitesRequest& request) const {
  return guarded<SitesResult>([&] { return census::run_sites(*dataset_, request); });
}

SourcesResult Engine::sources() const {
  const auto& ds = *dataset_;
  SourcesResult out;
  out.meta.engine_version = build::kVersion;
  out.meta.dataset_version = ds.dataset_version;
  out.meta.as_of = summary_->as_of;
  const std::vector<int> cited = ds.citation_counts();
  for (size_t i = 0; i < ds.sources.size(); ++i) {
    const auto& s = ds.sources[i];
    out.sources.push_back({s.source_id, s.producer, s.title, s.url, s.published, s.accessed,
                           s.licence, s.notes, cited[i]});
  }
  return out;
}

Result<ImportResult> Engine::import_data(const ImportRequest& request) const {
  return guarded<ImportResult>([&]() -> Result<ImportResult> {
    const auto& formats = io::import_formats();
    if (std::find(formats.begin(), formats.end(), request.format) == formats.end()) {
      return Error{ErrorCode::kInvalidArgument,
                   "unknown import format '" + request.format + "' (expected " +
                       core::join(formats, ", ") + ")",
                   {}};
    }
    if (request.out_dir.empty()) {
      return Error{ErrorCode::kInvalidArgument, "--out DIR is required", {}};
    }
    std::error_code ec;
    if (std::filesystem::exists(request.out_dir, ec) && !request.overwrite) {
      return Error{ErrorCode::kInvalidArgument,
                   request.out_dir + " already exists (use --force to replace it)",
                   {}};
    }
    if (request.investment_basis != "total" && request.investment_basis != "project") {
      return Error{
          ErrorCode::kInvalidArgument,
          "--investment-basis must be total or project, not '" + request.investment_basis + "'",
          {}};
    }
    io::ImportSpec spec{request.format,          request.path,         request.mapping,
                        request.source_id,       request.source_title, request.source_url,
                        request.investment_basis};
    std::vector<io::Problem> problems;
    io::ImportedRows rows = io::import_facilities(*dataset_, spec, problems);
    if (!problems.empty()) {
      return Error{ErrorCode::kInvalidInput, "cannot import " + request.path, lines(problems)};
    }
    std::map<std::string, std::string> files;
    if (!io::read_tree(dataset_->data_dir, files)) {
      return Error{ErrorCode::kIoError, "cannot read dataset " + dataset_->data_dir, {}};
    }
    // Re-imported rows replace the rows they were imported as before: drop those from the files
    // that hold them (a file left with no rows is removed).
    if (!rows.replaces.empty()) {
      const std::set<std::string> gone(rows.replaces.begin(), rows.replaces.end());
      for (auto it = files.begin(); it != files.end();) {
        const std::string& name = it->first;
        const bool facility_file =
            name == "facilities.csv" || (name.rfind("facilities/", 0) == 0 && name.size() > 4 &&
                                         name.substr(name.size() - 4) == ".csv");
        if (!facility_file) {
          ++it;
          continue;
        }
        std::vector<io::Problem> ps;
        const io::CsvFile f = io::parse_csv(it->second, name, ps);
        const auto id = std::find(f.header.begin(), f.header.end(), "facility_id");
        if (!ps.empty() || id == f.header.end()) {
          ++it;
          continue;
        }
        const size_t col = id - f.header.begin();
        std::vector<std::vector<std::string>> keep;
        for (const auto& r : f.rows) {
          if (col < r.cells.size() && gone.count(core::trim(r.cells[col].text))) continue;
          std::vector<std::string> cells;
          for (const auto& c : r.cells) cells.push_back(c.text);
          keep.push_back(std::move(cells));
        }
        if (keep.size() == f.rows.size()) {
          ++it;
        } else if (keep.empty()) {
          it = files.erase(it);
        } else {
          it->second = io::format_csv(f.header, keep);
          ++it;
        }
      }
    }
    auto add_table = [&](const std::string& table, const std::vector<std::vector<std::string>>& r,
                         const std::vector<std::string>& header) {
      if (r.empty()) return;
      std::string name = table + "/imported-" + request.format + ".csv";
      for (int k = 2; files.count(name); ++k) {
        name = table + "/imported-" + request.format + "-" + std::to_string(k) + ".csv";
      }
      files[name] = io::format_csv(header, r);
    };
    add_table("facilities", rows.facilities, io::imported_facility_columns());
    add_table("organisations", rows.organisations, model::table_columns("organisations"));
    add_table("sources", rows.sources, model::table_columns("sources"));
    add_table("indicators", rows.indicators,
              model::table_columns("indicators"));  // electricity-prices
    std::ostringstream manifest;
    manifest << "# aisov dataset: " << dataset_->data_dir << " plus rows imported from "
             << request.path << " (" << request.format << ")\n"
             << "schema_version = " << dataset_->schema_version << "\n"
             << "dataset_version = \"" << dataset_->dataset_version << "+" << request.format
             << "\"\n"
             << "title = \"" << dataset_->title << "\"\n"
             << "licence = \"" << dataset_->licence << "\"\n"
             << "as_of = \"" << summary_->as_of << "\"\n";
    files["manifest.toml"] = manifest.str();
    std::vector<std::string> check_errors;
    std::string err = io::write_dataset_dir(
        request.out_dir, files, request.overwrite, [&](const std::string& tmp) -> std::string {
          validate::BuildOutcome b = validate::load_dataset(tmp);
          if (b.errors.empty()) return {};
          check_errors = lines(b.errors);
          return "the imported dataset does not validate";
        });
    if (!err.empty()) {
      return Error{check_errors.empty() ? ErrorCode::kIoError : ErrorCode::kInvalidInput, err,
                   check_errors};
    }
    ImportResult res;
    res.out_dir = request.out_dir;
    res.facilities_replaced = static_cast<int>(rows.replaces.size());
    res.facilities_added = static_cast<int>(rows.facilities.size()) - res.facilities_replaced;
    res.duplicates = rows.duplicates;
    res.corrections = rows.corrections;
    res.notes = rows.notes;
    res.organisations_added = static_cast<int>(rows.organisations.size());
    res.sources_added = static_cast<int>(rows.sources.size());
    res.skipped = rows.skipped;
    res.indicators_added = static_cast<int>(rows.indicators.size());
    return res;
  });
}

}  // namespace aisov
