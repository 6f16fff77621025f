#include "core/date.hpp"

#include <charconv>
#include <cstdio>

namespace aisov::core {

int days_from_civil(int y, int m, int d) {
  // Howard Hinnant's algorithm.
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

int Date::first_day() const { return days_from_civil(year, month ? month : 1, day ? day : 1); }

int Date::last_day() const {
  const int m = month ? month : 12;
  return days_from_civil(year, m, day ? day : days_in_month(year, m));
}

std::string Date::str() const {
  char buf[16];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

namespace {
bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}
}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  Date d;
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  if (!parse_int(text.substr(0, 4), d.year) || d.year < 1900 || d.year > 2100) return std::nullopt;
  if (text.size() >= 7) {
    if (text[4] != '-' || !parse_int(text.substr(5, 2), d.month) || d.month < 1 || d.month > 12) {
      return std::nullopt;
    }
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !parse_int(text.substr(8, 2), d.day) || d.day < 1 ||
        d.day > days_in_month(d.year, d.month)) {
      return std::nullopt;
    }
  }
  return d;
}

Date Date::from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  Date d;
  d.day = doy - (153 * mp + 2) / 5 + 1;
  d.month = mp < 10 ? mp + 3 : mp - 9;
  d.year = yoe + era * 400 + (d.month <= 2 ? 1 : 0);
  return d;
}

}  // namespace aisov::core
