// render(ScenarioSource): the bundled scenario for editors, with its check embedded as the
// same JSON that `aisov scenario check --format json` prints.
#include <nlohmann/json.hpp>

#include "aisov/scenario_source.hpp"
#include "core/json_out.hpp"

namespace aisov {

std::string render(const ScenarioSource& s, Format format) {
  if (format != Format::kJson) return s.text;
  using json = nlohmann::ordered_json;
  json j{{"name", s.name},
         {"file", s.file},
         {"format", s.format},
         {"text", s.text},
         {"scenario", json::parse(s.scenario_json)},
         {"check", json::parse(render(s.check, Format::kJson))}};
  return core::json_text(j);
}

}  // namespace aisov
