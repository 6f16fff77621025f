#include <gtest/gtest.h>

#include "aisov/engine.hpp"
#include "model/tier.hpp"

using namespace aisov::model;

namespace {
Accelerator chip(double fp16, double mem, MemoryType mt, std::optional<double> ic,
                 std::optional<double> bw) {
  Accelerator a;
  a.fp16_tflops = fp16;
  a.memory_gb = mem;
  a.memory_type = mt;
  a.interconnect_gbs = ic;
  a.memory_bw_gbs = bw;
  return a;
}
}  // namespace

TEST(Tier, RuleOnPublishedSpecs) {
  // Figures from vendor datasheets (dense 16-bit TFLOP/s, GB, scale-up GB/s).
  EXPECT_EQ(classify_tier(chip(989.4, 80, MemoryType::kHbm, 900, 3350)),
            Tier::kTraining);  // H100 SXM
  EXPECT_EQ(classify_tier(chip(312, 40, MemoryType::kHbm, 600, 1555)), Tier::kTraining);  // A100
  EXPECT_EQ(classify_tier(chip(65, 16, MemoryType::kGddr, 0, 320)), Tier::kInference);    // T4
  EXPECT_EQ(classify_tier(chip(121, 24, MemoryType::kGddr, 0, 300)), Tier::kInference);   // L4
  EXPECT_EQ(classify_tier(chip(362, 48, MemoryType::kGddr, 0, 864)), Tier::kInference);   // L40S
  // Trainium and Inferentia2 share compute and memory; the scale-up link separates them.
  EXPECT_EQ(classify_tier(chip(190, 32, MemoryType::kHbm, 384, 820)), Tier::kTraining);
  EXPECT_EQ(classify_tier(chip(190, 32, MemoryType::kHbm, 192, 820)), Tier::kInference);
}

TEST(Tier, UnknownInterconnectFallsBackOnMemoryBandwidth) {
  EXPECT_EQ(classify_tier(chip(275, 32, MemoryType::kHbm, std::nullopt, 1200)), Tier::kTraining);
  EXPECT_EQ(classify_tier(chip(275, 32, MemoryType::kHbm, std::nullopt, 500)), Tier::kInference);
  EXPECT_EQ(classify_tier(chip(275, 32, MemoryType::kHbm, std::nullopt, std::nullopt)),
            Tier::kInference);
}

TEST(Tier, ThresholdsAreInclusive) {
  TierRule r;
  EXPECT_EQ(
      classify_tier(
          chip(r.min_fp16_tflops, r.min_memory_gb, MemoryType::kHbm, r.min_interconnect_gbs, 0), r),
      Tier::kTraining);
  EXPECT_EQ(classify_tier(chip(r.min_fp16_tflops - 0.1, r.min_memory_gb, MemoryType::kHbm,
                               r.min_interconnect_gbs, 0),
                          r),
            Tier::kInference);
  EXPECT_NE(explain_tier(chip(65, 16, MemoryType::kGddr, 0, 320)).find("not HBM"),
            std::string::npos);
}

TEST(Tier, BundledTableMatchesTheReferenceExamples) {
  // PRODUCT.md names these as training-relevant and inference-relevant examples.
  auto engine = aisov::Engine::open({});
  ASSERT_TRUE(engine) << engine.error().message;
  const auto& ds = engine.value().dataset();
  for (const char* id :
       {"nvidia-a100-40gb", "nvidia-h100-sxm", "nvidia-h200", "nvidia-b200", "amd-mi300x",
        "google-tpu-v4", "google-tpu-v5p", "aws-trainium", "aws-trainium2", "huawei-ascend-910"}) {
    Id a = ds.find_accel(id);
    ASSERT_NE(a, kNone) << id;
    EXPECT_EQ(ds.accelerators[a].tier, Tier::kTraining)
        << id << ": " << explain_tier(ds.accelerators[a]);
  }
  for (const char* id : {"nvidia-t4", "nvidia-a10", "nvidia-a10g", "nvidia-l4", "aws-inferentia",
                         "aws-inferentia2"}) {
    Id a = ds.find_accel(id);
    ASSERT_NE(a, kNone) << id;
    EXPECT_EQ(ds.accelerators[a].tier, Tier::kInference) << id;
  }
}
