// render(ScenarioSource): the bundled scenario for editors, with its check embedded as the
// same JSON that `aisov scenario check --format json` prints (one description:
// describe_scenario.hpp).
#include "aisov/scenario_source.hpp"
#include "api/describe_scenario.hpp"
#include "core/json_out.hpp"

namespace aisov {

std::string render(const ScenarioSource& s, Format format) {
  if (format != Format::kJson) return s.text;
  return core::json_text(api::to_json(s));
}

}  // namespace aisov
