#include "io/toml_json.hpp"

#include <toml++/toml.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/json_out.hpp"

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

Problem json_limits_problem(const std::string& text, int max_depth, size_t max_values) {
  int depth = 0, line = 1, col = 0;
  size_t values = 1;
  bool in_string = false, escaped = false;
  for (const char ch : text) {
    if (ch == '\n') {
      ++line;
      col = 0;
    } else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
      ++col;
    }
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (ch == '\\') {
        escaped = true;
      } else if (ch == '"') {
        in_string = false;
      }
      continue;
    }
    const auto at = [&](std::string why) { return Problem{{}, line, col, std::move(why)}; };
    if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > max_depth) {
        return at("JSON nested deeper than " + std::to_string(max_depth) + " levels");
      }
    } else if (ch == ']' || ch == '}') {
      --depth;
    } else if (ch == ',' && ++values > max_values) {
      return at("JSON document with more than " + std::to_string(max_values) + " values");
    }
  }
  return {};
}

std::string canonical_json(const toml::node& root) {
  return core::json_compact(to_json<nlohmann::json>(root, true));
}

bool toml_to_json(const std::string& text, std::string& json, std::string& error) {
  try {
    const toml::table t = toml::parse(text);
    json = core::json_compact(to_json<nlohmann::ordered_json>(t, false));
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
