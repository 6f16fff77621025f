#pragma once
// Scenario shard files: the per-draw outputs of draws [first, last) of a scenario run, so that
// shards run apart (a Slurm array) merge into exactly the single run's result. Format, version 1
// (docs/scenarios.md, "Shard files"):
//   line 1   `AISOV-SCENARIO-SHARD 1` — magic and format version (ASCII, LF)
//   line 2   the header: one JSON object on one line (LF), see ShardHeader
//   records  one per draw, first … last − 1, each record_bytes() long, packed, little-endian:
//            u8 flags (1 = a shock was on, 0 = none), f32 values[columns],
//            then f32 baselines[columns] ("simulated") or f64 growth[growth_factors] ("growth")
//   trailer  u64 little-endian: FNV-1a 64 of every byte before it
// Plain data only (no domain types): the engine fills and checks the meaning.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace aisov::io {

inline constexpr std::string_view kShardMagic = "AISOV-SCENARIO-SHARD";
inline constexpr int kShardFormatVersion = 1;
/// The largest header line read (the scenario's text is in it).
inline constexpr size_t kMaxShardHeaderBytes = size_t{64} << 20;
/// The largest shard file read.
inline constexpr uint64_t kMaxShardBytes = uint64_t{64} << 30;

/// One stored column: a report unit (ISO3 code or bloc id), year and measure.
struct ShardColumn {
  std::string code;
  int year = 0;
  std::string measure;  ///< "territorial", "sovereign" or "accessible"
  bool operator==(const ShardColumn&) const = default;
};

/// The header of a shard file. Everything a merge checks, and what a reader needs to interpret
/// the records.
struct ShardHeader {
  std::string engine_version;
  int random_scheme = 0;
  std::string dataset_version, dataset_hash, as_of;
  std::string scenario_name, scenario_file, scenario_hash;
  std::string scenario_format;  ///< "toml" or "json"
  std::string scenario_text;    ///< the scenario itself: a merge needs no scenario file
  uint64_t seed = 0;
  int64_t draws = 0;                   ///< draws of the whole run
  int64_t first = 0, last = 0;         ///< this shard: draws [first, last)
  std::vector<std::string> economies;  ///< the run's --economies (empty = the default report)
  std::vector<int> years;              ///< the run's --years (empty = every year)
  std::string baseline;                ///< "fixed", "growth" or "simulated"
  int64_t growth_factors = 0;  ///< "growth": f^0 … f^(horizon − start year) per draw; else 0
  std::vector<ShardColumn> columns;
  /// "fixed": each column's baseline (H100e); "growth": each column's baseline at factor 1;
  /// "simulated": empty.
  std::vector<double> column_baselines;

  /// Bytes of one record.
  uint64_t record_bytes() const;
};

/// Writes a shard file atomically (a temporary file beside it, then rename): the magic line,
/// the header, the records of draws first … last − 1 (`record(d, out)` fills record_bytes()
/// bytes of draw d) and the checksum. Returns an error message, or empty on success.
std::string write_shard(const std::string& path, const ShardHeader& header,
                        const std::function<void(int64_t, char*)>& record);

/// A shard file read back and checked (magic, version, header, size, checksum).
struct ShardFile {
  std::string name;  ///< the path, for messages
  ShardHeader header;
  std::string bytes;      ///< the whole file
  size_t records_at = 0;  ///< offset of draw `first`'s record
  /// Draw d's record (first ≤ d < last).
  const char* record(int64_t d) const {
    return bytes.data() + records_at +
           static_cast<size_t>(d - header.first) * static_cast<size_t>(header.record_bytes());
  }
};

/// Parses a shard file's bytes. Throws core::Failure(kInvalidInput) with `name` and what was
/// expected for anything wrong: not a shard file, an unknown format version, a malformed
/// header, a truncated or overlong file, a checksum mismatch, a record with unknown flags.
ShardFile parse_shard(std::string bytes, const std::string& name);
/// Reads and parses a shard file; an unreadable file is kNotFound.
ShardFile read_shard(const std::string& path);
/// Reads only a shard file's header and checks the file's size against it (not the checksum:
/// read_shard does that).
ShardHeader read_shard_header(const std::string& path);

/// FNV-1a 64 of bytes (the shard checksum).
uint64_t fnv1a64(std::string_view bytes, uint64_t h = 14695981039346656037ULL);

/// Fingerprint of a dataset directory: FNV-1a 64 (16 hex digits) of the relative path, size and
/// contents of every .csv and .toml file in it, in path order. Throws kIoError when unreadable.
std::string dataset_hash(const std::string& dir);

/// Little-endian encoding of the records' numbers.
void store_u64_le(char* out, uint64_t v);
uint64_t load_u64_le(const char* in);
void store_f32_le(char* out, float v);
float load_f32_le(const char* in);
void store_f64_le(char* out, double v);
double load_f64_le(const char* in);

}  // namespace aisov::io
