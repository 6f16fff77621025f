#pragma once
// TOML text → the same document as JSON, for editors that work on JSON (the dashboard's
// scenario builder edits a bundled TOML scenario as JSON and sends it back as JSON).
#include <toml++/toml.h>

#include <string>
#include <vector>

#include "io/csv.hpp"

namespace aisov::io {

/// The TOML document as compact JSON (tables → objects, arrays → arrays, strings, integers,
/// floats and booleans as themselves; dates and times as their TOML text). On a TOML syntax
/// error returns false and sets `error` to `line:column: reason`.
bool toml_to_json(const std::string& text, std::string& json, std::string& error);

/// The canonical JSON of a parsed tree: keys sorted, integers and floats both written as
/// doubles, no comments or layout (the scenario hash is taken over it).
std::string canonical_json(const toml::node& root);

/// Parses TOML text into `out`; on a syntax error appends `file:line:column: malformed TOML: …`
/// to `problems` and returns false.
bool parse_toml(const std::string& text, const std::string& file, toml::table& out,
                std::vector<Problem>& problems);

}  // namespace aisov::io
