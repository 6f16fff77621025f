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
void classify(const Dataset& ds, const Global& g, const InvestParams& params, double threshold,
              InvestEconomyProfile& p) {
  const bool north = p.compute_class == "north";
  const bool hosts = north || p.compute_class == "south";
  const double pct_mid = (p.pct_gdp_low + p.pct_gdp_high) / 2;
  if (p.breadth >= params.builder_min_elements && north) {
    p.archetype = kBuilder;
  } else if (pct_mid > threshold) {
    p.archetype = kSelective;
  } else if (hosts) {
    p.archetype = kAdoption;
  } else {
    p.archetype = kEmerging;
  }
  (void)ds;
  for (auto& e : p.elements) e.gap_usd = e.gap_pct_gdp = 0;
  p.unmet.clear();
  if (p.archetype == kEmerging) {
    p.next_archetype = kAdoption;
    p.unmet.push_back("host AI compute in the territory (census class north or south)");
  } else if (p.archetype == kAdoption) {
    p.next_archetype = kSelective;
    const double need = std::max(0.0, threshold - pct_mid);
    p.unmet.push_back("cumulative investment above " +
                      core::format_number(std::round(threshold * 1e4) / 1e4) + " % of GDP (now " +
                      core::format_number(std::round(pct_mid * 1e4) / 1e4) + " %)");
    for (size_t k = 0; k < p.elements.size(); ++k) {
      p.elements[k].gap_pct_gdp = need * g.mid[k] / g.total_mid;
      p.elements[k].gap_usd = p.elements[k].gap_pct_gdp / 100 * p.gdp_usd;
    }
  } else if (p.archetype == kSelective) {
    p.next_archetype = kBuilder;
    if (p.breadth < params.builder_min_elements) {
      p.unmet.push_back("at least " + core::format_number(params.builder_min_element_share * 100) +
                        " % of global investment in " +
                        std::to_string(params.builder_min_elements) + " elements (now " +
                        std::to_string(p.breadth) + ")");
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

// Fills elements, breadth, programmes and the census link of a profile whose totals are set.
void finish(const Dataset& ds, const Global& g, const CensusLink& link, const InvestParams& params,
            Id economy, Id bloc, int day, InvestEconomyProfile& p) {
  p.share_of_global_low = p.total_usd_low / g.total_mid;
  p.share_of_global_high = p.total_usd_high / g.total_mid;
  p.elements.clear();
  p.breadth = 0;
  for (size_t k = 0; k < g.ids.size(); ++k) {
    const auto& el = ds.value_chain_elements[g.ids[k]];
    InvestElementEstimate e;
    e.element = el.element_id;
    e.name = el.name;
    const double share = g.mid[k] / g.total_mid;
    e.usd_low = p.total_usd_low * share;
    e.usd_high = p.total_usd_high * share;
    e.pct_gdp_low = p.pct_gdp_low * share;
    e.pct_gdp_high = p.pct_gdp_high * share;
    e.share_of_global_low = e.usd_low / g.mid[k];
    e.share_of_global_high = e.usd_high / g.mid[k];
    if ((e.share_of_global_low + e.share_of_global_high) / 2 >= params.builder_min_element_share)
      ++p.breadth;
    p.elements.push_back(e);
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
  (void)link;
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
  finish(ds, g, link, params, economy, kNone, day, p);
  classify(ds, g, params, threshold, p);
  return p;
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
  for (Id e : members) {
    const auto& econ = ds.economies[e];
    if (econ.gdp_usd.year == 0 || econ.gdp_usd.value <= 0) continue;
    InvestEconomyProfile m = economy_profile(ds, link, e, params, day);
    p.gdp_usd += m.gdp_usd;
    p.gdp_year = std::max(p.gdp_year, m.gdp_year);
    p.total_usd_low += m.total_usd_low;
    p.total_usd_high += m.total_usd_high;
    p.hosted_h100e += m.hosted_h100e;
    p.facility_investment_usd += m.facility_investment_usd;
  }
  if (p.gdp_usd <= 0)
    throw core::Failure(ErrorCode::kNotFound, "no member of bloc '" + p.code + "' has a GDP");
  p.pct_gdp_low = p.total_usd_low / p.gdp_usd * 100;
  p.pct_gdp_high = p.total_usd_high / p.gdp_usd * 100;
  finish(ds, g, link, params, kNone, bloc, day, p);
  return p;
}

InvestArchetypesResult archetypes(const Dataset& ds, const CensusLink& link,
                                  const InvestParams& params, int day) {
  InvestArchetypesResult res;
  res.params = params;
  res.selective_threshold_pct = selective_threshold(ds);
  const char* order[] = {kBuilder, kSelective, kAdoption, kEmerging};
  for (size_t e = 0; e < ds.economies.size(); ++e) {
    const auto& econ = ds.economies[e];
    if (econ.gdp_usd.year == 0 || econ.gdp_usd.value <= 0) continue;
    InvestEconomyProfile p = economy_profile(ds, link, static_cast<Id>(e), params, day);
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
