#include <toml++/toml.h>

#include <algorithm>
#include <cmath>

#include "core/date.hpp"
#include "io/table.hpp"
#include "io/toml_json.hpp"

namespace aisov::io {

Manifest parse_manifest(const std::string& text, const std::string& file,
                        std::vector<Problem>& problems) {
  Manifest m;
  toml::table tbl;
  if (!parse_toml(text, file, tbl, problems)) return m;
  auto where = [&](const char* key) {
    const auto* node = tbl.get(key);
    return node ? std::pair<int, int>{static_cast<int>(node->source().begin.line),
                                      static_cast<int>(node->source().begin.column)}
                : std::pair<int, int>{1, 1};
  };
  static const char* kKnown[] = {"schema_version", "dataset_version", "title", "licence", "as_of"};
  for (const auto& [key, node] : tbl) {
    bool known = false;
    for (const char* k : kKnown) known = known || key.str() == k;
    if (!known) {
      // Reported where the key is written (node.source() would be its value).
      problems.push_back({file, static_cast<int>(key.source().begin.line),
                          static_cast<int>(key.source().begin.column),
                          "unknown key '" + std::string(key.str()) + "'"});
    }
  }
  // toml++ converts a float to int64_t unchecked (UB past 2^63): only floats in range.
  const auto sv = tbl["schema_version"];
  if (auto v = sv.is_integer() || (sv.is_floating_point() && std::abs(sv.value_or(0.0)) < 9e18)
                   ? sv.value<int64_t>()
                   : std::nullopt) {
    m.schema_version = static_cast<int>(*v);
    if (*v != 1) {
      auto [l, c] = where("schema_version");
      problems.push_back({file, l, c,
                          "schema_version " + std::to_string(*v) +
                              " is not supported (this aisov reads version 1)"});
    }
  } else {
    auto [l, c] = where("schema_version");
    problems.push_back({file, l, c, "schema_version (integer) is required"});
  }
  auto str = [&](const char* key, std::string& out, bool required) {
    if (auto v = tbl[key].value<std::string>()) {
      out = *v;
    } else if (required || tbl.contains(key)) {
      auto [l, c] = where(key);
      problems.push_back({file, l, c, std::string(key) + " (string) is required"});
    }
  };
  str("dataset_version", m.dataset_version, true);
  str("title", m.title, false);
  str("licence", m.licence, false);
  str("as_of", m.as_of, true);
  // dataset_version is echoed in every reply header (X-Aisov-Data-Version) and every result:
  // a short token of letters, digits and . _ + - (documented form YYYY.MM.N), never free text.
  if (!m.dataset_version.empty()) {
    const auto& v = m.dataset_version;
    const bool ok = v.size() <= 40 && std::all_of(v.begin(), v.end(), [](char ch) {
                      return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                             (ch >= 'A' && ch <= 'Z') || ch == '.' || ch == '_' || ch == '+' ||
                             ch == '-';
                    });
    if (!ok) {
      auto [l, c] = where("dataset_version");
      problems.push_back({file, l, c,
                          "dataset_version: expected a short version token such as 2026.12.0 "
                          "(letters, digits, '.', '_', '+', '-'; at most 40)"});
      m.dataset_version.clear();
    }
  }
  // Free text fields: one line of printable text.
  for (auto [key, value] : {std::pair<const char*, std::string*>{"title", &m.title},
                            std::pair<const char*, std::string*>{"licence", &m.licence}}) {
    for (const char ch : *value) {
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) {
        auto [l, c] = where(key);
        problems.push_back({file, l, c, std::string(key) + ": control characters are not allowed"});
        value->clear();
        break;
      }
    }
  }
  if (!m.as_of.empty() && !core::Date::parse(m.as_of)) {
    auto [l, c] = where("as_of");
    problems.push_back({file, l, c, "as_of: expected a date YYYY-MM-DD"});
  }
  return m;
}

}  // namespace aisov::io
