#pragma once
// The rule that sorts accelerators into training-relevant and inference-relevant tiers.
#include <string>

#include "model/dataset.hpp"

namespace aisov::model {

/// Thresholds of the tier rule (docs/methodology.md §Accelerator tiers). A chip is
/// training-relevant when its memory is HBM, its dense 16-bit throughput and memory size reach
/// the minimums (a value not found in any source does not disqualify), and it has a scale-up
/// path: chip-to-chip bandwidth at least min_interconnect_gbs, or — when that figure is
/// unknown — memory bandwidth at least min_memory_bw_gbs.
struct TierRule {
  double min_fp16_tflops = 100;
  double min_memory_gb = 16;
  double min_interconnect_gbs = 250;
  double min_memory_bw_gbs = 600;
};

/// Training-relevant iff every condition of the rule holds.
Tier classify_tier(const Accelerator& a, const TierRule& rule = TierRule{});
/// Why an accelerator is in its tier, in words (e.g. "memory is not HBM").
std::string explain_tier(const Accelerator& a, const TierRule& rule = TierRule{});
const char* tier_name(Tier t);

}  // namespace aisov::model
