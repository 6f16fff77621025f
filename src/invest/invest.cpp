#include "invest/invest.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/failure.hpp"
#include "core/random.hpp"
#include "core/stats.hpp"
#include "core/strings.hpp"

namespace aisov::invest {

using model::Dataset;
using model::Id;
using model::kNone;

namespace {

const char* const kBuilder = "ecosystem_builder";
const char* const kSelective = "selective_player";
const char* const kAdoption = "adoption_accelerator";
const char* const kEmerging = "emerging_collaborator";

// The six value-chain elements in position order.
std::vector<Id> elements(const Dataset& ds) {
  std::vector<Id> out;
  for (size_t i = 0; i < ds.value_chain_elements.size(); ++i)
    if (ds.value_chain_elements[i].kind == "element") out.push_back(static_cast<Id>(i));
  std::sort(out.begin(), out.end(), [&](Id a, Id b) {
    return ds.value_chain_elements[a].position < ds.value_chain_elements[b].position;
  });
  return out;
}

const model::GlobalInvestment* global_row(const Dataset& ds, Id element, const std::string& metric,
                                          int year_from = 0) {
  for (const auto& g : ds.investment_global)
    if (g.element == element && g.metric == metric && (year_from == 0 || g.year_from == year_from))
      return &g;
  return nullptr;
}

// Global cumulative 2010–2024 investment per element (low, high) and the total of midpoints.
struct Global {
  std::vector<Id> ids;
  std::vector<double> low, high, mid;
  double total_mid = 0;
  /// Per element: Σ of the midpoints of the share_of_global evidence rows (0–1), the part of
  /// the element's global total that evidence attributes to named economies (§13.2).
  std::vector<double> attributed;
};

Global global(const Dataset& ds) {
  Global g;
  g.ids = elements(ds);
  for (Id e : g.ids) {
    const auto* r = global_row(ds, e, "cumulative_usd");
    if (!r) {
      throw core::Failure(ErrorCode::kInvalidInput,
                          "investment_global: no cumulative_usd row for element '" +
                              ds.value_chain_elements[e].element_id + "'");
    }
    g.low.push_back(r->low);
    g.high.push_back(r->high);
    g.mid.push_back((r->low + r->high) / 2);
    g.total_mid += g.mid.back();
    double a = 0;
    for (const auto& x : ds.investment_economy)
      if (x.metric == "share_of_global" && x.element == e) a += (x.low + x.high) / 2 / 100;
    g.attributed.push_back(a);
  }
  if (g.ids.empty() || g.total_mid <= 0)
    throw core::Failure(ErrorCode::kInvalidInput, "the dataset has no value-chain investment");
  return g;
}

const model::EconomyInvestment* economy_row(const Dataset& ds, Id economy, Id bloc,
                                            const std::string& code, Id element) {
  for (const auto& r : ds.investment_economy) {
    if (r.metric != "pct_gdp" || r.element != element) continue;
    if (economy != kNone && r.economy == economy) return &r;
    if (bloc != kNone && r.bloc == bloc) return &r;
    if (!code.empty() && r.code == code) return &r;
  }
  return nullptr;
}

std::string source_of(const Dataset& ds, Id s) {
  return s == kNone ? std::string() : ds.sources[s].source_id;
}

// An economy's evidence for one element: its share of the element's global total (§13.2).
const model::EconomyInvestment* share_row(const Dataset& ds, Id economy, Id element) {
  for (const auto& r : ds.investment_economy)
    if (r.metric == "share_of_global" && r.economy == economy && r.element == element) return &r;
  return nullptr;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

bool applies_to(const Dataset& ds, const model::Programme& p, Id economy, Id bloc, int day) {
  if (economy == kNone && bloc == kNone) return true;
  if (economy != kNone) {
    if (p.economy == economy) return true;
    return p.bloc != kNone && ds.in_bloc(economy, p.bloc, day);
  }
  if (p.bloc == bloc) return true;
  return p.economy != kNone && ds.in_bloc(p.economy, bloc, day);
}

InvestProgrammeRow programme_row(const Dataset& ds, const model::Programme& p) {
  InvestProgrammeRow r;
  r.programme_id = p.programme_id;
  r.name = p.name;
  r.sponsor = p.sponsor;
  r.economy = p.economy_code;
  r.kind = p.kind;
  r.currency = p.currency;
  r.part_of = p.part_of == kNone ? "" : ds.programmes[p.part_of].programme_id;
  r.notes = p.notes;
  std::vector<std::string> src;
  for (Id s : p.sources) src.push_back(source_of(ds, s));
  r.source_id = core::join(src, ";");
  r.amount_low = p.amount_low;
  r.amount_high = p.amount_high;
  if (p.amount_low && p.amount_high && !p.currency.empty()) {
    const double rate = usd_per_unit(ds, p.currency);
    r.amount_usd_low = *p.amount_low * rate;
    r.amount_usd_high = *p.amount_high * rate;
  }
  r.year_from = p.year_from;
  r.year_to = p.year_to;
  for (Id e : p.elements) r.elements.push_back(ds.value_chain_elements[e].element_id);
  return r;
}

// Archetype of a profile and the gaps and conditions to the next one (§13.4).
void classify(const Global& g, const InvestParams& params, double threshold,
              InvestEconomyProfile& p) {
  const bool north = p.compute_class == "north";
  const bool hosts = north || p.compute_class == "south";
  const double pct_mid = (p.pct_gdp_low + p.pct_gdp_high) / 2;
  const double share_mid = (p.share_of_global_low + p.share_of_global_high) / 2;
  const bool broad = p.breadth >= params.builder_min_elements;
  const bool large = share_mid >= params.builder_min_total_share;
  if (broad && large && north) {
    p.archetype = kBuilder;
  } else if (pct_mid > threshold || p.breadth >= 1) {
    p.archetype = kSelective;
  } else if (hosts) {
    p.archetype = kAdoption;
  } else {
    p.archetype = kEmerging;
  }
  for (auto& e : p.elements) e.gap_usd = e.gap_pct_gdp = 0;
  p.unmet.clear();
  auto pct = [](double x) { return core::format_number(std::round(x * 1e4) / 1e4); };
  if (p.archetype == kEmerging) {
    p.next_archetype = kAdoption;
    p.unmet.push_back("host AI compute in the territory (census class north or south)");
  } else if (p.archetype == kAdoption) {
    p.next_archetype = kSelective;
    const double need = std::max(0.0, threshold - pct_mid);
    p.unmet.push_back("cumulative investment above " + pct(threshold) + " % of GDP (now " +
                      pct(pct_mid) + " %) or one element at the peer median");
    // The depth shortfall, spread like the economy's own split.
    for (auto& e : p.elements) {
      e.gap_pct_gdp = need * e.split;
      e.gap_usd = e.gap_pct_gdp / 100 * p.gdp_usd;
    }
  } else if (p.archetype == kSelective) {
    p.next_archetype = kBuilder;
    if (!broad) {
      p.unmet.push_back("strengths in " + std::to_string(params.builder_min_elements) +
                        " elements (now " + std::to_string(p.breadth) + ")");
    }
    if (!large) {
      p.unmet.push_back("at least " + core::format_number(params.builder_min_total_share * 100) +
                        " % of global cumulative investment (now " + pct(share_mid * 100) + " %)");
    }
    if (!north) p.unmet.push_back("host training-capable compute (census class north)");
    for (size_t k = 0; k < p.elements.size(); ++k) {
      auto& e = p.elements[k];
      const double mid = (e.usd_low + e.usd_high) / 2;
      e.gap_usd = std::max(0.0, params.builder_min_element_share * g.mid[k] - mid);
      e.gap_pct_gdp = p.gdp_usd > 0 ? e.gap_usd / p.gdp_usd * 100 : 0;
    }
  } else {
    p.next_archetype = "";
  }
}

// The element split of an economy whose totals (low, high) are set (§13.2). An element with
// its own share_of_global row takes that share of the element's global total; infrastructure
// without a row takes the economy's share of world hosted H100e; the rest take the global mix
// of the economy's total, capped at the part of the element's global total no evidence row
// attributes. The amounts are then scaled to the economy's total (published, bloc), or — for
// a modelled economy with at least one evidence row — they set the total.
void split(const Dataset& ds, const Global& g, const CensusLink& link, Id economy,
           InvestEconomyProfile& p) {
  const size_t n = g.ids.size();
  std::vector<double> ulo(n), uhi(n), umid(n);
  p.elements.assign(n, InvestElementEstimate{});
  bool own_rows = false;
  for (size_t k = 0; k < n; ++k) {
    const auto& el = ds.value_chain_elements[g.ids[k]];
    auto& e = p.elements[k];
    e.element = el.element_id;
    e.name = el.name;
    const double s = g.mid[k] / g.total_mid;
    const auto* row = economy == kNone ? nullptr : share_row(ds, economy, g.ids[k]);
    const bool census = economy != kNone && el.element_id == "infrastructure" &&
                        static_cast<size_t>(economy) < link.h100e.size() &&
                        link.h100e[economy] > 0 && link.world_h100e > 0;
    if (row) {
      own_rows = true;
      ulo[k] = row->low / 100 * g.mid[k];
      uhi[k] = row->high / 100 * g.mid[k];
      e.estimate_kind = row->estimate_kind;
      e.evidence_source = source_of(ds, row->source);
    } else if (census) {
      ulo[k] = uhi[k] = link.h100e[economy] / link.world_h100e * g.mid[k];
      e.estimate_kind = "derived";
      e.evidence_source = "census";
    } else {
      const double cap = std::max(0.0, 1 - g.attributed[k]) * g.mid[k];
      ulo[k] = std::min(s * p.total_usd_low, cap);
      uhi[k] = std::min(s * p.total_usd_high, cap);
      e.estimate_kind = "modelled";
    }
    umid[k] = (ulo[k] + uhi[k]) / 2;
  }
  double sum_mid = 0, sum_lo = 0, sum_hi = 0;
  for (size_t k = 0; k < n; ++k) {
    sum_mid += umid[k];
    sum_lo += ulo[k];
    sum_hi += uhi[k];
  }
  if (own_rows && p.estimate_kind == "modelled") {
    p.estimate_kind = "derived";
    p.total_usd_low = sum_lo;
    p.total_usd_high = sum_hi;
    p.pct_gdp_low = sum_lo / p.gdp_usd * 100;
    p.pct_gdp_high = sum_hi / p.gdp_usd * 100;
  }
  for (size_t k = 0; k < n; ++k)
    p.elements[k].split = sum_mid > 0 ? umid[k] / sum_mid : g.mid[k] / g.total_mid;
}

// Fills the USD, % of GDP and shares of the elements from their splits.
void fill_elements(const Global& g, InvestEconomyProfile& p) {
  p.share_of_global_low = p.total_usd_low / g.total_mid;
  p.share_of_global_high = p.total_usd_high / g.total_mid;
  for (size_t k = 0; k < p.elements.size(); ++k) {
    auto& e = p.elements[k];
    e.usd_low = p.total_usd_low * e.split;
    e.usd_high = p.total_usd_high * e.split;
    e.pct_gdp_low = p.gdp_usd > 0 ? e.usd_low / p.gdp_usd * 100 : 0;
    e.pct_gdp_high = p.gdp_usd > 0 ? e.usd_high / p.gdp_usd * 100 : 0;
    e.share_of_global_low = e.usd_low / g.mid[k];
    e.share_of_global_high = e.usd_high / g.mid[k];
  }
}

// Totals and element split of an economy, without programmes, strengths or archetype.
InvestEconomyProfile base_profile(const Dataset& ds, const Global& g, const CensusLink& link,
                                  Id economy, int day) {
  const auto& econ = ds.economies[economy];
  InvestEconomyProfile p;
  p.code = econ.iso3;
  p.name = econ.name;
  if (econ.gdp_usd.year == 0 || econ.gdp_usd.value <= 0) {
    throw core::Failure(ErrorCode::kNotFound, "no GDP indicator for " + econ.iso3 +
                                                  ": its investment cannot be estimated");
  }
  p.gdp_usd = econ.gdp_usd.value;
  p.gdp_year = econ.gdp_usd.year;
  const model::EconomyInvestment* row = economy_row(ds, economy, kNone, "", kNone);
  p.estimate_kind = "published";
  if (!row) {
    for (Id m : ds.blocs_by_economy[economy]) {
      const auto& bm = ds.bloc_members[m];
      if (!bm.active_on(day)) continue;
      if ((row = economy_row(ds, kNone, bm.bloc, "", kNone))) break;
    }
    p.estimate_kind = "bloc";
  }
  if (!row) {
    row = economy_row(ds, kNone, kNone, "rest_of_world", kNone);
    p.estimate_kind = "modelled";
  }
  if (!row) selective_threshold(ds);  // throws the missing-benchmark error
  if (row->estimate_kind == "modelled") p.estimate_kind = "modelled";
  p.basis = row->code;
  p.source_id = source_of(ds, row->source);
  p.pct_gdp_low = row->low;
  p.pct_gdp_high = row->high;
  p.total_usd_low = row->low / 100 * p.gdp_usd;
  p.total_usd_high = row->high / 100 * p.gdp_usd;
  if (static_cast<size_t>(economy) < link.h100e.size()) {
    p.hosted_h100e = link.h100e[economy];
    p.facility_investment_usd = link.facility_investment[economy];
    p.compute_class = link.compute_class[economy];
  }
  split(ds, g, link, economy, p);
  fill_elements(g, p);
  return p;
}

// Peers: economies with their own published pct_gdp row for all elements and a GDP.
std::vector<Id> peer_ids(const Dataset& ds) {
  std::vector<Id> out;
  for (const auto& r : ds.investment_economy) {
    if (r.metric != "pct_gdp" || r.element != kNone || r.economy == kNone) continue;
    if (r.estimate_kind != "published") continue;
    const auto& econ = ds.economies[r.economy];
    if (econ.gdp_usd.year == 0 || econ.gdp_usd.value <= 0) continue;
    out.push_back(r.economy);
  }
  return out;
}

// Median over the peers of the % of GDP (midpoint) in each element.
std::vector<double> peer_medians(const Dataset& ds, const Global& g, const CensusLink& link,
                                 int day) {
  std::vector<std::vector<double>> v(g.ids.size());
  for (Id e : peer_ids(ds)) {
    const auto p = base_profile(ds, g, link, e, day);
    for (size_t k = 0; k < g.ids.size(); ++k)
      v[k].push_back((p.elements[k].pct_gdp_low + p.elements[k].pct_gdp_high) / 2);
  }
  std::vector<double> out;
  for (auto& x : v) out.push_back(median(x));
  return out;
}

// Strengths, breadth, lead element, programmes and the census link of a profile whose
// elements are set.
void finish(const Dataset& ds, const Global& g, const InvestParams& params,
            const std::vector<double>& medians, Id economy, Id bloc, int day,
            InvestEconomyProfile& p) {
  p.breadth = 0;
  p.strengths.clear();
  p.lead_element.clear();
  p.lead_ratio = 0;
  bool evidence = false;
  for (size_t k = 0; k < p.elements.size(); ++k) {
    auto& e = p.elements[k];
    e.peer_median_pct_gdp = k < medians.size() ? medians[k] : 0;
    const double share = (e.share_of_global_low + e.share_of_global_high) / 2;
    const double pct = (e.pct_gdp_low + e.pct_gdp_high) / 2;
    // Scale counts whatever the split's basis; intensity only where the economy has its own
    // evidence (a modelled element follows the global mix by assumption and says nothing
    // about the economy's specialisation).
    e.strength = share >= params.builder_min_element_share ||
                 (e.estimate_kind != "modelled" && e.peer_median_pct_gdp > 0 &&
                  pct >= e.peer_median_pct_gdp);
    if (e.strength) {
      ++p.breadth;
      p.strengths.push_back(e.element);
    }
    evidence = evidence || e.estimate_kind != "modelled";
  }
  if (evidence) {
    // The lead is an evidenced element whose split exceeds its global-mix share the most.
    for (size_t k = 0; k < p.elements.size(); ++k) {
      if (p.elements[k].estimate_kind == "modelled") continue;
      const double ratio = p.elements[k].split / (g.mid[k] / g.total_mid);
      if (ratio > 1 && ratio > p.lead_ratio + 1e-12) {
        p.lead_ratio = ratio;
        p.lead_element = p.elements[k].element;
      }
    }
  }
  std::set<std::string> covered;
  for (const auto& prog : ds.programmes) {
    if (!applies_to(ds, prog, economy, bloc, day)) continue;
    p.programmes.push_back(programme_row(ds, prog));
    for (Id e : prog.elements) covered.insert(ds.value_chain_elements[e].element_id);
  }
  for (Id e : g.ids)
    if (covered.count(ds.value_chain_elements[e].element_id))
      p.programme_elements.push_back(ds.value_chain_elements[e].element_id);
  // Census link: infrastructure investment per hosted H100e.
  if (p.hosted_h100e > 0) {
    for (const auto& e : p.elements) {
      if (e.element != "infrastructure") continue;
      p.infra_usd_per_h100e_low = e.usd_low / p.hosted_h100e;
      p.infra_usd_per_h100e_high = e.usd_high / p.hosted_h100e;
    }
    if (p.facility_investment_usd > 0)
      p.facility_usd_per_h100e = p.facility_investment_usd / p.hosted_h100e;
  }
}

InvestEconomyProfile profile_with(const Dataset& ds, const Global& g, const CensusLink& link,
                                  const std::vector<double>& medians, Id economy,
                                  const InvestParams& params, double threshold, int day) {
  InvestEconomyProfile p = base_profile(ds, g, link, economy, day);
  finish(ds, g, params, medians, economy, kNone, day, p);
  classify(g, params, threshold, p);
  return p;
}

}  // namespace

double selective_threshold(const Dataset& ds) {
  const auto* r = economy_row(ds, kNone, kNone, "rest_of_world", kNone);
  if (!r)
    throw core::Failure(ErrorCode::kInvalidInput,
                        "investment_economy: no rest_of_world pct_gdp row (the benchmark for "
                        "economies the sources do not cover)");
  return (r->low + r->high) / 2;
}

int fx_year(const Dataset& ds) {
  int y = 0;
  for (const auto& f : ds.fx_rates) y = std::max(y, f.year);
  return y;
}

double usd_per_unit(const Dataset& ds, const std::string& currency, int* year) {
  const model::FxRate* best = nullptr;
  for (const auto& f : ds.fx_rates)
    if (f.currency == currency && (!best || f.year > best->year)) best = &f;
  if (!best)
    throw core::Failure(ErrorCode::kInvalidArgument, "unknown currency '" + currency + "'");
  if (year) *year = best->year;
  return best->usd_per_unit;
}

InvestEconomyProfile economy_profile(const Dataset& ds, const CensusLink& link, Id economy,
                                     const InvestParams& params, int day) {
  const Global g = global(ds);
  const double threshold = selective_threshold(ds);
  return profile_with(ds, g, link, peer_medians(ds, g, link, day), economy, params, threshold, day);
}

InvestEconomyProfile bloc_profile(const Dataset& ds, const CensusLink& link, Id bloc,
                                  const InvestParams& params, int day) {
  const Global g = global(ds);
  InvestEconomyProfile p;
  p.code = ds.blocs[bloc].bloc_id;
  p.name = ds.blocs[bloc].name;
  p.estimate_kind = "aggregate";
  p.basis = "members";
  std::set<Id> members;
  for (Id m : ds.members_by_bloc[bloc])
    if (ds.bloc_members[m].active_on(day)) members.insert(ds.bloc_members[m].economy);
  // Element sums over the members (midpoint basis for the split).
  std::vector<double> el_mid(g.ids.size(), 0);
  std::vector<bool> derived(g.ids.size(), false);
  for (Id e : members) {
    const auto& econ = ds.economies[e];
    if (econ.gdp_usd.year == 0 || econ.gdp_usd.value <= 0) continue;
    InvestEconomyProfile m = base_profile(ds, g, link, e, day);
    p.gdp_usd += m.gdp_usd;
    p.gdp_year = std::max(p.gdp_year, m.gdp_year);
    p.total_usd_low += m.total_usd_low;
    p.total_usd_high += m.total_usd_high;
    p.hosted_h100e += m.hosted_h100e;
    p.facility_investment_usd += m.facility_investment_usd;
    for (size_t k = 0; k < g.ids.size(); ++k) {
      el_mid[k] += (m.elements[k].usd_low + m.elements[k].usd_high) / 2;
      derived[k] = derived[k] || m.elements[k].estimate_kind != "modelled";
    }
  }
  if (p.gdp_usd <= 0)
    throw core::Failure(ErrorCode::kNotFound, "no member of bloc '" + p.code + "' has a GDP");
  p.pct_gdp_low = p.total_usd_low / p.gdp_usd * 100;
  p.pct_gdp_high = p.total_usd_high / p.gdp_usd * 100;
  double sum = 0;
  for (double x : el_mid) sum += x;
  p.elements.assign(g.ids.size(), InvestElementEstimate{});
  for (size_t k = 0; k < g.ids.size(); ++k) {
    auto& e = p.elements[k];
    e.element = ds.value_chain_elements[g.ids[k]].element_id;
    e.name = ds.value_chain_elements[g.ids[k]].name;
    e.split = sum > 0 ? el_mid[k] / sum : g.mid[k] / g.total_mid;
    e.estimate_kind = derived[k] ? "derived" : "modelled";
    e.evidence_source = derived[k] ? "members" : "";
  }
  fill_elements(g, p);
  finish(ds, g, params, peer_medians(ds, g, link, day), kNone, bloc, day, p);
  return p;
}

InvestArchetypesResult archetypes(const Dataset& ds, const CensusLink& link,
                                  const InvestParams& params, int day) {
  InvestArchetypesResult res;
  res.params = params;
  res.selective_threshold_pct = selective_threshold(ds);
  const Global g = global(ds);
  const std::vector<double> medians = peer_medians(ds, g, link, day);
  for (size_t k = 0; k < g.ids.size(); ++k)
    res.peer_median_pct_gdp.emplace_back(ds.value_chain_elements[g.ids[k]].element_id, medians[k]);
  for (Id e : peer_ids(ds)) res.peers.push_back(ds.economies[e].iso3);
  const char* order[] = {kBuilder, kSelective, kAdoption, kEmerging};
  for (size_t e = 0; e < ds.economies.size(); ++e) {
    const auto& econ = ds.economies[e];
    if (econ.gdp_usd.year == 0 || econ.gdp_usd.value <= 0) continue;
    InvestEconomyProfile p = profile_with(ds, g, link, medians, static_cast<Id>(e), params,
                                          res.selective_threshold_pct, day);
    InvestArchetypeRow r;
    r.iso3 = p.code;
    r.name = p.name;
    r.archetype = p.archetype;
    r.next_archetype = p.next_archetype;
    r.estimate_kind = p.estimate_kind;
    r.compute_class = p.compute_class;
    r.pct_gdp_mid = (p.pct_gdp_low + p.pct_gdp_high) / 2;
    r.share_of_global_mid = (p.share_of_global_low + p.share_of_global_high) / 2;
    r.total_usd_mid = (p.total_usd_low + p.total_usd_high) / 2;
    r.breadth = p.breadth;
    r.unmet = p.unmet;
    r.strengths = p.strengths;
    r.lead_element = p.lead_element;
    r.lead_ratio = p.lead_ratio;
    std::vector<double> gaps;
    for (const auto& el : p.elements) gaps.push_back(el.gap_usd);
    if (p.archetype == kSelective) {
      // The cheapest route: the smallest gaps of as many elements as the rule needs.
      std::sort(gaps.begin(), gaps.end());
      gaps.resize(
          std::min(gaps.size(), static_cast<size_t>(std::max(0, params.builder_min_elements))));
    }
    for (double x : gaps) r.gap_usd += x;
    res.rows.push_back(r);
  }
  auto rank = [&](const std::string& a) {
    for (int i = 0; i < 4; ++i)
      if (a == order[i]) return i;
    return 4;
  };
  std::sort(res.rows.begin(), res.rows.end(), [&](const auto& a, const auto& b) {
    if (rank(a.archetype) != rank(b.archetype)) return rank(a.archetype) < rank(b.archetype);
    if (a.total_usd_mid != b.total_usd_mid) return a.total_usd_mid > b.total_usd_mid;
    return a.iso3 < b.iso3;
  });
  for (const char* a : order) {
    int n = 0;
    for (const auto& r : res.rows) n += r.archetype == a;
    res.counts.emplace_back(a, n);
  }
  return res;
}

std::vector<InvestProgrammeRow> programmes(const Dataset& ds, Id economy, Id bloc, int day) {
  std::vector<InvestProgrammeRow> out;
  for (const auto& p : ds.programmes)
    if (applies_to(ds, p, economy, bloc, day)) out.push_back(programme_row(ds, p));
  return out;
}

double world_usd_per_h100e(const Dataset& ds, const CensusLink& link) {
  const Global g = global(ds);
  if (link.world_h100e <= 0) return 0;
  for (size_t k = 0; k < g.ids.size(); ++k)
    if (ds.value_chain_elements[g.ids[k]].element_id == "infrastructure")
      return g.mid[k] / link.world_h100e;
  return 0;
}

InvestProjectResult project(const Dataset& ds, const InvestProjectRequest& req) {
  InvestProjectResult res;
  const Global g = global(ds);
  // Horizon: the base year is the end of the cumulative series; the data's last year is the
  // latest published annual level.
  int base_year = 0, last_year = 0;
  for (Id e : g.ids) base_year = std::max(base_year, global_row(ds, e, "cumulative_usd")->year_to);
  for (const auto& r : ds.investment_global)
    if (r.metric == "annual_usd") last_year = std::max(last_year, r.year_to);
  if (last_year <= base_year)
    throw core::Failure(ErrorCode::kInvalidInput, "investment_global: no annual_usd level after " +
                                                      std::to_string(base_year));
  if (req.to <= base_year || req.to > last_year) {
    throw core::Failure(ErrorCode::kInvalidArgument,
                        "--to " + std::to_string(req.to) + " is outside the data's years " +
                            std::to_string(base_year + 1) + "–" + std::to_string(last_year));
  }
  if (req.draws < 1 || req.draws > 1000000)
    throw core::Failure(ErrorCode::kInvalidArgument, "--draws must be between 1 and 1000000");
  for (const auto& [id, gr] : req.growth) {
    if (ds.find_element(id) == kNone)
      throw core::Failure(ErrorCode::kNotFound, "unknown value-chain element '" + id + "'");
    if (!(gr.first <= gr.second) || gr.first <= -1)
      throw core::Failure(ErrorCode::kInvalidArgument, "growth range for '" + id + "' is invalid");
  }
  res.base_year = base_year;
  res.to = req.to;
  const auto* hist = global_row(ds, kNone, "growth_rate");
  // Element inputs.
  std::vector<core::Distribution> base_d, growth_d;
  for (size_t k = 0; k < g.ids.size(); ++k) {
    const Id id = g.ids[k];
    const auto& el = ds.value_chain_elements[id];
    InvestProjectElement pe;
    pe.element = el.element_id;
    pe.name = el.name;
    const model::GlobalInvestment* level = nullptr;
    for (const auto& r : ds.investment_global)
      if (r.element == id && r.metric == "annual_usd" && r.year_to == last_year) level = &r;
    const auto* growth = global_row(ds, id, "growth_rate", base_year);
    if (!level) {
      throw core::Failure(ErrorCode::kInvalidInput, "investment_global: no annual_usd level for '" +
                                                        el.element_id + "' in " +
                                                        std::to_string(last_year));
    }
    const double target = (level->low + level->high) / 2;
    const int n = last_year - base_year;
    pe.published_2030 = target;
    pe.published_qualifier = level->qualifier;
    if (growth) {
      pe.base_method = "back-cast from the published level at the published growth midpoint";
      const double gm = (growth->low + growth->high) / 2;
      pe.base_low = pe.base_high = target / std::pow(1 + gm, n);
      pe.growth_low = growth->low;
      pe.growth_high = growth->high;
    } else {
      if (!hist) {
        throw core::Failure(ErrorCode::kInvalidInput,
                            "investment_global: element '" + el.element_id +
                                "' has no growth_rate and there is no historical growth rate");
      }
      const auto* cum = global_row(ds, id, "cumulative_usd");
      const double r = (hist->low + hist->high) / 2;
      double f = 0;
      for (int i = 0; i <= cum->year_to - cum->year_from; ++i) f += std::pow(1 + r, -i);
      pe.base_method = "cumulative back-cast at the historical growth rate";
      pe.base_low = cum->low / f;
      pe.base_high = cum->high / f;
      const double gi = std::pow(target / ((pe.base_low + pe.base_high) / 2), 1.0 / n) - 1;
      pe.growth_low = pe.growth_high = gi;
    }
    if (auto it = req.growth.find(el.element_id); it != req.growth.end()) {
      pe.growth_low = it->second.first;
      pe.growth_high = it->second.second;
    }
    auto dist = [](double lo, double hi) {
      return lo == hi ? core::Distribution::fixed(lo) : core::Distribution::uniform(lo, hi);
    };
    base_d.push_back(dist(pe.base_low, pe.base_high));
    growth_d.push_back(dist(pe.growth_low, pe.growth_high));
    res.elements.push_back(pe);
  }
  // Economies: share of the global total (uniform between the low and high estimates).
  std::vector<std::string> codes = {"world"};
  std::vector<core::Distribution> share_d = {core::Distribution::fixed(1)};
  {
    CensusLink none;
    const int day = ds.as_of.last_day();
    InvestParams params;
    for (const auto& c : req.economies) {
      const Id e = ds.find_economy(c);
      if (e == kNone)
        throw core::Failure(ErrorCode::kNotFound, "unknown economy '" + c + "' (expected ISO3)");
      const auto p = economy_profile(ds, none, e, params, day);
      codes.push_back(c);
      share_d.push_back(
          p.share_of_global_low == p.share_of_global_high
              ? core::Distribution::fixed(p.share_of_global_low)
              : core::Distribution::uniform(p.share_of_global_low, p.share_of_global_high));
    }
  }
  const size_t ne = g.ids.size() + 1;  // elements + "all"
  const size_t ny = static_cast<size_t>(req.to - base_year + 1);
  const size_t ns = codes.size() * ne * ny;
  const auto draws = static_cast<size_t>(req.draws);
  if (static_cast<double>(ns) * static_cast<double>(draws) > 2e8)
    throw core::Failure(ErrorCode::kInvalidArgument,
                        "too many outputs: use fewer draws or economies");
  std::vector<double> vals(ns * draws);  // series-major: vals[s * draws + d]
  const int threads = req.threads > 0 ? req.threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, draws, 64), [&](const auto& range) {
      std::vector<double> base(g.ids.size()), growth(g.ids.size()), share(codes.size());
      for (size_t d = range.begin(); d != range.end(); ++d) {
        core::Stream s(req.seed, d);
        for (size_t k = 0; k < g.ids.size(); ++k) {
          base[k] = base_d[k].sample(s);
          growth[k] = growth_d[k].sample(s);
        }
        for (size_t c = 0; c < codes.size(); ++c) share[c] = share_d[c].sample(s);
        for (size_t yi = 0; yi < ny; ++yi) {
          double total = 0;
          for (size_t k = 0; k < g.ids.size(); ++k) {
            const double v = base[k] * std::pow(1 + growth[k], static_cast<double>(yi));
            total += v;
            for (size_t c = 0; c < codes.size(); ++c)
              vals[((c * ne + k) * ny + yi) * draws + d] = v * share[c];
          }
          for (size_t c = 0; c < codes.size(); ++c)
            vals[((c * ne + ne - 1) * ny + yi) * draws + d] = total * share[c];
        }
      }
    });
  });
  std::vector<double> v(draws);
  for (size_t c = 0; c < codes.size(); ++c) {
    for (size_t k = 0; k < ne; ++k) {
      for (size_t yi = 0; yi < ny; ++yi) {
        const size_t si = (c * ne + k) * ny + yi;
        std::copy(vals.begin() + static_cast<std::ptrdiff_t>(si * draws),
                  vals.begin() + static_cast<std::ptrdiff_t>((si + 1) * draws), v.begin());
        const core::Summary sum = core::summarise(v);
        InvestProjectRow row;
        row.code = codes[c];
        row.element = k + 1 == ne ? "all" : ds.value_chain_elements[g.ids[k]].element_id;
        row.year = base_year + static_cast<int>(yi);
        row.mean = sum.mean;
        row.p5 = sum.p5;
        row.p50 = sum.p50;
        row.p95 = sum.p95;
        res.rows.push_back(row);
        if (c == 0 && k + 1 < ne && row.year == last_year) {
          auto& pe = res.elements[k];
          pe.median_2030 = sum.p50;
          const double ratio = pe.published_2030 > 0 ? sum.p50 / pe.published_2030 : 0;
          if (pe.published_qualifier == "over" || pe.published_qualifier == "at_least") {
            pe.lands = ratio >= 0.98;
          } else {
            pe.lands = std::abs(ratio - 1) <= 0.05;
          }
        }
      }
    }
  }
  res.meta.seed = req.seed;
  res.meta.draws = req.draws;
  res.meta.random_scheme = core::kRandomSchemeVersion;
  return res;
}

}  // namespace aisov::invest
