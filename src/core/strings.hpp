#pragma once
// Small string helpers shared by every module.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aisov::core {

/// Splits on a separator; trims each part; drops empty parts.
std::vector<std::string> split_list(std::string_view text, char sep);
std::string trim(std::string_view text);
std::string to_lower(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
/// Lower-case slug: [a-z0-9][a-z0-9._:-]*
bool is_slug(std::string_view text);
/// Makes a slug from free text ("Microsoft, OpenAI" → "microsoft-openai").
std::string slugify(std::string_view text);
/// Strict decimal number (no thousands separators, no trailing text); nullopt otherwise.
std::optional<double> parse_number(std::string_view text);
/// Shortest round-trip text of a double, without exponent for ordinary magnitudes.
std::string format_number(double value);
/// Key for matching names: lower case, letters and digits only.
std::string name_key(std::string_view text);

}  // namespace aisov::core
