#include "io/shard.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/failure.hpp"
#include "io/csv.hpp"

namespace aisov::io {

namespace {

using Json = nlohmann::ordered_json;

const char* const kBaselines[] = {"fixed", "growth", "simulated"};
const char* const kMeasureNames[] = {"territorial", "sovereign", "accessible"};
// Limits a header may state: a run never has more (the runner keeps at most 1.6 GB of
// outputs), and they keep every size computation far from overflow.
constexpr int64_t kMaxDraws = int64_t{1} << 40;
constexpr size_t kMaxColumns = size_t{1} << 24;
constexpr int64_t kMaxGrowthFactors = 201;

[[noreturn]] void bad(const std::string& name, const std::string& what) {
  throw core::Failure(ErrorCode::kInvalidInput, name + ": " + what);
}

Json header_json(const ShardHeader& h) {
  Json j;
  j["engine_version"] = h.engine_version;
  j["random_scheme"] = h.random_scheme;
  j["dataset_version"] = h.dataset_version;
  j["dataset_hash"] = h.dataset_hash;
  j["as_of"] = h.as_of;
  j["scenario_name"] = h.scenario_name;
  j["scenario_file"] = h.scenario_file;
  j["scenario_hash"] = h.scenario_hash;
  j["seed"] = h.seed;
  j["draws"] = h.draws;
  j["draw_range"] = {h.first, h.last};
  j["economies"] = h.economies;
  j["years"] = h.years;
  j["baseline"] = h.baseline;
  j["growth_factors"] = h.growth_factors;
  j["record_bytes"] = h.record_bytes();
  Json cols = Json::array();
  for (const auto& c : h.columns) cols.push_back(Json::array({c.code, c.year, c.measure}));
  j["columns"] = std::move(cols);
  j["column_baselines"] = h.column_baselines;
  j["scenario_format"] = h.scenario_format;
  j["scenario_text"] = h.scenario_text;
  return j;
}

// Typed access to the header's members, with the file name and key in every message.
struct Reader {
  const std::string& name;
  const Json& j;
  const Json& at(const char* key) const {
    const auto it = j.find(key);
    if (it == j.end()) bad(name, "header: '" + std::string(key) + "' is missing");
    return *it;
  }
  std::string str(const char* key) const {
    const Json& v = at(key);
    if (!v.is_string()) bad(name, "header: '" + std::string(key) + "' must be a string");
    return v.get<std::string>();
  }
  int64_t integer(const char* key, const Json& v, int64_t lo, int64_t hi) const {
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(hi)) ||
        (!v.is_number_unsigned() && (v.get<int64_t>() < lo || v.get<int64_t>() > hi))) {
      bad(name, "header: '" + std::string(key) + "' must be a whole number from " +
                    std::to_string(lo) + " to " + std::to_string(hi));
    }
    return v.is_number_unsigned() ? static_cast<int64_t>(v.get<uint64_t>()) : v.get<int64_t>();
  }
  int64_t integer(const char* key, int64_t lo, int64_t hi) const {
    return integer(key, at(key), lo, hi);
  }
  const Json& array(const char* key) const {
    const Json& v = at(key);
    if (!v.is_array()) bad(name, "header: '" + std::string(key) + "' must be an array");
    return v;
  }
};

ShardHeader header_from(const Json& j, const std::string& name) {
  if (!j.is_object()) bad(name, "header: not a JSON object");
  const Reader r{name, j};
  ShardHeader h;
  h.engine_version = r.str("engine_version");
  h.random_scheme = static_cast<int>(r.integer("random_scheme", 0, 1 << 30));
  h.dataset_version = r.str("dataset_version");
  h.dataset_hash = r.str("dataset_hash");
  h.as_of = r.str("as_of");
  h.scenario_name = r.str("scenario_name");
  h.scenario_file = r.str("scenario_file");
  h.scenario_hash = r.str("scenario_hash");
  h.scenario_format = r.str("scenario_format");
  if (h.scenario_format != "toml" && h.scenario_format != "json")
    bad(name, "header: 'scenario_format' must be \"toml\" or \"json\"");
  h.scenario_text = r.str("scenario_text");
  {
    const Json& v = r.at("seed");
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
      bad(name, "header: 'seed' must be a whole number from 0 to 18446744073709551615");
    h.seed = v.get<uint64_t>();
  }
  h.draws = r.integer("draws", 1, kMaxDraws);
  const Json& range = r.array("draw_range");
  if (range.size() != 2) bad(name, "header: 'draw_range' must be [first, last]");
  h.first = r.integer("draw_range", range[0], 0, kMaxDraws);
  h.last = r.integer("draw_range", range[1], 0, kMaxDraws);
  if (!(h.first < h.last && h.last <= h.draws)) {
    bad(name, "header: draw range " + std::to_string(h.first) + ":" + std::to_string(h.last) +
                  " is not a non-empty part of 0:" + std::to_string(h.draws));
  }
  for (const auto& e : r.array("economies")) {
    if (!e.is_string()) bad(name, "header: 'economies' must hold strings");
    h.economies.push_back(e.get<std::string>());
  }
  for (const auto& y : r.array("years"))
    h.years.push_back(static_cast<int>(r.integer("years", y, -100000, 100000)));
  h.baseline = r.str("baseline");
  const auto* b = std::find(std::begin(kBaselines), std::end(kBaselines), h.baseline);
  if (b == std::end(kBaselines))
    bad(name, "header: 'baseline' must be \"fixed\", \"growth\" or \"simulated\"");
  h.growth_factors = r.integer("growth_factors", 0, kMaxGrowthFactors);
  if ((h.baseline == "growth") != (h.growth_factors > 0))
    bad(name, "header: 'growth_factors' must be > 0 exactly when the baseline is \"growth\"");
  const Json& cols = r.array("columns");
  if (cols.size() > kMaxColumns) bad(name, "header: too many columns");
  for (const auto& c : cols) {
    if (!c.is_array() || c.size() != 3 || !c[0].is_string() || !c[2].is_string())
      bad(name, "header: each column must be [code, year, measure]");
    ShardColumn col;
    col.code = c[0].get<std::string>();
    col.year = static_cast<int>(r.integer("columns", c[1], -100000, 100000));
    col.measure = c[2].get<std::string>();
    if (std::find(std::begin(kMeasureNames), std::end(kMeasureNames), col.measure) ==
        std::end(kMeasureNames)) {
      bad(name, "header: unknown measure '" + col.measure + "' in 'columns'");
    }
    h.columns.push_back(std::move(col));
  }
  for (const auto& x : r.array("column_baselines")) {
    if (!x.is_number()) bad(name, "header: 'column_baselines' must hold numbers");
    h.column_baselines.push_back(x.get<double>());
  }
  const size_t want = h.baseline == "simulated" ? 0 : h.columns.size();
  if (h.column_baselines.size() != want) {
    bad(name, "header: 'column_baselines' has " + std::to_string(h.column_baselines.size()) +
                  " numbers, expected " + std::to_string(want));
  }
  if (r.integer("record_bytes", 0, std::numeric_limits<int64_t>::max()) !=
      static_cast<int64_t>(h.record_bytes())) {
    bad(name, "header: 'record_bytes' does not match the columns and baseline");
  }
  return h;
}

}  // namespace

uint64_t ShardHeader::record_bytes() const {
  const uint64_t n = columns.size();
  uint64_t bytes = 1 + 4 * n;
  if (baseline == "simulated") bytes += 4 * n;
  if (baseline == "growth") bytes += 8 * static_cast<uint64_t>(growth_factors);
  return bytes;
}

uint64_t fnv1a64(std::string_view bytes, uint64_t h) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

void store_u64_le(char* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
uint64_t load_u64_le(const char* in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<unsigned char>(in[i])} << (8 * i);
  return v;
}
void store_f32_le(char* out, float v) {
  const auto u = std::bit_cast<uint32_t>(v);
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((u >> (8 * i)) & 0xFF);
}
float load_f32_le(const char* in) {
  uint32_t u = 0;
  for (int i = 0; i < 4; ++i) u |= uint32_t{static_cast<unsigned char>(in[i])} << (8 * i);
  return std::bit_cast<float>(u);
}
void store_f64_le(char* out, double v) { store_u64_le(out, std::bit_cast<uint64_t>(v)); }
double load_f64_le(const char* in) { return std::bit_cast<double>(load_u64_le(in)); }

std::string write_shard(const std::string& path, const ShardHeader& header,
                        const std::function<void(int64_t, char*)>& record) {
  std::string head = std::string(kShardMagic) + " " + std::to_string(kShardFormatVersion) + "\n";
  head += header_json(header).dump() + "\n";
  return write_file_atomic(path, [&](std::ostream& out) {
    uint64_t h = fnv1a64(head);
    out.write(head.data(), static_cast<std::streamsize>(head.size()));
    // Records in blocks of about 1 MiB: the checksum and the stream see each byte once.
    const auto rb = static_cast<size_t>(header.record_bytes());
    const size_t per_block = std::max<size_t>(1, (size_t{1} << 20) / rb);
    std::string block;
    for (int64_t d = header.first; d < header.last && out;) {
      const int64_t end = std::min<int64_t>(header.last, d + static_cast<int64_t>(per_block));
      block.assign(static_cast<size_t>(end - d) * rb, '\0');
      for (int64_t k = d; k < end; ++k) record(k, block.data() + static_cast<size_t>(k - d) * rb);
      h = fnv1a64(block, h);
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
      d = end;
    }
    char trailer[8];
    store_u64_le(trailer, h);
    out.write(trailer, sizeof trailer);
    return static_cast<bool>(out);
  });
}

namespace {

// The magic line and the header of `bytes` (a whole file or its start); returns the offset of
// the first record.
size_t parse_head(const std::string& bytes, const std::string& name, ShardHeader& header) {
  const std::string magic = std::string(kShardMagic) + " ";
  if (bytes.compare(0, magic.size(), magic) != 0) {
    bad(name, "not an aisov shard file (it does not start with '" + std::string(kShardMagic) +
                  "'; write one with `aisov scenario run … --samples-out FILE`)");
  }
  const size_t eol = bytes.find('\n');
  if (eol == std::string::npos || eol > magic.size() + 10)
    bad(name, "truncated or corrupt: the first line does not end");
  const std::string version = bytes.substr(magic.size(), eol - magic.size());
  if (version != std::to_string(kShardFormatVersion)) {
    bad(name, "shard format version '" + version + "' is not supported (this aisov reads version " +
                  std::to_string(kShardFormatVersion) + ")");
  }
  const size_t head_end = bytes.find('\n', eol + 1);
  if (head_end == std::string::npos || head_end - eol - 1 > kMaxShardHeaderBytes)
    bad(name, "truncated or corrupt: the header line does not end");
  Json j;
  try {
    j = Json::parse(bytes.begin() + static_cast<std::ptrdiff_t>(eol + 1),
                    bytes.begin() + static_cast<std::ptrdiff_t>(head_end));
  } catch (const nlohmann::json::exception& e) {
    bad(name, std::string("corrupt header (not JSON): ") + e.what());
  }
  header = header_from(j, name);
  return head_end + 1;
}

// The file's size must be the one its header describes.
void check_size(const ShardHeader& h, size_t records_at, uint64_t size, const std::string& name) {
  const uint64_t records = static_cast<uint64_t>(h.last - h.first);
  if (records > kMaxShardBytes / h.record_bytes()) {
    bad(name, "header: draws " + std::to_string(h.first) + ":" + std::to_string(h.last) + " of " +
                  std::to_string(h.record_bytes()) + "-byte records exceed the largest shard (" +
                  std::to_string(kMaxShardBytes >> 30) + " GiB)");
  }
  const uint64_t expected = records_at + records * h.record_bytes() + 8;
  if (size != expected) {
    bad(name, std::string(size < expected ? "truncated" : "too long") + ": " +
                  std::to_string(size) + " bytes, but its header describes draws " +
                  std::to_string(h.first) + ":" + std::to_string(h.last) + " (" +
                  std::to_string(records) + " records of " + std::to_string(h.record_bytes()) +
                  " bytes), " + std::to_string(expected) + " bytes in all");
  }
}

// Opens a shard file and says its size (kNotFound when it cannot).
std::ifstream open_shard(const std::string& path, uint64_t& size) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw core::Failure(ErrorCode::kNotFound, "cannot read shard file " + path + ": a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw core::Failure(ErrorCode::kNotFound, "cannot read shard file " + path + ": cannot open (" +
                                                  std::strerror(errno) + ")");
  }
  in.seekg(0, std::ios::end);
  const auto end = in.tellg();
  in.seekg(0, std::ios::beg);
  if (end < 0) throw core::Failure(ErrorCode::kNotFound, "cannot read shard file " + path);
  size = static_cast<uint64_t>(end);
  if (size > kMaxShardBytes) {
    bad(path, "larger than the largest shard (" + std::to_string(kMaxShardBytes >> 30) + " GiB)");
  }
  return in;
}

}  // namespace

ShardFile parse_shard(std::string bytes, const std::string& name) {
  ShardFile f;
  f.name = name;
  f.records_at = parse_head(bytes, name, f.header);
  const ShardHeader& h = f.header;
  check_size(h, f.records_at, bytes.size(), name);
  const uint64_t stored = load_u64_le(bytes.data() + bytes.size() - 8);
  const uint64_t computed = fnv1a64(std::string_view(bytes.data(), bytes.size() - 8));
  if (stored != computed) {
    char buf[80];
    std::snprintf(buf, sizeof buf, "stored %016llx, computed %016llx",
                  static_cast<unsigned long long>(stored),
                  static_cast<unsigned long long>(computed));
    bad(name, std::string("damaged: the checksum does not match (") + buf + ")");
  }
  f.bytes = std::move(bytes);
  for (int64_t d = h.first; d < h.last; ++d) {
    const auto flags = static_cast<unsigned char>(*f.record(d));
    if (flags > 1) {
      bad(name, "draw " + std::to_string(d) + ": unknown flags " + std::to_string(flags) +
                    " (expected 0 or 1)");
    }
  }
  return f;
}

ShardFile read_shard(const std::string& path) {
  uint64_t size = 0;
  std::ifstream in = open_shard(path, size);
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in.gcount()) != size)
    throw core::Failure(ErrorCode::kIoError, "cannot read shard file " + path + ": read error");
  return parse_shard(std::move(bytes), path);
}

ShardHeader read_shard_header(const std::string& path) {
  uint64_t size = 0;
  std::ifstream in = open_shard(path, size);
  // The start of the file, growing until it holds the magic line and the header line.
  std::string head;
  size_t want = size_t{1} << 16;
  while (true) {
    const size_t have = head.size();
    const size_t n = static_cast<size_t>(std::min<uint64_t>(want, size)) - have;
    head.resize(have + n);
    in.read(head.data() + have, static_cast<std::streamsize>(n));
    head.resize(have + static_cast<size_t>(in.gcount()));
    const size_t eol = head.find('\n');
    if ((eol != std::string::npos && head.find('\n', eol + 1) != std::string::npos) ||
        head.size() >= size || want > kMaxShardHeaderBytes + 64 || !in) {
      break;
    }
    want *= 2;
  }
  ShardHeader h;
  const size_t records_at = parse_head(head, path, h);
  check_size(h, records_at, size, path);
  return h;
}

std::string dataset_hash(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string ext = p.extension().string();
    if (it->is_regular_file(ec) && (ext == ".csv" || ext == ".toml"))
      files.push_back(fs::relative(p, dir, ec).generic_string());
  }
  if (ec) throw core::Failure(ErrorCode::kIoError, "cannot list dataset directory " + dir);
  std::sort(files.begin(), files.end());
  uint64_t h = fnv1a64("");
  for (const auto& rel : files) {
    std::string text, why;
    if (!read_file((fs::path(dir) / rel).string(), text, &why)) {
      throw core::Failure(ErrorCode::kIoError, "cannot read " + rel + " in " + dir + ": " + why);
    }
    h = fnv1a64(rel, h);
    h = fnv1a64(std::string_view("\0", 1), h);
    h = fnv1a64(std::to_string(text.size()), h);
    h = fnv1a64(std::string_view("\0", 1), h);
    h = fnv1a64(text, h);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace aisov::io
