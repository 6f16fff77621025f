#include "api/text.hpp"

#include <algorithm>
#include <cstdio>

#include "core/strings.hpp"

namespace aisov::api {

std::string num(double v) { return core::format_number(v); }

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& numeric) {
  std::vector<size_t> w(header.size());
  for (size_t i = 0; i < header.size(); ++i) w[i] = header[i].size();
  auto width = [](const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], width(r[i]));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (size_t i = 0; i < cells.size(); ++i) {
      const size_t pad = w[i] - width(cells[i]);
      if (i) l += "  ";
      if (numeric[i])
        l += std::string(pad, ' ') + cells[i];
      else
        l += cells[i] + (i + 1 < cells.size() ? std::string(pad, ' ') : "");
    }
    out += l + "\n";
  };
  line(header);
  std::vector<std::string> rule;
  for (size_t x : w) rule.push_back(std::string(x, '-'));
  line(rule);
  for (const auto& r : rows) line(r);
  return out;
}

std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows, size_t text_cols) {
  std::vector<bool> numeric(header.size());
  for (size_t i = 0; i < numeric.size(); ++i) numeric[i] = i >= text_cols;
  return text_table(header, rows, numeric);
}

}  // namespace aisov::api
