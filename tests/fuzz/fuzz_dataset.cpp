// libFuzzer target: the whole dataset loader (Engine::validate, Engine::open) on a directory
// built from the input. The input is a small archive of text files:
//
//   @@ manifest.toml
//   schema_version = 1
//   @@ economies.csv
//   iso3,name,...
//
// A line `@@ NAME` starts a file; NAME keeps [A-Za-z0-9_.-] and at most one `/` (a table
// directory such as facilities/extra.csv). A dataset that opens is also run through the census.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"

namespace {

/// A safe relative path from an archive name, or empty when nothing usable is left.
std::string clean_name(std::string_view raw) {
  std::vector<std::string> parts(1);
  for (char c : raw) {
    if (c == '/') {
      parts.emplace_back();
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-') {
      parts.back() += c;
    }
  }
  std::string out;
  int kept = 0;
  for (const auto& p : parts) {
    if (p.empty() || p == "." || p == ".." || ++kept > 2) continue;
    out += (out.empty() ? "" : "/") + p.substr(0, 64);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const fs::path dir = aisov::fuzz::scratch_dir() / "data";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) std::abort();

  // Split into files at lines that begin with "@@ ".
  size_t pos = 0, files = 0;
  std::string name;
  size_t body = std::string_view::npos;
  auto flush = [&](size_t end) {
    if (body == std::string_view::npos || name.empty() || files >= 64) return;
    const fs::path p = dir / name;
    std::error_code e;
    fs::create_directories(p.parent_path(), e);
    if (e || fs::is_directory(p, e)) return;
    aisov::fuzz::write_file(p, in.data() + body, end - body);
    ++files;
  };
  while (pos < in.size()) {
    size_t eol = in.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? in.size() : eol + 1;
    if (in.substr(pos, 3) == "@@ ") {
      flush(pos);
      name = clean_name(in.substr(pos + 3, next - pos - 3));
      body = next;
    }
    pos = next;
  }
  flush(in.size());

  const auto report = aisov::Engine::validate(dir.string());
  (void)aisov::render(report, aisov::Format::kJson);
  auto engine = aisov::Engine::open({dir.string()});
  if (!engine.ok()) {
    (void)aisov::render(engine.error(), aisov::Format::kJson);
    return 0;
  }
  (void)aisov::render(engine.value().summary(), aisov::Format::kJson);
  const auto census = engine.value().census(aisov::CensusRequest{});
  if (census.ok()) (void)aisov::render(census.value(), aisov::Format::kJson);
  (void)aisov::render(engine.value().sources(), aisov::Format::kJson);
  return 0;
}
