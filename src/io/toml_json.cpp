#include "io/toml_json.hpp"

#include <toml++/toml.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace aisov::io {

namespace {

// Json = nlohmann::ordered_json keeps the file's key order; nlohmann::json sorts keys.
template <typename Json>
Json to_json(const toml::node& n, bool numbers_as_double) {
  if (const auto* t = n.as_table()) {
    Json j = Json::object();
    for (const auto& [k, v] : *t) j[std::string(k.str())] = to_json<Json>(v, numbers_as_double);
    return j;
  }
  if (const auto* a = n.as_array()) {
    Json j = Json::array();
    for (const auto& v : *a) j.push_back(to_json<Json>(v, numbers_as_double));
    return j;
  }
  if (const auto* s = n.as_string()) return s->get();
  if (const auto* i = n.as_integer()) {
    if (numbers_as_double) return static_cast<double>(i->get());
    return i->get();
  }
  if (const auto* f = n.as_floating_point()) return f->get();
  if (const auto* b = n.as_boolean()) return b->get();
  // Dates and times: their TOML text (scenario files have none).
  std::ostringstream out;
  n.visit([&](const auto& v) { out << v; });
  return out.str();
}

}  // namespace

std::string canonical_json(const toml::node& root) {
  return to_json<nlohmann::json>(root, true).dump();
}

bool toml_to_json(const std::string& text, std::string& json, std::string& error) {
  try {
    const toml::table t = toml::parse(text);
    json = to_json<nlohmann::ordered_json>(t, false).dump();
    return true;
  } catch (const toml::parse_error& e) {
    error = std::to_string(e.source().begin.line) + ":" + std::to_string(e.source().begin.column) +
            ": " + std::string(e.description());
    return false;
  }
}

bool parse_toml(const std::string& text, const std::string& file, toml::table& out,
                std::vector<Problem>& problems) {
  try {
    out = toml::parse(text, file);
    return true;
  } catch (const toml::parse_error& e) {
    problems.push_back({file, static_cast<int>(e.source().begin.line),
                        static_cast<int>(e.source().begin.column),
                        std::string("malformed TOML: ") + std::string(e.description())});
    return false;
  }
}

}  // namespace aisov::io
