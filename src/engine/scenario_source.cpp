// scenario_source(): a bundled scenario's text, as JSON, and its check, for editors.
#include "aisov/scenario_source.hpp"

#include "engine/guarded.hpp"
#include "io/csv.hpp"
#include "io/toml_json.hpp"

namespace aisov {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string stem(const std::string& file) {
  const auto dot = file.rfind('.');
  return dot == std::string::npos ? file : file.substr(0, dot);
}

}  // namespace

Result<ScenarioSource> scenario_source(const Engine& engine, const std::string& name) {
  auto list = engine.scenario_list();
  if (!list) return list.error();
  const ScenarioListEntry* hit = nullptr;
  for (const auto& e : list.value().scenarios) {
    if (e.file == name || stem(e.file) == name) {
      hit = &e;
      break;
    }
  }
  if (!hit) {
    std::string names;
    for (const auto& e : list.value().scenarios)
      names += (names.empty() ? "" : ", ") + stem(e.file);
    return Error{
        ErrorCode::kNotFound, "no bundled scenario '" + name + "' (bundled: " + names + ")", {}};
  }
  return engine_detail::guarded<ScenarioSource>([&] {
    ScenarioSource s;
    s.name = stem(hit->file);
    s.file = hit->file;
    s.format = ends_with(hit->file, ".json") ? "json" : "toml";
    const std::string path = list.value().dir + "/" + hit->file;
    if (!io::read_file(path, s.text)) {
      throw core::Failure(ErrorCode::kIoError, "cannot read scenario file " + path);
    }
    if (s.format == "json") {
      s.scenario_json = s.text;
    } else {
      std::string error;
      if (!io::toml_to_json(s.text, s.scenario_json, error)) {
        throw core::Failure(ErrorCode::kInvalidInput, path + ":" + error);
      }
    }
    ScenarioRequest req;
    req.file = path;
    auto check = engine.scenario_check(req);
    if (!check)
      throw core::Failure(check.error().code, check.error().message, check.error().details);
    s.check = std::move(check).value();
    return s;
  });
}

}  // namespace aisov
