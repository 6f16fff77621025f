#pragma once
// Calendar dates with year, month or day precision.
#include <optional>
#include <string>
#include <string_view>

namespace aisov::core {

/// A date that may be partial: month/day 0 mean "unspecified". Immutable value type.
struct Date {
  int year = 0;
  int month = 0;  // 0 = whole year
  int day = 0;    // 0 = whole month

  bool empty() const { return year == 0; }
  /// First day of the period, as days since 1970-01-01 (used for start dates).
  int first_day() const;
  /// Last day of the period (used for end dates and as-of dates).
  int last_day() const;
  /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
  std::string str() const;

  /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (1900–2100); nullopt when malformed.
  static std::optional<Date> parse(std::string_view text);
  /// The full date of a day number.
  static Date from_days(int days);
};

/// Days since 1970-01-01 of a proleptic Gregorian date.
int days_from_civil(int y, int m, int d);
/// Days in a month.
int days_in_month(int y, int m);

}  // namespace aisov::core
