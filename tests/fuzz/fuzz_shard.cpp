// libFuzzer target: scenario shard files (io::parse_shard), the input of `aisov scenario merge`.
// Each input is parsed as it is, and again with its last 8 bytes replaced by the checksum of the
// rest, so that mutations reach past the checksum into the header and the records. A file that
// parses is merged on the tiny fixture (Engine::scenario_merge: the header's scenario rebuilt and
// checked, every record imported) and the result rendered.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/failure.hpp"
#include "fuzz_support.hpp"
#include "io/shard.hpp"

namespace {

void attempt(const std::string& bytes) {
  try {
    (void)aisov::io::parse_shard(bytes, "fuzz.shard");
  } catch (const aisov::core::Failure&) {
    return;
  }
  const auto path = aisov::fuzz::scratch_dir() / "input.shard";
  aisov::fuzz::write_file(path, bytes.data(), bytes.size());
  aisov::ScenarioMergeRequest req;
  req.shards = {path.string()};
  req.threads = 1;
  const auto merged = aisov::fuzz::tiny_engine().scenario_merge(req);
  if (merged.ok()) (void)aisov::render(merged.value(), aisov::Format::kCsv);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  attempt(bytes);
  if (size >= 8) {
    aisov::io::store_u64_le(bytes.data() + size - 8,
                            aisov::io::fnv1a64(std::string_view(bytes.data(), size - 8)));
    attempt(bytes);
  }
  return 0;
}
