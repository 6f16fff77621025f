#include <gtest/gtest.h>

#include "core/strings.hpp"

using namespace aisov::core;

TEST(Strings, SplitListTrimsAndDropsEmpty) {
  EXPECT_EQ(split_list(" a; b ;;c ", ';'), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_list("", ';').empty());
}

TEST(Strings, Slugs) {
  EXPECT_TRUE(is_slug("aws:us-east-1"));
  EXPECT_TRUE(is_slug("nvidia-h100-sxm"));
  EXPECT_FALSE(is_slug("AWS"));
  EXPECT_FALSE(is_slug("-x"));
  EXPECT_FALSE(is_slug("a b"));
  EXPECT_EQ(slugify("Microsoft, OpenAI"), "microsoft-openai");
  EXPECT_EQ(slugify("  Côte d'Ivoire "), "c-te-d-ivoire");
}

TEST(Strings, StrictNumbers) {
  EXPECT_EQ(parse_number("989.4"), 989.4);
  EXPECT_EQ(parse_number("-3"), -3.0);
  EXPECT_EQ(parse_number("1e3"), 1000.0);
  EXPECT_FALSE(parse_number("1,000"));
  EXPECT_FALSE(parse_number("12 MW"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("nan"));
  EXPECT_FALSE(parse_number("inf"));
}

TEST(Strings, FormatNumberRoundTrips) {
  EXPECT_EQ(format_number(3), "3");
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(27360935000000.0), "27360935000000");
  for (double v : {0.1, 1.0 / 3, 989.4, 1e-7, 123456.789}) {
    EXPECT_EQ(*parse_number(format_number(v)), v);
  }
}

TEST(Strings, NameKeyIgnoresCaseAndPunctuation) {
  EXPECT_EQ(name_key("Korea (Republic of)"), name_key("korea republic of"));
  EXPECT_EQ(name_key("U.S."), "us");
}
