// The optimiser's TOML file (docs/methodology.md §14.1): every problem is reported with
// file:line:column, as for scenario files.
#include <toml++/toml.h>

#include <cmath>

#include "io/toml_json.hpp"
#include "optimise/optimiser.hpp"

namespace aisov::optimise {

namespace {

class Reader {
 public:
  Reader(std::string file, std::vector<io::Problem>& problems)
      : file_(std::move(file)), problems_(problems) {}

  void fail(const toml::node& n, const std::string& path, const std::string& msg) {
    problems_.push_back({file_, static_cast<int>(n.source().begin.line),
                         static_cast<int>(n.source().begin.column), path + ": " + msg});
  }
  void fail_key(const toml::key& k, const std::string& path, const std::string& msg) {
    problems_.push_back({file_, static_cast<int>(k.source().begin.line),
                         static_cast<int>(k.source().begin.column), path + ": " + msg});
  }

  std::optional<double> number(const toml::node& n, const std::string& path, double lo, double hi) {
    std::optional<double> v;
    // as_integer, not value<int64_t>: toml++ converts a float to int64_t unchecked (UB past 2^63).
    if (const auto* i = n.as_integer()) v = static_cast<double>(i->get());
    if (auto d = n.value<double>(); d && n.is_floating_point()) v = *d;
    if (!v) {
      fail(n, path, "expected a number");
      return std::nullopt;
    }
    if (!std::isfinite(*v) || *v < lo || *v > hi) {
      fail(n, path,
           "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " +
               std::to_string(*v));
      return std::nullopt;
    }
    return v;
  }
  std::optional<std::string> text(const toml::node& n, const std::string& path) {
    if (auto s = n.value<std::string>(); s && n.is_string()) return *s;
    fail(n, path, "expected a string");
    return std::nullopt;
  }

 private:
  std::string file_;
  std::vector<io::Problem>& problems_;
};

constexpr double kBig = 1e18;

}  // namespace

Spec parse_spec(const std::string& text, const std::string& file,
                std::vector<io::Problem>& problems, const Parameters& base) {
  Spec s;
  s.file = file;
  s.params = base;
  toml::table root;
  if (!io::parse_toml(text, file, root, problems)) return s;
  Reader r(file, problems);
  auto num = [&](const toml::node& n, const std::string& p, double lo, double hi,
                 std::optional<double>& out) {
    if (auto v = r.number(n, p, lo, hi)) out = v;
  };
  for (const auto& [k, v] : root) {
    const std::string key(k.str());
    if (key == "economy") {
      if (auto t = r.text(v, key)) s.economy = *t;
    } else if (key == "scenario") {
      if (auto t = r.text(v, key)) s.scenario = *t;
    } else if (key == "budget_usd") {
      num(v, key, 0, kBig, s.budget_usd);
    } else if (key == "budget_per_year_usd") {
      num(v, key, 0, kBig, s.budget_per_year_usd);
    } else if (key == "risk_aversion") {
      num(v, key, 0, 1e6, s.risk_aversion);
    } else if (key == "alpha") {
      num(v, key, 0, 0.999, s.alpha);
    } else if (key == "target_h100e") {
      num(v, key, 0, kBig, s.target_h100e);
    } else if (key == "horizon") {
      std::optional<double> h;
      num(v, key, 1900, 2200, h);
      if (h) s.horizon = static_cast<int>(*h);
    } else if (key == "draws") {
      std::optional<double> d;
      num(v, key, 1, 1e6, d);
      if (d) s.draws = static_cast<int64_t>(*d);
    } else if (key == "frontier") {
      const auto* a = v.as_array();
      if (!a) {
        r.fail(v, key, "expected an array of numbers (λ values)");
        continue;
      }
      for (size_t i = 0; i < a->size(); ++i)
        if (auto x = r.number(*a->get(i), key + "[" + std::to_string(i) + "]", 0, 1e6))
          s.frontier.push_back(*x);
    } else if (key == "constraints") {
      const auto* t = v.as_table();
      if (!t) {
        r.fail(v, key, "expected a table");
        continue;
      }
      for (const auto& [ck, cv] : *t) {
        const std::string p = "constraints." + std::string(ck.str());
        const std::string c(ck.str());
        if (c == "grid_mw")
          num(cv, p, 0, kBig, s.grid_mw);
        else if (c == "power_price_usd_per_mwh")
          num(cv, p, 0, 1e5, s.power_price_usd_per_mwh);
        else if (c == "water_ml_per_year")
          num(cv, p, 0, kBig, s.water_ml_per_year);
        else if (c == "land_ha")
          num(cv, p, 0, kBig, s.land_ha);
        else if (c == "workforce_fte")
          num(cv, p, 0, kBig, s.workforce_fte);
        else if (c == "permitting_years")
          num(cv, p, 0, 20, s.permitting_years);
        else
          r.fail_key(ck, p, "unknown key '" + c + "'");
      }
    } else if (key == "parameters") {
      const auto* t = v.as_table();
      if (!t) {
        r.fail(v, key, "expected a table");
        continue;
      }
      Parameters& P = s.params;
      for (const auto& [pk, pv] : *t) {
        const std::string name(pk.str());
        const std::string p = "parameters." + name;
        if (name == "chip_usd_per_h100e") {
          const auto* ct = pv.as_table();
          if (!ct) {
            r.fail(pv, p, "expected a table of designer jurisdiction = USD");
            continue;
          }
          for (const auto& [dk, dv] : *ct)
            if (auto x = r.number(dv, p + "." + std::string(dk.str()), 0, 1e7))
              P.chip_usd_per_h100e[std::string(dk.str())] = *x;
          continue;
        }
        double* ptr = parameter_field(P, name);
        if (!ptr) {
          r.fail_key(pk, p, "unknown key '" + name + "'");
          continue;
        }
        const bool share = name == "load_factor" || name == "host_incentive_share" ||
                           name == "host_discount" || name == "contract_share" ||
                           name == "grid_share" || name == "discount_rate";
        const bool positive =
            name == "project_mw" || name == "region_mw" || name == "useful_life_years";
        if (auto x = r.number(pv, p, positive ? 1e-3 : 0, share ? 1 : kBig)) *ptr = *x;
      }
    } else if (key == "value_chain") {
      const auto* a = v.as_array();
      if (!a) {
        r.fail(v, key, "expected an array of tables ([[value_chain]])");
        continue;
      }
      for (size_t i = 0; i < a->size(); ++i) {
        const std::string p = "value_chain[" + std::to_string(i) + "]";
        const auto* t = a->get(i)->as_table();
        if (!t) {
          r.fail(*a->get(i), p, "expected a table");
          continue;
        }
        ValueChainInput in;
        in.current_usd = in.benchmark_usd = in.coefficient = -1;
        in.origin = "file";
        for (const auto& [vk, vv] : *t) {
          const std::string name(vk.str());
          if (name == "element") {
            if (auto x = r.text(vv, p + ".element")) {
              if (*x != "data" && *x != "models" && *x != "applications" && *x != "talent")
                r.fail(vv, p + ".element",
                       "expected data, models, applications or talent, got '" + *x + "'");
              else
                in.element = *x;
            }
          } else if (name == "current_usd" || name == "benchmark_usd" || name == "coefficient") {
            if (auto x = r.number(vv, p + "." + name, 0, kBig))
              (name == "current_usd"     ? in.current_usd
               : name == "benchmark_usd" ? in.benchmark_usd
                                         : in.coefficient) = *x;
          } else {
            r.fail_key(vk, p + "." + name, "unknown key '" + name + "'");
          }
        }
        if (in.element.empty()) {
          r.fail(*t, p, "missing 'element'");
          continue;
        }
        s.value_chain.push_back(in);
      }
    } else {
      r.fail_key(k, key, "unknown key '" + key + "'");
    }
  }
  return s;
}

double* parameter_field(Parameters& P, const std::string& name) {
  const std::pair<const char*, double*> fields[] = {
      {"project_mw", &P.project_mw},
      {"facility_capex_usd_per_mw", &P.facility_capex_usd_per_mw},
      {"build_years", &P.build_years},
      {"load_factor", &P.load_factor},
      {"chip_usd_per_h100e_other", &P.chip_usd_per_h100e_other},
      {"region_mw", &P.region_mw},
      {"host_incentive_share", &P.host_incentive_share},
      {"host_discount", &P.host_discount},
      {"host_years", &P.host_years},
      {"contract_share", &P.contract_share},
      {"water_m3_per_mwh", &P.water_m3_per_mwh},
      {"land_ha_per_mw", &P.land_ha_per_mw},
      {"fte_per_mw", &P.fte_per_mw},
      {"grid_share", &P.grid_share},
      {"power_price_usd_per_mwh", &P.power_price_usd_per_mwh},
      {"water_ml_per_year", &P.water_ml_per_year},
      {"land_ha", &P.land_ha},
      {"workforce_per_million", &P.workforce_per_million},
      {"permitting_years", &P.permitting_years},
      {"useful_life_years", &P.useful_life_years},
      {"discount_rate", &P.discount_rate},
      {"usd_per_h100e_year", &P.usd_per_h100e_year},
      {"competitiveness_usd_per_usd", &P.competitiveness_usd_per_usd},
      {"talent_current_share_gdp", &P.talent_current_share_gdp},
      {"talent_benchmark_share_gdp", &P.talent_benchmark_share_gdp}};
  for (const auto& [n, ptr] : fields)
    if (name == n) return ptr;
  return nullptr;
}

std::optional<double> parameter_value(const Parameters& P, const std::string& name) {
  const std::string chip = "chip_usd_per_h100e.";
  if (name.rfind(chip, 0) == 0) {
    const auto it = P.chip_usd_per_h100e.find(name.substr(chip.size()));
    if (it == P.chip_usd_per_h100e.end()) return std::nullopt;
    return it->second;
  }
  Parameters copy = P;
  if (const double* f = parameter_field(copy, name)) return *f;
  return std::nullopt;
}

bool set_parameter(Parameters& P, const std::string& name, double value) {
  const std::string chip = "chip_usd_per_h100e.";
  if (name.rfind(chip, 0) == 0 && name.size() > chip.size()) {
    P.chip_usd_per_h100e[name.substr(chip.size())] = value;
    return true;
  }
  double* f = parameter_field(P, name);
  if (!f) return false;
  *f = value;
  return true;
}

std::vector<ValueChainInput> default_value_chain(double gdp_usd, const Parameters& P) {
  // Shares of GDP (docs/methodology.md §14.4): current investment, peer benchmark. Used for
  // talent always (the investment model has no talent figures) and for the other elements only
  // when the investment model cannot profile the economy.
  struct Row {
    const char* element;
    double current_share, benchmark_share;
  };
  const Row rows[] = {{"data", 0.0002, 0.0005},
                      {"models", 0.0001, 0.0005},
                      {"applications", 0.0005, 0.002},
                      {"talent", P.talent_current_share_gdp, P.talent_benchmark_share_gdp}};
  std::vector<ValueChainInput> out;
  for (const auto& r : rows) {
    ValueChainInput v;
    v.element = r.element;
    v.current_usd = r.current_share * gdp_usd;
    v.benchmark_usd = r.benchmark_share * gdp_usd;
    v.origin = "assumption";
    v.basis = "shares of GDP (assumption)";
    out.push_back(v);
  }
  return out;
}

}  // namespace aisov::optimise
