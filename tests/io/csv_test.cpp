#include <gtest/gtest.h>

#include <filesystem>

#include "io/csv.hpp"
#include "test_support.hpp"

using namespace aisov::io;

TEST(Csv, ParsesQuotesEmbeddedNewlinesAndPositions) {
  std::vector<Problem> problems;
  CsvFile f = parse_csv("a,b,c\n1,\"x, \"\"y\"\"\",3\n\"multi\nline\",,z\n", "t.csv", problems);
  ASSERT_TRUE(problems.empty());
  ASSERT_EQ(f.header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[0].cells[1].text, "x, \"y\"");
  EXPECT_EQ(f.rows[0].line, 2);
  EXPECT_EQ(f.rows[0].cells[0].column, 1);
  EXPECT_EQ(f.rows[0].cells[1].column, 3);  // the opening quote
  EXPECT_EQ(f.rows[0].cells[2].column, 14);
  EXPECT_EQ(f.rows[1].cells[0].text, "multi\nline");
  EXPECT_EQ(f.rows[1].line, 3);
  EXPECT_EQ(f.rows[1].cells[1].text, "");
  EXPECT_EQ(f.rows[1].cells[2].line, 4);  // after the embedded newline
  EXPECT_EQ(f.rows[1].cells[2].column, 8);
}

TEST(Csv, CrlfAndBomAndNoFinalNewline) {
  std::vector<Problem> problems;
  CsvFile f = parse_csv("\xEF\xBB\xBFid,v\r\nx,1\r\ny,2", "t.csv", problems);
  ASSERT_TRUE(problems.empty());
  EXPECT_EQ(f.header[0], "id");
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_EQ(f.rows[1].cells[1].text, "2");
  EXPECT_EQ(f.rows[1].line, 3);
}

TEST(Csv, ReportsMalformedQuotesAndRaggedRows) {
  std::vector<Problem> problems;
  parse_csv("a,b\n\"open,1\n", "bad.csv", problems);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].file, "bad.csv");
  std::vector<Problem> p2;
  parse_csv("a,b\n1,2,3\n4\n", "rag.csv", p2);
  ASSERT_EQ(p2.size(), 2u);
  EXPECT_EQ(p2[0].str(), "rag.csv:2:1: row has 3 fields, header has 2");
  EXPECT_EQ(p2[1].line, 3);
  std::vector<Problem> p3;
  parse_csv("", "empty.csv", p3);
  ASSERT_EQ(p3.size(), 1u);
}

TEST(Csv, WriterQuotesOnlyWhenNeededAndRoundTrips) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
  const std::vector<std::vector<std::string>> rows = {{"1", "x,y", "line\nbreak"},
                                                      {"2", "", "\"q\""}};
  std::string text = format_csv({"id", "a", "b"}, rows);
  std::vector<Problem> problems;
  CsvFile f = parse_csv(text, "rt.csv", problems);
  ASSERT_TRUE(problems.empty());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < 3; ++c) EXPECT_EQ(f.rows[r].cells[c].text, rows[r][c]);
  }
}

TEST(Csv, AtomicWriteLeavesNoTemporaryFile) {
  aisov::test::TempDir dir;
  const std::string path = dir / "out.csv";
  EXPECT_EQ(write_file_atomic(path, "a\n1\n"), "");
  std::string back;
  ASSERT_TRUE(read_file(path, back));
  EXPECT_EQ(back, "a\n1\n");
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.str())) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
  EXPECT_NE(write_file_atomic(dir / "missing/sub/out.csv", "x"), "");
}

// Issue "Hardening" 10 and 16: blanks around an unquoted cell are kept (the table checks report
// them; libcsv used to trim " 5000" to "5000" silently), and a cell larger than the limit is
// reported once at its position and read as empty instead of filling memory and the report.
TEST(Csv, KeepsBlanksAroundCells) {
  std::vector<Problem> problems;
  CsvFile f = parse_csv("a,b\n 5000,x \n", "t.csv", problems);
  ASSERT_TRUE(problems.empty());
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0].cells[0].text, " 5000");
  EXPECT_EQ(f.rows[0].cells[1].text, "x ");
}

TEST(Csv, OversizedCellIsReportedOnceAndDropped) {
  std::vector<Problem> problems;
  // A quoted cell of 2 MiB of newlines, starting at line 2, column 3.
  const std::string text = "a,b,c\nx,\"" + std::string(size_t{2} << 20, '\n') + "\",y\n";
  CsvFile f = parse_csv(text, "big.csv", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 3);
  EXPECT_NE(problems[0].message.find("exceeds the limit of 1024 KiB"), std::string::npos)
      << problems[0].message;
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0].cells[1].text, "");
  EXPECT_EQ(f.rows[0].cells[2].text, "y");
}
