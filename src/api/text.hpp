#pragma once
// Plain-text helpers shared by the renderers: number formatting and aligned tables.
#include <string>
#include <vector>

namespace aisov::api {

/// Shortest round-trip text of a number.
std::string num(double v);
/// Fixed-point text with `digits` decimals.
std::string fixed(double v, int digits);
/// A table with a header rule; numeric columns are right-aligned. Widths count characters.
std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric);
/// The same with the first `text_cols` columns left-aligned and the rest right-aligned.
std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows, size_t text_cols);

}  // namespace aisov::api
