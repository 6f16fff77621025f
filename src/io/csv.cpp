#include "io/csv.hpp"

#include <csv.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace aisov::io {

std::string Problem::str() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    out += ":" + std::to_string(column > 0 ? column : 1);
  }
  return out + ": " + message;
}

namespace {

// State shared with libcsv's callbacks. libcsv reports field and record ends; we feed it
// one line-delimited chunk at a time and track positions ourselves.
struct ParseState {
  CsvFile* out = nullptr;
  std::vector<Problem>* problems = nullptr;
  std::vector<Cell> current;
  int field_line = 1, field_col = 1;  // where the current field started
  int record_line = 1;
  size_t records = 0;
  bool header_done = false;
};

void on_field(void* data, size_t len, void* p) {
  auto* st = static_cast<ParseState*>(p);
  Cell c;
  if (len > kMaxCellBytes) {
    // One cell of megabytes is not a table cell: report it once and keep it empty, so that a
    // hostile file costs neither memory nor thousands of follow-on lines.
    st->problems->push_back({st->out->file, st->field_line, st->field_col,
                             "cell of " + std::to_string(len) + " bytes exceeds the limit of " +
                                 std::to_string(kMaxCellBytes >> 10) + " KiB"});
  } else {
    c.text.assign(static_cast<const char*>(data), len);
  }
  c.line = st->field_line;
  c.column = st->field_col;
  st->current.push_back(std::move(c));
}

void on_record(int /*terminator*/, void* p) {
  auto* st = static_cast<ParseState*>(p);
  ++st->records;
  if (!st->header_done) {
    for (auto& c : st->current) st->out->header.push_back(c.text);
    st->header_done = true;
  } else {
    CsvRow row;
    row.line = st->record_line;
    row.cells = std::move(st->current);
    st->out->rows.push_back(std::move(row));
  }
  st->current.clear();
}

}  // namespace

namespace {

// The common case in one pass over the bytes, with the positions libcsv's byte-by-byte path
// gives: every field either unquoted without '"' and without leading or trailing blanks (the
// libcsv path keeps and reports those), or wholly quoted ("..." with "" for a quote) and followed
// at once by a comma, CR, LF or the end. Records end at CR or LF; empty lines (and the LF of CR LF)
// are skipped, as libcsv does. Anything else (a stray quote, blanks around a cell, a cell over
// kMaxCellBytes, an empty last field at the end of a file without a final line end) returns false,
// and the caller parses the text again with libcsv, which also words every error.
// What parse_simple reads: views into the text (or into `unescaped`, for quoted cells with "").
struct SimpleParse {
  std::vector<std::string_view> header;
  std::vector<CellView> cells;               // every row's cells, in order
  std::vector<std::pair<int, size_t>> rows;  // (line, index of the first cell)
  std::unique_ptr<std::deque<std::string>> unescaped;
};

bool parse_simple(const std::string& text, size_t start, SimpleParse& out) {
  const size_t n = text.size();
  const char* t = text.data();
  int line = 1, col = 1;
  bool header_done = false;
  size_t i = start;
  auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  // Advances the position over t[from, to) (LF starts a line; UTF-8 continuation bytes do not
  // count as characters).
  auto advance = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
      const char c = t[k];
      if (c == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++col;
      }
    }
  };
  size_t lines = 0;
  for (const char* at = t + start;
       (at = static_cast<const char*>(std::memchr(at, '\n', static_cast<size_t>(t + n - at))));
       ++at) {
    ++lines;
  }
  out.rows.reserve(lines + 1);
  while (i < n) {
    // Record start: skip line ends (empty lines, the LF of CR LF).
    if (t[i] == '\n' || t[i] == '\r') {
      advance(i, i + 1);
      ++i;
      continue;
    }
    const int record_line = line;
    const size_t first = out.cells.size();
    while (true) {
      CellView c;
      c.line = line;
      c.column = col;
      if (i < n && t[i] == '"') {
        size_t k = i + 1;
        std::string v;
        bool escaped = false;
        size_t q = 0;
        while (true) {
          q = text.find('"', k);
          if (q == std::string::npos) return false;  // never closed: libcsv words it
          if (q + 1 < n && t[q + 1] == '"') {
            if (!escaped)
              v.assign(t + i + 1, q - (i + 1));
            else
              v.append(t + k, q - k);
            v += '"';
            escaped = true;
            k = q + 2;
            continue;
          }
          if (escaped) v.append(t + k, q - k);
          k = q + 1;
          break;
        }
        std::string_view body =
            escaped ? std::string_view(v) : std::string_view(t + i + 1, q - i - 1);
        if (k < n && t[k] != ',' && t[k] != '\n' && t[k] != '\r') return false;
        if (body.find('\r') != std::string_view::npos) return false;
        if (body.size() > kMaxCellBytes) return false;  // libcsv's path reports it
        advance(i, k);
        i = k;
        if (escaped) {
          if (!out.unescaped) out.unescaped = std::make_unique<std::deque<std::string>>();
          out.unescaped->push_back(std::move(v));
          c.text = out.unescaped->back();
        } else {
          c.text = body;
        }
      } else {
        size_t k = i;
        int chars = 0;  // characters, not UTF-8 continuation bytes (no LF inside)
        while (k < n && t[k] != ',' && t[k] != '\n' && t[k] != '\r') {
          if (t[k] == '"') return false;
          chars += (static_cast<unsigned char>(t[k]) & 0xC0) != 0x80;
          ++k;
        }
        if (k > i && (is_blank(t[i]) || is_blank(t[k - 1]))) return false;
        if (k - i > kMaxCellBytes) return false;  // libcsv's path reports it
        // An empty last field at the end of the text: libcsv places it elsewhere.
        if (k == i && k == n) return false;
        c.text = std::string_view(t + i, k - i);
        col += chars;
        i = k;
      }
      out.cells.push_back(c);
      if (i < n && t[i] == ',') {
        advance(i, i + 1);
        ++i;
        continue;
      }
      break;  // CR, LF or the end: the record is complete
    }
    if (!header_done) {
      out.header.reserve(out.cells.size() - first);
      for (size_t k = first; k < out.cells.size(); ++k) out.header.push_back(out.cells[k].text);
      out.cells.resize(first);
      out.cells.reserve((lines + 1) * out.header.size());  // rows as wide as the header
      header_done = true;
    } else {
      out.rows.emplace_back(record_line, first);
    }
  }
  return header_done;
}

// Every row must be as wide as the header (both parse paths).
template <typename Table>
void report_ragged_rows(const Table& f, std::vector<Problem>& problems) {
  for (const auto& r : f.rows) {
    if (r.cells.size() != f.header.size()) {
      problems.push_back({f.file, r.line, 1,
                          "row has " + std::to_string(r.cells.size()) + " fields, header has " +
                              std::to_string(f.header.size())});
    }
  }
}

}  // namespace

CsvFile parse_csv(const std::string& text, const std::string& file,
                  std::vector<Problem>& problems) {
  CsvFile out;
  out.file = file;
  if (invalid_utf8_at(text) == std::string_view::npos) {
    size_t start = 0;
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;  // UTF-8 BOM
    SimpleParse p;
    if (parse_simple(text, start, p)) {
      out.header.assign(p.header.begin(), p.header.end());
      out.rows.resize(p.rows.size());
      for (size_t r = 0; r < p.rows.size(); ++r) {
        const size_t end = r + 1 < p.rows.size() ? p.rows[r + 1].second : p.cells.size();
        auto& row = out.rows[r];
        row.line = p.rows[r].first;
        row.cells.reserve(end - p.rows[r].second);
        for (size_t k = p.rows[r].second; k < end; ++k) {
          row.cells.push_back({std::string(p.cells[k].text), p.cells[k].line, p.cells[k].column});
        }
      }
      report_ragged_rows(out, problems);
      return out;
    }
  }
  return parse_csv_libcsv(text, file, problems);
}

CsvFile parse_csv_libcsv(const std::string& text, const std::string& file,
                         std::vector<Problem>& problems) {
  CsvFile out;
  out.file = file;
  if (const size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
    int line = 1, col = 1;
    for (size_t i = 0; i < bad; ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    problems.push_back(
        {file, line, col,
         "not valid UTF-8 (byte offset " + std::to_string(bad) + "); tables must be UTF-8 text"});
    return out;
  }
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    problems.push_back({file, 0, 0, "cannot initialise the CSV parser"});
    return out;
  }
  // libcsv trims blanks around unquoted cells by default; keep them, so that the table checks
  // can report " 5000" as a cell with leading spaces instead of reading it silently as 5000.
  csv_set_space_func(&parser, [](unsigned char) { return 0; });
  ParseState st;
  st.out = &out;
  st.problems = &problems;
  // Feed byte by byte so that each callback knows the exact position. The files are small
  // (a few MB at most), so this costs milliseconds.
  int line = 1, col = 1;
  bool expect_start = true;
  size_t start = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;  // UTF-8 BOM
  for (size_t i = start; i < text.size(); ++i) {
    const char ch = text[i];
    if (expect_start && ch != '\r' && ch != '\n') {
      st.field_line = line;
      st.field_col = col;
      if (st.current.empty()) st.record_line = line;
      expect_start = false;
    } else if (expect_start && !st.current.empty()) {
      // An empty last cell ("a,b,\n") starts where the line ends, not at the previous cell.
      st.field_line = line;
      st.field_col = col;
    }
    const size_t fields_before = st.current.size(), records_before = st.records;
    if (csv_parse(&parser, &ch, 1, on_field, on_record, &st) != 1) {
      problems.push_back(
          {file, line, col, std::string("malformed CSV: ") + csv_strerror(csv_error(&parser))});
      csv_free(&parser);
      return out;
    }
    if (st.current.size() != fields_before || st.records != records_before) expect_start = true;
    if (ch == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
      ++col;  // count characters, not UTF-8 continuation bytes
    }
  }
  if (csv_fini(&parser, on_field, on_record, &st) != 0) {
    // Only an unterminated quoted field fails here: point at the cell that opened it.
    problems.push_back({file, st.field_line, st.field_col,
                        std::string("malformed CSV: quoted field is never closed (") +
                            csv_strerror(csv_error(&parser)) + ")"});
  }
  csv_free(&parser);
  if (!st.header_done) {
    problems.push_back({file, 1, 1, "empty file: a header row is required"});
    return out;
  }
  report_ragged_rows(out, problems);
  return out;
}

CsvTable parse_csv_table(std::string text, const std::string& file,
                         std::vector<Problem>& problems) {
  CsvTable out;
  out.file = file;
  out.text = std::make_unique<const std::string>(std::move(text));
  const std::string& t = *out.text;
  if (invalid_utf8_at(t) == std::string_view::npos) {
    size_t start = 0;
    if (t.size() >= 3 && t.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;  // UTF-8 BOM
    SimpleParse p;
    if (parse_simple(t, start, p)) {
      out.header = std::move(p.header);
      out.cells = std::move(p.cells);
      out.unescaped = std::move(p.unescaped);
      out.rows.resize(p.rows.size());
      const CellView* cells = out.cells.data();
      for (size_t r = 0; r < p.rows.size(); ++r) {
        const size_t end = r + 1 < p.rows.size() ? p.rows[r + 1].second : out.cells.size();
        out.rows[r] = {p.rows[r].first, {cells + p.rows[r].second, end - p.rows[r].second}};
      }
      report_ragged_rows(out, problems);
      return out;
    }
  }
  // Anything else: libcsv's result (with its problems), viewed in place.
  auto parsed = std::make_unique<CsvFile>(parse_csv_libcsv(t, file, problems));
  out.header.assign(parsed->header.begin(), parsed->header.end());
  size_t total = 0;
  for (const auto& r : parsed->rows) total += r.cells.size();
  out.cells.reserve(total);
  for (const auto& r : parsed->rows) {
    for (const auto& c : r.cells) out.cells.push_back({c.text, c.line, c.column});
  }
  out.rows.reserve(parsed->rows.size());
  const CellView* at = out.cells.data();
  for (const auto& r : parsed->rows) {
    out.rows.push_back({r.line, {at, r.cells.size()}});
    at += r.cells.size();
  }
  out.fallback = std::move(parsed);
  return out;
}

CsvTable read_csv_table(const std::string& path, const std::string& display,
                        std::vector<Problem>& problems) {
  std::string text, why;
  if (!read_file(path, text, &why)) {
    problems.push_back({display, 0, 0, "cannot read file: " + why});
    CsvTable f;
    f.file = display;
    return f;
  }
  return parse_csv_table(std::move(text), display, problems);
}

namespace {
// Sizes `out` to a regular file's size when that is within `max_bytes`; false otherwise.
bool fs_size_hint(const std::string& path, size_t max_bytes, std::string& out) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::is_regular_file(st)) return false;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size == 0 || size > max_bytes) return false;
  out.resize(static_cast<size_t>(size));
  return true;
}
}  // namespace

bool read_file(const std::string& path, std::string& out, std::string* why, size_t max_bytes) {
  auto fail = [why](std::string reason) {
    if (why) *why = std::move(reason);
    return false;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return fail("is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot open (" + std::string(std::strerror(errno)) + ")");
  out.clear();
  // Read a regular file's bytes straight into `out` (the loop below still finds the end, for
  // files that grow and for pipes and devices, whose size says nothing).
  if (fs_size_hint(path, max_bytes, out)) {
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<size_t>(in.gcount()));
    if (in.bad()) return fail("read error");
    if (in.eof() || in.peek() == std::char_traits<char>::eof())
      return !in.bad() || fail("read error");
    in.clear();
  }
  std::string chunk(size_t{1} << 16, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto n = static_cast<size_t>(in.gcount());
    if (out.size() + n > max_bytes) {
      out.clear();
      return fail("larger than the limit of " + std::to_string(max_bytes >> 20) + " MiB");
    }
    out.append(chunk.data(), n);
  }
  if (in.bad()) return fail("read error");
  return true;
}

std::vector<std::string> problem_lines(const std::vector<Problem>& problems, size_t max) {
  std::vector<std::string> out;
  for (size_t i = 0; i < problems.size() && i < max; ++i) out.push_back(problems[i].str());
  if (problems.size() > max) {
    out.push_back("... and " + std::to_string(problems.size() - max) + " more problems not shown");
  }
  return out;
}

size_t invalid_utf8_at(std::string_view t) {
  size_t i = 0;
  const size_t n = t.size();
  while (i < n) {
    // Eight ASCII bytes at a time (the common case).
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, t.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto d = static_cast<unsigned char>(t[i + k]);
      if ((d & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

CsvFile read_csv(const std::string& path, const std::string& display,
                 std::vector<Problem>& problems) {
  std::string text, why;
  if (!read_file(path, text, &why)) {
    problems.push_back({display, 0, 0, "cannot read file: " + why});
    CsvFile f;
    f.file = display;
    return f;
  }
  return parse_csv(text, display, problems);
}

std::string csv_escape(const std::string& f) {
  bool quote = f.find_first_of(",\"\r\n") != std::string::npos ||
               (!f.empty() && (f.front() == ' ' || f.back() == ' '));
  if (!quote) return f;
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string format_csv(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  auto line = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += csv_escape(cells[i]);
    }
    out += '\n';
  };
  line(header);
  for (const auto& r : rows) line(r);
  return out;
}

std::string write_file_atomic(const std::string& path,
                              const std::function<bool(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(path);
  const auto st = fs::status(p, ec);  // follows symbolic links
  // A device or FIFO (/dev/stdout, a named pipe) is written through: it cannot be replaced.
  if (!ec && fs::exists(st) && !fs::is_regular_file(st)) {
    if (fs::is_directory(st)) return path + " is a directory";
    std::ofstream out(p, std::ios::binary);
    if (!out) return "cannot open " + path + " for writing";
    const bool ok = write(out);
    out.flush();
    return ok && out ? std::string() : "cannot write " + path;
  }
  // A symbolic link is kept: the file it points to is replaced (atomically, beside it).
  if (fs::is_symlink(fs::symlink_status(p, ec))) {
    const fs::path target = fs::canonical(p, ec);
    if (ec) return "cannot resolve the symbolic link " + path + ": " + ec.message();
    p = target;
  }
  fs::path tmp = p;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot create " + tmp.string();
    const bool ok = write(out);
    out.flush();
    if (!ok || !out) {
      fs::remove(tmp, ec);
      return "cannot write " + tmp.string();
    }
  }
  fs::rename(tmp, p, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(tmp, ec);
    return "cannot rename to " + path + ": " + why;
  }
  return {};
}

std::string write_file_atomic(const std::string& path, const std::string& content) {
  return write_file_atomic(path, [&content](std::ostream& out) {
    out << content;
    return static_cast<bool>(out);
  });
}

}  // namespace aisov::io
