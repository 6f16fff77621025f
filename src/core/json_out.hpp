#pragma once
// Writing JSON text. Every JSON output goes through json_text so that no input can make a writer
// throw: invalid UTF-8 that reached a string is replaced by U+FFFD (inputs are validated at the
// edges; this is the last line of defence).
#include <string>

#include <nlohmann/json.hpp>

namespace aisov::core {

/// Indented (2 spaces) JSON text with a final newline.
template <typename Json>
std::string json_text(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

/// Compact JSON text, no final newline.
template <typename Json>
std::string json_compact(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace aisov::core
