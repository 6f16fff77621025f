#pragma once
/// A bundled scenario's source for editors: its text, the same document as JSON, and the
/// engine's check of it (the HTTP API's GET /api/v1/scenarios/{name}).
#include <string>

#include "aisov/engine.hpp"

namespace aisov {

struct ScenarioSource {
  std::string name;           ///< bundled name: the file name without extension
  std::string file;           ///< file name in the scenario directory
  std::string format;         ///< "toml" or "json"
  std::string text;           ///< the file's bytes
  std::string scenario_json;  ///< the scenario as a JSON document (TOML converted)
  ScenarioCheck check;
};

/// The bundled scenario `name` (e.g. "taiwan-foundry", or its file name). Only scenarios that
/// Engine::scenario_list() lists are found (kNotFound otherwise), so a name never reaches an
/// arbitrary path. Thread-safe, as the Engine.
Result<ScenarioSource> scenario_source(const Engine& engine, const std::string& name);

/// JSON: {name, file, format, text, scenario, check}; other formats print the text.
std::string render(const ScenarioSource& source, Format format);

}  // namespace aisov
