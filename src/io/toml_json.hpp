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

/// Limits on a JSON document read from a user (scenario and optimiser files): nesting depth and
/// number of values. A document inside them parses in linear time and bounded stack.
inline constexpr int kMaxJsonDepth = 64;
inline constexpr size_t kMaxJsonValues = 200000;

/// Checks the limits in one pass over the text, before any parser recurses into it. Returns a
/// problem with an empty message when the document is within them, else the line, column and
/// reason of the first excess (`file` is left empty for the caller).
Problem json_limits_problem(const std::string& text, int max_depth = kMaxJsonDepth,
                            size_t max_values = kMaxJsonValues);

/// Parses TOML text into `out`; on a syntax error appends `file:line:column: malformed TOML: …`
/// to `problems` and returns false.
bool parse_toml(const std::string& text, const std::string& file, toml::table& out,
                std::vector<Problem>& problems);

}  // namespace aisov::io
