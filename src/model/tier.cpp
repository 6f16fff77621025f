#include "model/tier.hpp"

#include <vector>

#include "core/strings.hpp"

namespace aisov::model {

namespace {
std::string n(double v) { return core::format_number(v); }

std::vector<std::string> failures(const Accelerator& a, const TierRule& r) {
  std::vector<std::string> why;
  if (a.memory_type != MemoryType::kHbm) why.push_back("memory is not HBM");
  if (a.fp16_tflops && *a.fp16_tflops < r.min_fp16_tflops) {
    why.push_back("dense 16-bit " + n(*a.fp16_tflops) + " < " + n(r.min_fp16_tflops) + " TFLOP/s");
  }
  if (a.memory_gb && *a.memory_gb < r.min_memory_gb) {
    why.push_back("memory " + n(*a.memory_gb) + " < " + n(r.min_memory_gb) + " GB");
  }
  if (a.interconnect_gbs) {
    if (*a.interconnect_gbs < r.min_interconnect_gbs) {
      why.push_back("scale-up interconnect " + n(*a.interconnect_gbs) + " < " +
                    n(r.min_interconnect_gbs) + " GB/s");
    }
  } else if (!a.memory_bw_gbs || *a.memory_bw_gbs < r.min_memory_bw_gbs) {
    why.push_back("interconnect unknown and memory bandwidth " +
                  (a.memory_bw_gbs ? n(*a.memory_bw_gbs) : std::string("unknown")) + " < " +
                  n(r.min_memory_bw_gbs) + " GB/s");
  }
  return why;
}
}  // namespace

Tier classify_tier(const Accelerator& a, const TierRule& rule) {
  return failures(a, rule).empty() ? Tier::kTraining : Tier::kInference;
}

std::string explain_tier(const Accelerator& a, const TierRule& rule) {
  auto why = failures(a, rule);
  return why.empty() ? "meets every training condition" : core::join(why, "; ");
}

const char* tier_name(Tier t) { return t == Tier::kTraining ? "training" : "inference"; }

}  // namespace aisov::model
