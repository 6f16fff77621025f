// JSON, CSV and text renderings of optimiser, siting and placement results.
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aisov/engine.hpp"
#include "api/describe_optimise.hpp"
#include "api/text.hpp"
#include "core/json_out.hpp"
#include "io/csv.hpp"

namespace aisov {

namespace {

using api::fixed;
using api::num;

std::string opt_text(const std::optional<double>& v, int digits) {
  return v ? fixed(*v, digits) : "";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + io::csv_escape(fields[i]);
  return out + "\n";
}

std::vector<std::string> solve_row(const OptimiseSolve& s) {
  return {s.label,
          s.status,
          num(s.lambda),
          fixed(s.objective, 1),
          fixed(s.expected_h100e_years, 1),
          fixed(s.cvar_loss, 1),
          fixed(s.competitiveness, 1),
          fixed(s.cost_usd / 1e6, 1),
          fixed(s.gap * 100, 3)};
}
const std::vector<std::string> kSolveHeader = {"solve",     "status",      "lambda",
                                               "objective", "E[H100e-yr]", "CVaR loss",
                                               "compet.",   "cost $M",     "gap %"};

}  // namespace

std::string render(const OptimiseResult& r, Format format) {
  const auto& m = r.meta;
  if (format == Format::kJson) return core::json_text(api::to_json(r));
  if (format == Format::kCsv) {
    std::string out =
        csv_line({"section", "id", "kind", "jurisdiction", "location", "year", "value", "unit"});
    for (const auto& o : r.allocation) {
      const std::string unit = o.kind == "build"      ? "projects"
                               : o.kind == "host"     ? "regions"
                               : o.kind == "contract" ? "H100e"
                                                      : "USD";
      for (size_t i = 0; i < o.amount.size(); ++i)
        if (o.amount[i] != 0)
          out += csv_line({"allocation", o.id, o.kind, o.jurisdiction, o.location,
                           std::to_string(r.years[i]), num(o.amount[i]), unit});
    }
    for (const auto& c : r.constraints)
      out += csv_line({"shadow_price", c.name, c.binding ? "binding" : "slack", "", "", "",
                       num(c.shadow_price), "H100e-years per " + c.unit});
    auto solves = [&](const std::string& section, const OptimiseSolve& s) {
      out += csv_line({section, s.label, s.status, "", "", "", num(s.objective), "objective"});
      out += csv_line({section, s.label, s.status, "", "", "", num(s.expected_h100e_years),
                       "expected H100e-years"});
      out += csv_line(
          {section, s.label, s.status, "", "", "", num(s.cvar_loss), "CVaR loss H100e-years"});
    };
    solves("result", r.best);
    for (const auto& s : r.frontier) solves("frontier", s);
    for (const auto& s : r.aligned) solves("aligned", s);
    out += csv_line({"answer", r.answer, "", "", "", "", "", r.answer_text});
    {
      const auto& en = r.energy;
      const auto& l = en.load;
      auto row = [&](const char* id, const std::optional<double>& v, const char* unit) {
        out += csv_line({"energy", id, "", "", m.economy, "", v ? num(*v) : "", unit});
      };
      row("facility_mw", en.facility_mw, "MW");
      row("it_mw", l.it_mw, "MW");
      for (auto [id, v] :
           {std::pair{"twh", l.twh}, {"twh_low", l.twh_low}, std::pair{"twh_high", l.twh_high}})
        row(id, v, "TWh/yr");
      row("share_of_generation", l.share_of_generation, "share");
      row("headroom_share", l.headroom_share, "share");
      row("grid_limit_share", en.grid_limit_share, "share");
      row("co2_t", l.co2_t, "tCO2e/yr");
      row("co2_t_low", l.co2_t_low, "tCO2e/yr");
      row("co2_t_high", l.co2_t_high, "tCO2e/yr");
    }
    for (const auto& x : r.sensitivity) {
      for (const auto* e : {&x.at_low, &x.at_high}) {
        const std::string at = num(e == &x.at_low ? x.low : x.high);
        out += csv_line({"sensitivity", x.parameter, e->status, "", "", "", num(e->objective),
                         "objective at " + at + " " + x.unit});
        out += csv_line({"sensitivity", x.parameter, e->status, "", "", "", num(e->compute_share),
                         "compute share at " + at + " " + x.unit});
      }
    }
    return out;
  }
  std::ostringstream o;
  o << "Strategy optimiser: " << m.economy_name << " (" << m.economy << "), " << m.start_year + 1
    << "–" << m.horizon << ", budget " << fixed(m.budget_usd / 1e6, 0) << " M USD ("
    << fixed(m.budget_per_year_usd / 1e6, 0) << " M per year)\n"
    << "Scenario " << m.scenario_name << " (" << m.scenario_file << "), " << m.draws
    << " draws, seed " << m.seed << "; λ = " << num(m.lambda) << ", α = " << num(m.alpha)
    << "; solver " << m.solver << "\n\n";
  const auto& b = r.best;
  o << "Solve: call " << (b.call_ok ? "ok" : "FAILED: " + b.call_message) << ", model " << b.status;
  if (b.status == "optimal" || b.status == "time-limit")
    o << ", objective " << fixed(b.objective, 1) << ", gap " << fixed(b.gap * 100, 3) << " %";
  o << "\n";
  for (const auto& w : b.infeasible_rows) o << "  conflicting constraint: " << w << "\n";
  o << "Expected accessible compute " << fixed(b.expected_h100e_years, 1) << " H100e-years; CVaR"
    << num(m.alpha * 100) << " of the loss " << fixed(b.cvar_loss, 1) << "; competitiveness "
    << fixed(b.competitiveness, 1) << "; cost " << fixed(b.cost_usd / 1e6, 1) << " M USD\n";
  o << "Of the compute, " << fixed(b.terminal_h100e_years, 1)
    << " H100e-years are terminal value (after the horizon, net, discounted). One H100e-year = "
    << fixed(r.usd_per_h100e_year, 0) << " USD (" << r.usd_per_h100e_year_basis << "): objective ≈ "
    << fixed(b.objective * r.usd_per_h100e_year / 1e6, 1) << " M USD-equivalent\n\n";
  if (!r.allocation.empty()) {
    std::vector<std::string> header = {"option", "unit"};
    for (int y : r.years) header.push_back(std::to_string(y));
    header.push_back("E[H100e-yr]");
    header.push_back("cost $M");
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : r.allocation) {
      std::vector<std::string> row = {a.id, a.kind == "build"      ? "projects"
                                            : a.kind == "host"     ? "regions"
                                            : a.kind == "contract" ? "H100e"
                                                                   : "M USD"};
      for (double v : a.amount)
        row.push_back(v == 0 ? ""
                             : fixed(a.kind == "invest" ? v / 1e6 : v,
                                     a.kind == "contract" || a.kind == "invest" ? 1 : 0));
      row.push_back(fixed(a.expected_h100e_years, 1));
      row.push_back(fixed(a.cost_usd / 1e6, 1));
      rows.push_back(row);
    }
    o << "Allocation\n" << api::text_table(header, rows, 2) << "\n";
  }
  if (r.best.status == "optimal" || r.best.status == "time-limit") {
    const auto& en = r.energy;
    const auto& l = en.load;
    auto pct = [](const std::optional<double>& v) {
      return v ? fixed(*v * 100, 3) + "%" : std::string("no data");
    };
    o << "Energy of the new load in " << m.economy << " (builds " << fixed(en.build_facility_mw, 0)
      << " MW + hosted regions " << fixed(en.host_facility_mw, 0)
      << " MW of facility power; energy layer, §14.5, §15):\n  IT " << fixed(l.it_mw, 1) << " MW, "
      << fixed(l.twh, 3) << " TWh/yr (" << fixed(l.twh_low, 3) << "–" << fixed(l.twh_high, 3)
      << "); share of generation " << pct(l.share_of_generation) << "; headroom (hosted AI + new) "
      << pct(l.headroom_share) << "; grid_mw limit ≈ " << pct(en.grid_limit_share)
      << " of generation\n  Emissions: "
      << (l.co2_t ? fixed(*l.co2_t, 0) + " tCO2e/yr (" + fixed(*l.co2_t_low, 0) + "–" +
                        fixed(*l.co2_t_high, 0) + ")"
                  : std::string("no data"))
      << "\n\n";
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.constraints)
      rows.push_back({c.name, fixed(c.value, 1), c.unit, c.origin, c.binding ? "yes" : "",
                      fixed(std::abs(c.shadow_price) < 5e-5 ? 0.0 : c.shadow_price, 4)});
    o << "Constraints (shadow price: objective per unit)\n"
      << api::text_table({"constraint", "limit", "unit", "origin", "binding", "shadow price"}, rows,
                         1)
      << "\n";
  }
  if (!r.frontier.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : r.frontier) rows.push_back(solve_row(s));
    o << "Efficient frontier over λ\n" << api::text_table(kSolveHeader, rows, 2) << "\n";
  }
  if (!r.aligned.empty()) {
    std::vector<std::vector<std::string>> rows = {solve_row(r.best)};
    for (const auto& s : r.aligned) rows.push_back(solve_row(s));
    o << "Align or hedge\n"
      << api::text_table(kSolveHeader, rows, 2) << "Answer: " << r.answer_text << "\n";
  }
  if (!r.value_chain.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& v : r.value_chain)
      rows.push_back({v.element, fixed(v.current_usd / 1e6, 1), fixed(v.benchmark_usd / 1e6, 1),
                      fixed(v.coefficient, 1), v.origin});
    o << "Value chain (annual investment)\n"
      << api::text_table({"element", "current $M", "benchmark $M", "κ H100e-yr", "origin"}, rows,
                         1);
    for (const auto& v : r.value_chain) o << "  " << v.element << ": " << v.basis << "\n";
    o << "\n";
  }
  if (!r.sensitivity.empty()) {
    // Objective in M USD-equivalent; compute share = share of the spend on build, host and
    // contract options (the rest goes to value-chain investment).
    const double v = r.usd_per_h100e_year / 1e6;
    std::vector<std::vector<std::string>> rows;
    for (const auto& x : r.sensitivity)
      rows.push_back(
          {x.parameter, num(x.low) + " … " + num(x.high), fixed(x.swing * v, 1),
           fixed(x.at_low.objective * v, 1), fixed(x.at_high.objective * v, 1),
           fixed(x.at_low.compute_share * 100, 0) + " / " + fixed(x.at_high.compute_share * 100, 0),
           x.at_low.top_option + " / " + x.at_high.top_option});
    o << "Sensitivity (one estimated parameter at a time at its low / high value; optimum: "
      << fixed(r.best.objective * v, 1) << " M USD-eq., compute " << fixed(r.compute_share * 100, 0)
      << " % of spend)\n"
      << api::text_table({"parameter", "range", "swing $M-eq", "objective low", "objective high",
                          "compute % low/high", "top option low / high"},
                         rows, 2)
      << "\n";
  }
  for (const auto& w : r.warnings) o << "warning: " << w << "\n";
  return o.str();
}

std::string render(const SiteResult& r, Format format) {
  static const char* const kParts[7] = {"power",   "price",        "carbon",  "water",
                                        "latency", "jurisdiction", "headroom"};
  const auto& ep = r.energy_params;
  if (format == Format::kJson) return core::json_text(api::to_json(r));
  auto t = [](double v, int d) { return std::isnan(v) ? std::string() : fixed(v, d); };
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : r.candidates)
    rows.push_back({std::to_string(c.rank), c.city, c.iso3, fixed(c.score, 3), t(c.grid_twh, 0),
                    t(c.price_usd_per_mwh, 0), t(c.carbon_g_per_kwh, 0), t(c.water_stress_pct, 1),
                    c.water_stress_level, t(c.latency_ms, 1), c.preferred ? "yes" : "",
                    std::to_string(c.regions), c.missing});
  std::vector<std::string> header = {"rank",      "city",     "iso3",    "score",       "grid TWh",
                                     "$/MWh",     "gCO2/kWh", "water %", "water level", "RTT ms",
                                     "preferred", "regions",  "missing"};
  std::vector<std::string> csv_header = {"rank",
                                         "city",
                                         "iso3",
                                         "score",
                                         "grid_twh",
                                         "price_usd_per_mwh",
                                         "carbon_g_per_kwh",
                                         "water_stress_pct",
                                         "water_stress_level",
                                         "latency_ms",
                                         "preferred",
                                         "regions",
                                         "missing"};
  // With a workload: its energy in each candidate's economy (columns only then, so the output
  // without --mw is unchanged).
  if (r.it_mw) {
    const bool csv = format == Format::kCsv;
    for (size_t i = 0; i < r.candidates.size(); ++i) {
      const auto& e = r.candidates[i].energy;
      auto cell = [&](const std::optional<double>& v, double scale, int d) {
        return !v ? std::string() : csv ? num(*v) : fixed(*v * scale, d);
      };
      if (!e) continue;
      if (csv) {
        for (const auto& v :
             {std::optional<double>(e->twh), std::optional<double>(e->twh_low),
              std::optional<double>(e->twh_high), std::optional<double>(e->hosted_twh),
              e->headroom_share, e->headroom_share_low, e->headroom_share_high, e->co2_t,
              e->co2_t_low, e->co2_t_high})
          rows[i].push_back(cell(v, 1, 0));
      } else {
        rows[i].push_back(fixed(e->twh, 3));
        rows[i].push_back(e->headroom_share ? cell(e->headroom_share, 100, 3) + " (" +
                                                  cell(e->headroom_share_low, 100, 3) + "–" +
                                                  cell(e->headroom_share_high, 100, 3) + ")"
                                            : "no data");
        rows[i].push_back(e->co2_t ? cell(e->co2_t, 1, 0) + " (" + cell(e->co2_t_low, 1, 0) + "–" +
                                         cell(e->co2_t_high, 1, 0) + ")"
                                   : "no data");
      }
    }
    for (const char* h :
         {"new_twh", "new_twh_low", "new_twh_high", "hosted_twh", "headroom_share",
          "headroom_share_low", "headroom_share_high", "co2_t", "co2_t_low", "co2_t_high"})
      csv_header.push_back(h);
    for (const char* h : {"new TWh/yr", "headroom % (low–high)", "tCO2e/yr (low–high)"})
      header.push_back(h);
  }
  if (format == Format::kCsv) {
    std::string out = csv_line(csv_header);
    for (const auto& row : rows) out += csv_line(row);
    return out;
  }
  std::ostringstream o;
  o << "Weights:";
  for (size_t k = 0; k < r.weights.size(); ++k)
    o << " " << kParts[k] << " " << fixed(r.weights[k], 3);
  o << "\n";
  if (r.it_mw && !r.candidates.empty() && r.candidates[0].energy) {
    const auto& e = *r.candidates[0].energy;
    o << "Workload " << fixed(*r.it_mw, 1) << " MW IT: " << fixed(e.twh, 3) << " TWh/yr ("
      << fixed(e.twh_low, 3) << "–" << fixed(e.twh_high, 3) << "; utilisation × PUE "
      << num(ep.utilisation) << " × " << num(ep.pue) << ", low " << num(ep.utilisation_low) << " × "
      << num(ep.pue_low) << ", high " << num(ep.utilisation_high) << " × " << num(ep.pue_high)
      << "); headroom = (hosted AI load + workload) ÷ generation; §14.6\n";
  }
  o << api::text_table(header, rows, 3);
  return o.str();
}

std::string render(const PlaceResult& r, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(r));
  auto cells = [](const PlaceRow& p, int rank) {
    return std::vector<std::string>{rank > 0 ? std::to_string(rank) : "",
                                    p.site_id,
                                    p.city,
                                    p.iso3,
                                    p.operator_jurisdiction,
                                    p.accel_id,
                                    p.designer_jurisdiction,
                                    opt_text(p.price_usd_per_accel_hour, 2),
                                    opt_text(p.cost_usd, 2),
                                    opt_text(p.latency_ms, 1),
                                    opt_text(p.carbon_g_per_kwh, 0),
                                    p.excluded_by};
  };
  const std::vector<std::string> header = {"rank",     "site",        "city",     "iso3",
                                           "operator", "accelerator", "designer", "$/accel-h",
                                           "cost $",   "RTT ms",      "gCO2/kWh", "excluded by"};
  if (format == Format::kCsv) {
    std::string out = csv_line({"rank", "site_id", "city", "iso3", "operator_jurisdiction",
                                "accel_id", "designer_jurisdiction", "price_usd_per_accel_hour",
                                "cost_usd", "latency_ms", "carbon_g_per_kwh", "excluded_by"});
    int k = 0;
    for (const auto& p : r.eligible) out += csv_line(cells(p, ++k));
    for (const auto& p : r.excluded) out += csv_line(cells(p, 0));
    return out;
  }
  std::vector<std::vector<std::string>> rows;
  int k = 0;
  for (const auto& p : r.eligible) rows.push_back(cells(p, ++k));
  std::ostringstream o;
  o << r.eligible.size() << " eligible\n" << api::text_table(header, rows, 7);
  if (!r.excluded.empty()) {
    rows.clear();
    for (const auto& p : r.excluded) rows.push_back(cells(p, 0));
    o << "\n" << r.excluded.size() << " excluded\n" << api::text_table(header, rows, 7);
  }
  return o.str();
}

}  // namespace aisov
