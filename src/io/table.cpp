#include "io/table.hpp"

#include "model/schema.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace aisov::io {

namespace fs = std::filesystem;

DatasetFiles read_dataset_files(const std::string& dir, const std::vector<std::string>& tables,
                                std::vector<Problem>& problems, std::vector<Problem>& warnings) {
  DatasetFiles out;
  out.dir = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    problems.push_back({dir, 0, 0, "not a dataset directory"});
    return out;
  }
  const std::string manifest_path = (fs::path(dir) / "manifest.toml").string();
  std::string text;
  if (!read_file(manifest_path, text)) {
    problems.push_back({manifest_path, 0, 0, "cannot read manifest.toml"});
  } else {
    out.manifest = parse_manifest(text, manifest_path, problems);
  }
  std::set<std::string> claimed = {"manifest.toml"};
  for (const auto& name : tables) {
    const fs::path single = fs::path(dir) / (name + ".csv");
    const fs::path folder = fs::path(dir) / name;
    auto& files = out.tables[name];
    if (fs::is_regular_file(single, ec)) {
      claimed.insert(name + ".csv");
      files.push_back(read_csv_table(single.string(), single.string(), problems));
    }
    if (fs::is_directory(folder, ec)) {
      claimed.insert(name);
      std::vector<fs::path> parts;
      for (const auto& e : fs::directory_iterator(folder, ec)) {
        std::error_code fec;
        if (e.is_regular_file(fec) && e.path().extension() == ".csv") {
          parts.push_back(e.path());
        } else {
          warnings.push_back(
              {e.path().string(), 0, 0,
               fec ? "unreadable (" + fec.message() + "); ignored" : "not a .csv file; ignored"});
        }
      }
      std::sort(parts.begin(), parts.end());
      for (const auto& p : parts) files.push_back(read_csv_table(p.string(), p.string(), problems));
    }
    const auto& optional = model::optional_tables();
    if (files.empty() && std::find(optional.begin(), optional.end(), name) == optional.end()) {
      problems.push_back(
          {(fs::path(dir) / (name + ".csv")).string(), 0, 0,
           "table '" + name + "' is missing (" + name + ".csv or " + name + "/*.csv)"});
    }
  }
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string fname = e.path().filename().string();
    if (!claimed.count(fname) && fname[0] != '.' && fname != "README.md") {
      warnings.push_back({e.path().string(), 0, 0, "belongs to no table; ignored"});
    }
  }
  return out;
}

bool read_tree(const std::string& dir, std::map<std::string, std::string>& files) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec)) continue;
    std::string content;
    if (!read_file(it->path().string(), content)) return false;
    files[fs::relative(it->path(), dir).string()] = std::move(content);
  }
  return !ec;
}

std::string write_dataset_dir(const std::string& dir,
                              const std::map<std::string, std::string>& files, bool overwrite,
                              const std::function<std::string(const std::string&)>& check) {
  std::error_code ec;
  const fs::path target(dir);
  if (fs::exists(fs::symlink_status(target, ec))) {
    if (!overwrite) return dir + " already exists (use --force)";
    // --force replaces only a dataset: never a plain file, a link, or any other folder.
    if (fs::is_symlink(fs::symlink_status(target, ec)) || !fs::is_directory(target, ec)) {
      return dir + " exists and is not a dataset directory; not replaced";
    }
    if (!fs::is_regular_file(target / "manifest.toml", ec)) {
      return dir + " exists and is not an aisov dataset (no manifest.toml); not replaced";
    }
  }
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) return "parent directory of " + dir + " does not exist";
  fs::path tmp = target;
  tmp += ".tmp." + std::to_string(::getpid());
  fs::remove_all(tmp, ec);
  for (const auto& [rel, content] : files) {
    const fs::path p = tmp / rel;
    fs::create_directories(p.parent_path(), ec);
    if (ec) {
      fs::remove_all(tmp, ec);
      return "cannot create " + p.parent_path().string();
    }
    std::string err = write_file_atomic(p.string(), content);
    if (!err.empty()) {
      fs::remove_all(tmp, ec);
      return err;
    }
  }
  if (check) {
    std::string problem = check(tmp.string());
    if (!problem.empty()) {
      fs::remove_all(tmp, ec);
      return problem;
    }
  }
  if (fs::exists(target, ec)) {
    fs::path old = target;
    old += ".old." + std::to_string(::getpid());
    fs::rename(target, old, ec);
    if (ec) {
      fs::remove_all(tmp, ec);
      return "cannot replace " + dir + ": " + ec.message();
    }
    fs::rename(tmp, target, ec);
    if (ec) {
      fs::rename(old, target, ec);
      return "cannot replace " + dir;
    }
    fs::remove_all(old, ec);
    return {};
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove_all(tmp, ec);
    return "cannot create " + dir + ": " + ec.message();
  }
  return {};
}

}  // namespace aisov::io
