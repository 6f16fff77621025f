// libFuzzer target: the optimiser's TOML file (optimise::parse_spec) over the compiled default
// parameters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "optimise/optimiser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<aisov::io::Problem> problems;
  const auto spec = aisov::optimise::parse_spec(text, "fuzz.toml", problems);
  (void)aisov::io::problem_lines(problems);
  (void)spec;
  return 0;
}
