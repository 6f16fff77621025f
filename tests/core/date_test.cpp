#include <gtest/gtest.h>

#include "core/date.hpp"

using aisov::core::Date;
using aisov::core::days_from_civil;

TEST(Date, ParsesThreePrecisions) {
  auto y = Date::parse("2024");
  ASSERT_TRUE(y);
  EXPECT_EQ(y->year, 2024);
  EXPECT_EQ(y->month, 0);
  auto m = Date::parse("2024-02");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->month, 2);
  auto d = Date::parse("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->day, 29);
  EXPECT_EQ(d->str(), "2024-02-29");
  EXPECT_EQ(m->str(), "2024-02");
}

TEST(Date, RejectsMalformed) {
  for (const char* bad : {"", "24", "2024-2", "2024-13", "2023-02-29", "2024-02-30", "May 2020",
                          "2024/01/01", "1899", "2101-01-01", "2024-01-01T00", "２０２４"}) {
    EXPECT_FALSE(Date::parse(bad)) << bad;
  }
}

TEST(Date, PeriodsCoverTheirWholeSpan) {
  // 1970-01-01 is day 0; 2000-03-01 is day 11017 (30 years × 365 + 7 leap days + 59).
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 30 * 365 + 7 + 31 + 29);
  const Date y = *Date::parse("2024");
  EXPECT_EQ(y.first_day(), days_from_civil(2024, 1, 1));
  EXPECT_EQ(y.last_day(), days_from_civil(2024, 12, 31));
  const Date m = *Date::parse("2023-02");
  EXPECT_EQ(m.last_day(), days_from_civil(2023, 2, 28));
  EXPECT_EQ(m.last_day() - m.first_day(), 27);
}

TEST(Date, FromDaysRoundTrips) {
  for (int day = -1000; day < 40000; day += 17) {
    Date d = Date::from_days(day);
    EXPECT_EQ(days_from_civil(d.year, d.month, d.day), day);
  }
  EXPECT_EQ(Date::from_days(days_from_civil(2024, 11, 30)).str(), "2024-11-30");
}
