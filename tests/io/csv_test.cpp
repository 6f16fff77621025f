#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

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

// parse_csv's one-pass path (and parse_csv_table's) must read exactly what libcsv fed byte by byte
// reads (cells, lines, columns, problems and their wording) on any text: random texts over the
// characters that matter to CSV (separators, quotes, blanks, CR, LF, a multi-byte character, a
// BOM).
namespace {
bool same_parse(const std::string& text) {
  std::vector<Problem> pa, pb;
  const CsvFile a = parse_csv(text, "f.csv", pa), b = parse_csv_libcsv(text, "f.csv", pb);
  if (a.header != b.header || a.rows.size() != b.rows.size() || pa.size() != pb.size())
    return false;
  for (size_t i = 0; i < pa.size(); ++i)
    if (pa[i].str() != pb[i].str()) return false;
  for (size_t r = 0; r < a.rows.size(); ++r) {
    if (a.rows[r].line != b.rows[r].line || a.rows[r].cells.size() != b.rows[r].cells.size())
      return false;
    for (size_t c = 0; c < a.rows[r].cells.size(); ++c) {
      const Cell &x = a.rows[r].cells[c], &y = b.rows[r].cells[c];
      if (x.text != y.text || x.line != y.line || x.column != y.column) return false;
    }
  }
  // parse_csv_table (views over its own copy of the text, what the dataset load uses) reads the
  // same, and its views stay valid after the table is moved.
  std::vector<Problem> pt;
  CsvTable moved = parse_csv_table(text, "f.csv", pt);
  const CsvTable t = std::move(moved);
  if (pt.size() != pb.size() || t.header.size() != b.header.size() ||
      t.rows.size() != b.rows.size())
    return false;
  for (size_t i = 0; i < pt.size(); ++i)
    if (pt[i].str() != pb[i].str()) return false;
  for (size_t h = 0; h < t.header.size(); ++h)
    if (t.header[h] != b.header[h]) return false;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    if (t.rows[r].line != b.rows[r].line || t.rows[r].cells.size() != b.rows[r].cells.size())
      return false;
    for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
      const CellView& x = t.rows[r].cells[c];
      const Cell& y = b.rows[r].cells[c];
      if (x.text != y.text || x.line != y.line || x.column != y.column) return false;
    }
  }
  return true;
}
}  // namespace

RC_GTEST_PROP(CsvProperties, OnePassParseEqualsLibcsv, ()) {
  static const std::vector<std::string> kPieces = {
      "a", "bc", ",", ",", "\"", "\"\"", " ", "\t", "\n", "\n", "\r\n", "\r", "\xC3\xA9", "x,y\n"};
  const auto picks =
      *rc::gen::container<std::vector<size_t>>(rc::gen::inRange<size_t>(0, kPieces.size()));
  std::string text = *rc::gen::element(std::string(), std::string("\xEF\xBB\xBF"));
  for (size_t k : picks) text += kPieces[k];
  RC_ASSERT(same_parse(text));
}

TEST(Csv, OnePassParseEqualsLibcsvOnTheBundledDataset) {
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(AISOV_SOURCE_DIR "/data")) {
    if (e.path().extension() != ".csv") continue;
    std::string text;
    ASSERT_TRUE(read_file(e.path().string(), text));
    EXPECT_TRUE(same_parse(text)) << e.path();
    ++files;
  }
  EXPECT_GT(files, 50u);
}
