#include "io/scenario_file.hpp"
#include "io/toml_json.hpp"

#include "core/strings.hpp"

#include <toml++/toml.h>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace aisov::io {

namespace {

using core::Distribution;

// JSON → TOML tree, so that one walker reads both forms. JSON values carry no positions in
// nlohmann::json: JsonPositions recovers them from the text.
void fill_table(const nlohmann::json& j, toml::table& t);
void fill_array(const nlohmann::json& j, toml::array& a);

// Calls add(value) with the TOML value of a JSON value; null is treated as absent.
template <typename Add>
void convert(const nlohmann::json& j, Add add) {
  if (j.is_object()) {
    toml::table t;
    fill_table(j, t);
    add(std::move(t));
  } else if (j.is_array()) {
    toml::array a;
    fill_array(j, a);
    add(std::move(a));
  } else if (j.is_boolean()) {
    add(j.get<bool>());
  } else if (j.is_number_integer()) {
    add(j.get<int64_t>());
  } else if (j.is_number()) {
    add(j.get<double>());
  } else if (j.is_string()) {
    add(j.get<std::string>());
  }
}

void fill_table(const nlohmann::json& j, toml::table& t) {
  for (auto it = j.begin(); it != j.end(); ++it)
    convert(it.value(), [&](auto&& v) { t.insert(it.key(), std::forward<decltype(v)>(v)); });
}

void fill_array(const nlohmann::json& j, toml::array& a) {
  for (const auto& e : j) convert(e, [&](auto&& v) { a.push_back(std::forward<decltype(v)>(v)); });
}

// Line and column of every value of a (well-formed) JSON text, by the walker's key path
// ("shocks[2].probability"), so that problems in JSON scenarios point into the text like TOML
// ones do. nlohmann::json keeps no positions; this scanner recovers them.
class JsonPositions {
 public:
  explicit JsonPositions(const std::string& text) : t_(text) {
    skip();
    value("");
  }
  /// The position of `path`, or of its nearest enclosing value; (1, 1) for the root.
  std::pair<int, int> find(std::string path) const {
    for (;;) {
      if (auto it = at_.find(path); it != at_.end()) return it->second;
      const auto cut = path.find_last_of(".[");
      if (cut == std::string::npos || path.empty()) return {1, 1};
      path.resize(cut);
    }
  }

 private:
  char peek() const { return i_ < t_.size() ? t_[i_] : '\0'; }
  void advance() {
    if (i_ >= t_.size()) return;
    if (t_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++i_;
  }
  void skip() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r'))
      advance();
  }
  std::string str() {  // at the opening quote; returns the raw (unescaped enough for keys) text
    std::string out;
    advance();
    while (i_ < t_.size() && t_[i_] != '"') {
      if (t_[i_] == '\\') {
        advance();
        if (i_ < t_.size()) out += t_[i_];
      } else {
        out += t_[i_];
      }
      advance();
    }
    advance();
    return out;
  }
  void value(const std::string& path) {
    at_.emplace(path, std::make_pair(line_, col_));
    const char c = peek();
    if (c == '{') {
      advance();
      skip();
      while (i_ < t_.size() && peek() != '}') {
        if (peek() != '"') return;  // not well formed: stop quietly
        const std::string key = str();
        skip();
        if (peek() == ':') advance();
        skip();
        value(path.empty() ? key : path + "." + key);
        skip();
        if (peek() == ',') advance();
        skip();
      }
      advance();
    } else if (c == '[') {
      advance();
      skip();
      for (int k = 0; i_ < t_.size() && peek() != ']'; ++k) {
        value(path + "[" + std::to_string(k) + "]");
        skip();
        if (peek() == ',') advance();
        skip();
      }
      advance();
    } else if (c == '"') {
      str();
    } else {
      while (i_ < t_.size() &&
             std::string_view(",]} \t\r\n").find(t_[i_]) == std::string_view::npos)
        advance();
    }
  }

  const std::string& t_;
  size_t i_ = 0;
  int line_ = 1, col_ = 1;
  std::map<std::string, std::pair<int, int>> at_;
};

class Walker {
 public:
  Walker(std::string file, std::vector<Problem>& problems, const JsonPositions* json = nullptr)
      : file_(std::move(file)), problems_(problems), json_(json) {}

  SpecPos pos(const toml::node& n, const std::string& path) const {
    if (json_) {
      const auto [line, column] = json_->find(path);
      return {line, column, path};
    }
    return {static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column),
            path};
  }
  void fail(const SpecPos& p, const std::string& msg) {
    problems_.push_back({file_, p.line, p.column, (p.path.empty() ? "" : p.path + ": ") + msg});
  }
  void fail(const toml::node& n, const std::string& path, const std::string& msg) {
    fail(pos(n, path), msg);
  }

  // Reports keys of `t` not in `known`.
  void known_keys(const toml::table& t, const std::string& path,
                  std::initializer_list<const char*> known) {
    for (const auto& [k, v] : t) {
      bool ok = false;
      for (const char* name : known) ok = ok || k.str() == name;
      if (!ok) {
        SpecPos p{static_cast<int>(k.source().begin.line),
                  static_cast<int>(k.source().begin.column), join(path, std::string(k.str()))};
        if (p.line == 0 || json_) p = pos(v, p.path);
        fail(p, "unknown key '" + std::string(k.str()) + "'");
      }
    }
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  std::optional<double> number(const toml::node& n, const std::string& path) {
    if (auto v = n.value<double>()) {
      if (std::isfinite(*v)) return v;
    }
    fail(n, path, "expected a number");
    return std::nullopt;
  }

  std::optional<std::string> string(const toml::node& n, const std::string& path) {
    if (auto v = n.value<std::string>()) return v;
    fail(n, path, "expected a string");
    return std::nullopt;
  }

  std::optional<bool> boolean(const toml::node& n, const std::string& path) {
    if (auto v = n.value<bool>()) return v;
    fail(n, path, "expected true or false");
    return std::nullopt;
  }

  std::vector<double> numbers(const toml::node& n, const std::string& path, size_t want) {
    std::vector<double> out;
    const auto* a = n.as_array();
    if (!a) {
      fail(n, path, "expected an array of numbers");
      return out;
    }
    for (size_t i = 0; i < a->size(); ++i) {
      auto v = number(*a->get(i), path + "[" + std::to_string(i) + "]");
      if (!v) return {};
      out.push_back(*v);
    }
    if (want && out.size() != want) {
      fail(n, path,
           "expected " + std::to_string(want) + " numbers, got " + std::to_string(out.size()));
      return {};
    }
    return out;
  }

  // A number, or a one-key table naming a distribution. `lo`/`hi` bound every possible value.
  std::optional<DistSpec> dist(const toml::node& n, const std::string& path, double lo, double hi,
                               const char* what) {
    DistSpec d;
    d.pos = pos(n, path);
    if (n.is_number()) {
      d.dist = Distribution::fixed(*n.value<double>());
    } else if (const auto* t = n.as_table()) {
      known_keys(*t, path,
                 {"fixed", "uniform", "triangular", "pert", "lognormal90", "choice", "weights"});
      int kinds = 0;
      bool ok = true;
      for (const auto& [k, v] : *t) {
        const std::string key(k.str());
        const std::string p = join(path, key);
        if (key == "weights") continue;
        ++kinds;
        if (key == "fixed") {
          auto x = number(v, p);
          ok = ok && x;
          if (x) d.dist = Distribution::fixed(*x);
        } else if (key == "uniform" || key == "lognormal90") {
          auto x = numbers(v, p, 2);
          ok = ok && !x.empty();
          if (!x.empty())
            d.dist = key == "uniform" ? Distribution::uniform(x[0], x[1])
                                      : Distribution::lognormal90(x[0], x[1]);
        } else if (key == "triangular" || key == "pert") {
          auto x = numbers(v, p, 3);
          ok = ok && !x.empty();
          if (!x.empty())
            d.dist = key == "pert" ? Distribution::pert(x[0], x[1], x[2])
                                   : Distribution::triangular(x[0], x[1], x[2]);
        } else if (key == "choice") {
          auto x = numbers(v, p, 0);
          std::vector<double> w;
          if (const auto* wn = t->get("weights")) w = numbers(*wn, join(path, "weights"), 0);
          if (x.empty() && v.as_array() && v.as_array()->empty()) {
            fail(v, p, "a choice needs at least one value");
          }
          ok = ok && !x.empty();
          if (!x.empty()) d.dist = Distribution::choice(x, w);
        }
      }
      if (t->contains("weights") && !t->contains("choice")) {
        fail(d.pos, "'weights' goes with 'choice'");
        return std::nullopt;
      }
      if (kinds != 1) {
        fail(d.pos, std::string("expected a number or one of fixed, uniform, triangular, pert, ") +
                        "lognormal90, choice");
        return std::nullopt;
      }
      if (!ok) return std::nullopt;
    } else {
      fail(d.pos, "expected a number or a distribution table");
      return std::nullopt;
    }
    if (auto why = d.dist.check(); !why.empty()) {
      fail(d.pos, why);
      return std::nullopt;
    }
    if (d.dist.lowest() < lo || d.dist.highest() > hi) {
      fail(d.pos, std::string(what) + " must lie in [" + core::format_number(lo) + ", " +
                      core::format_number(hi) + "], got " + d.dist.str());
      return std::nullopt;
    }
    return d;
  }

  std::vector<CodeSpec> codes(const toml::node& n, const std::string& path) {
    std::vector<CodeSpec> out;
    if (n.is_string()) {
      out.push_back({*n.value<std::string>(), pos(n, path)});
      return out;
    }
    const auto* a = n.as_array();
    if (!a) {
      fail(n, path, "expected a code or an array of codes");
      return out;
    }
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string p = path + "[" + std::to_string(i) + "]";
      if (auto s = string(*a->get(i), p)) out.push_back({*s, pos(*a->get(i), p)});
    }
    return out;
  }

  SetSpec set(const toml::node& n, const std::string& path) {
    SetSpec s;
    s.pos = pos(n, path);
    if (const auto* t = n.as_table()) {
      known_keys(*t, path, {"all_except"});
      if (const auto* e = t->get("all_except")) {
        s.all_except = true;
        s.items = codes(*e, join(path, "all_except"));
      } else {
        fail(s.pos, "expected a list of codes or { all_except = [...] }");
      }
      return s;
    }
    s.items = codes(n, path);
    return s;
  }

  std::vector<std::pair<CodeSpec, double>> shares(const toml::node& n, const std::string& path) {
    std::vector<std::pair<CodeSpec, double>> out;
    const auto* t = n.as_table();
    if (!t) {
      fail(n, path, "expected a table of CODE = share");
      return out;
    }
    double sum = 0;
    for (const auto& [k, v] : *t) {
      const std::string p = join(path, std::string(k.str()));
      auto x = number(v, p);
      if (!x) continue;
      if (*x < 0 || *x > 1) fail(v, p, "a share must lie in [0, 1]");
      sum += *x;
      out.push_back({{std::string(k.str()), pos(v, p)}, *x});
    }
    if (!out.empty() && std::fabs(sum - 1) > 1e-6)
      fail(n, path, "shares must sum to 1, got " + core::format_number(sum));
    return out;
  }

  ShockSpec shock(const toml::table& t, const std::string& path) {
    ShockSpec s;
    s.pos = pos(t, path);
    auto get = [&](const char* k) { return t.get(k); };
    if (const auto* n = get("kind")) {
      if (auto v = string(*n, join(path, "kind"))) s.kind = *v;
    } else {
      fail(s.pos, "'kind' is required");
    }
    static const char* kKinds[] = {"export_control", "provider_withdrawal", "foundry_disruption",
                                   "energy_cap", "growth"};
    bool known_kind = false;
    for (const char* k : kKinds) known_kind = known_kind || s.kind == k;
    if (!s.kind.empty() && !known_kind) {
      fail(*get("kind"), join(path, "kind"),
           "unknown shock kind '" + s.kind +
               "' (expected export_control, provider_withdrawal, foundry_disruption, "
               "energy_cap or growth)");
      return s;
    }
    if (s.kind == "export_control") {
      known_keys(t, path,
                 {"id", "kind", "description", "probability", "start", "duration", "designers",
                  "chips", "economies", "cap_h100e_per_year", "bar_access", "tiers"});
    } else if (s.kind == "provider_withdrawal") {
      known_keys(t, path,
                 {"id", "kind", "description", "probability", "start", "duration", "operators",
                  "economies", "mode", "fraction"});
    } else if (s.kind == "foundry_disruption") {
      known_keys(
          t, path,
          {"id", "kind", "description", "probability", "start", "duration", "locations", "loss"});
    } else if (s.kind == "energy_cap") {
      known_keys(t, path,
                 {"id", "kind", "description", "probability", "start", "duration", "economies",
                  "max_growth", "max_mw", "max_twh", "max_share_of_generation", "pooled"});
    } else if (s.kind == "growth") {
      known_keys(
          t, path,
          {"id", "kind", "description", "probability", "start", "duration", "economies", "growth"});
    }
    if (const auto* n = get("id")) {
      if (auto v = string(*n, join(path, "id"))) s.id = *v;
    }
    if (const auto* n = get("description")) {
      if (auto v = string(*n, join(path, "description"))) s.description = *v;
    }
    s.probability = DistSpec{Distribution::fixed(1), s.pos};
    if (const auto* n = get("probability")) {
      if (auto d = dist(*n, join(path, "probability"), 0, 1, "a probability")) s.probability = *d;
    }
    if (const auto* n = get("start")) {
      if (auto d = dist(*n, join(path, "start"), 1900, 2200, "a start year")) s.start = *d;
    } else {
      fail(s.pos, "'start' (a year or a distribution of years) is required");
    }
    if (const auto* n = get("duration")) {
      s.duration = dist(*n, join(path, "duration"), 0, 1000, "a duration in years");
    }
    auto required = [&](const char* key) -> const toml::node* {
      const auto* n = get(key);
      if (!n) fail(s.pos, std::string("'") + key + "' is required for " + s.kind);
      return n;
    };
    auto chips_ok = [&](const toml::node& n, const std::string& p) {
      if (auto v = string(n, p)) {
        if (*v == "all" || *v == "training" || *v == "inference")
          s.chips = *v;
        else
          fail(n, p, "chips must be all, training or inference");
      }
    };
    if (s.kind == "export_control") {
      if (const auto* n = required("designers"))
        s.jurisdictions = codes(*n, join(path, "designers"));
      if (const auto* n = get("chips")) chips_ok(*n, join(path, "chips"));
      const auto* tiers = get("tiers");
      if (tiers && get("economies")) {
        fail(s.pos, "give either 'economies' (one tier) or 'tiers', not both");
      } else if (tiers) {
        if (get("cap_h100e_per_year") || get("bar_access"))
          fail(s.pos, "with 'tiers', put cap_h100e_per_year and bar_access inside each tier");
        const auto* a = tiers->as_array();
        if (!a || a->empty()) fail(*tiers, join(path, "tiers"), "expected an array of tables");
        for (size_t i = 0; a && i < a->size(); ++i) {
          const std::string p = join(path, "tiers") + "[" + std::to_string(i) + "]";
          const auto* tt = a->get(i)->as_table();
          if (!tt) {
            fail(*a->get(i), p, "expected a table");
            continue;
          }
          s.tiers.push_back(tier(*tt, p));
        }
      } else if (const auto* n = required("economies")) {
        TierSpec ts;
        ts.pos = s.pos;
        ts.economies = set(*n, join(path, "economies"));
        if (const auto* c = get("cap_h100e_per_year"))
          ts.cap_h100e_per_year = dist(*c, join(path, "cap_h100e_per_year"), 0, 1e12, "a cap");
        if (const auto* b = get("bar_access")) {
          if (auto v = boolean(*b, join(path, "bar_access"))) ts.bar_access = *v;
        }
        s.tiers.push_back(ts);
      }
    } else if (s.kind == "provider_withdrawal") {
      if (const auto* n = required("operators"))
        s.jurisdictions = codes(*n, join(path, "operators"));
      if (const auto* n = required("economies")) s.economies = set(*n, join(path, "economies"));
      if (const auto* n = get("mode")) {
        if (auto v = string(*n, join(path, "mode"))) {
          if (*v == "withdraw" || *v == "cut_off")
            s.mode = *v;
          else
            fail(*n, join(path, "mode"), "mode must be withdraw or cut_off");
        }
      }
      s.fraction = DistSpec{Distribution::fixed(1), s.pos};
      if (const auto* n = get("fraction")) {
        if (auto d = dist(*n, join(path, "fraction"), 0, 1, "a fraction")) s.fraction = *d;
      }
    } else if (s.kind == "foundry_disruption") {
      if (const auto* n = required("locations"))
        s.jurisdictions = codes(*n, join(path, "locations"));
      if (const auto* n = required("loss")) {
        if (auto d = dist(*n, join(path, "loss"), 0, 1, "a loss fraction")) s.fraction = *d;
      }
    } else if (s.kind == "energy_cap") {
      if (const auto* n = required("economies")) s.economies = set(*n, join(path, "economies"));
      if (const auto* n = get("max_growth"))
        s.max_growth = dist(*n, join(path, "max_growth"), -1, 100, "a growth rate");
      if (const auto* n = get("max_mw"))
        s.max_mw = dist(*n, join(path, "max_mw"), 0, 1e9, "a power level");
      if (const auto* n = get("max_twh"))
        s.max_twh = dist(*n, join(path, "max_twh"), 0, 1e6, "an electricity level (TWh/yr)");
      if (const auto* n = get("max_share_of_generation"))
        s.max_share_of_generation =
            dist(*n, join(path, "max_share_of_generation"), 0, 1, "a share of national generation");
      int limits = 0;
      for (const char* k : {"max_growth", "max_mw", "max_twh", "max_share_of_generation"})
        limits += get(k) != nullptr;
      if (limits > 1)
        fail(s.pos,
             "give one of max_growth, max_mw, max_twh, max_share_of_generation, not several");
      if (limits == 0)
        fail(s.pos, "energy_cap needs one of max_growth, max_mw, max_twh, max_share_of_generation");
      if (const auto* n = get("pooled")) {
        if (auto v = boolean(*n, join(path, "pooled"))) s.pooled = *v;
      }
    } else if (s.kind == "growth") {
      if (const auto* n = required("economies")) s.economies = set(*n, join(path, "economies"));
      if (const auto* n = required("growth")) {
        if (auto d = dist(*n, join(path, "growth"), -1, 100, "a growth rate")) s.growth = *d;
      }
    }
    return s;
  }

  TierSpec tier(const toml::table& t, const std::string& path) {
    TierSpec ts;
    ts.pos = pos(t, path);
    known_keys(t, path, {"economies", "cap_h100e_per_year", "bar_access"});
    if (const auto* n = t.get("economies"))
      ts.economies = set(*n, join(path, "economies"));
    else
      fail(ts.pos, "'economies' is required");
    if (const auto* c = t.get("cap_h100e_per_year"))
      ts.cap_h100e_per_year = dist(*c, join(path, "cap_h100e_per_year"), 0, 1e12, "a cap");
    if (const auto* b = t.get("bar_access")) {
      if (auto v = boolean(*b, join(path, "bar_access"))) ts.bar_access = *v;
    }
    return ts;
  }

  ScenarioSpec scenario(const toml::table& root) {
    ScenarioSpec s;
    s.file = file_;
    known_keys(root, "",
               {"name", "description", "basis", "horizon", "thresholds", "baseline", "defaults",
                "sets", "shocks", "references"});
    if (const auto* n = root.get("name")) {
      if (auto v = string(*n, "name")) s.name = *v;
    } else {
      fail(SpecPos{1, 1, ""}, "'name' is required");
    }
    if (const auto* n = root.get("description")) {
      if (auto v = string(*n, "description")) s.description = *v;
    }
    if (const auto* n = root.get("basis")) {
      for (const auto& c : codes(*n, "basis")) s.basis.push_back(c.code);
    }
    if (const auto* n = root.get("horizon")) {
      s.horizon_pos = pos(*n, "horizon");
      // is_integer() first: toml++ converts a float to int64_t unchecked (UB past 2^63).
      if (auto v = n->is_integer() ? n->value<int64_t>() : std::nullopt;
          v && *v >= 2000 && *v <= 2100)
        s.horizon = static_cast<int>(*v);
      else
        fail(s.horizon_pos, "horizon must be a year (integer 2000–2100)");
    }
    if (const auto* n = root.get("thresholds")) {
      s.thresholds = numbers(*n, "thresholds", 0);
      for (double x : s.thresholds)
        if (x < 0 || x > 1) fail(*n, "thresholds", "loss thresholds must lie in [0, 1]");
    }
    if (const auto* n = root.get("baseline")) {
      const auto* t = n->as_table();
      if (!t) {
        fail(*n, "baseline", "expected a table");
      } else {
        known_keys(*t, "baseline", {"growth", "retirement", "growth_by", "mix"});
        if (const auto* g = t->get("growth")) {
          if (auto d = dist(*g, "baseline.growth", -1, 100, "a growth rate")) s.growth = *d;
        }
        if (const auto* g = t->get("retirement")) {
          if (auto d = dist(*g, "baseline.retirement", 0, 1, "a retirement rate"))
            s.retirement = *d;
        }
        table_array(t->get("growth_by"), "baseline.growth_by",
                    [&](const toml::table& e, const std::string& p) {
                      GrowthBySpec g;
                      g.pos = pos(e, p);
                      known_keys(e, p, {"economies", "growth"});
                      if (const auto* x = e.get("economies"))
                        g.economies = set(*x, join(p, "economies"));
                      else
                        fail(g.pos, "'economies' is required");
                      if (const auto* x = e.get("growth")) {
                        if (auto d = dist(*x, join(p, "growth"), -1, 100, "a growth rate"))
                          g.growth = *d;
                      } else {
                        fail(g.pos, "'growth' is required");
                      }
                      s.growth_by.push_back(g);
                    });
        table_array(t->get("mix"), "baseline.mix", [&](const toml::table& e, const std::string& p) {
          MixSpec m;
          m.pos = pos(e, p);
          known_keys(e, p, {"economies", "designers", "operators"});
          if (const auto* x = e.get("economies"))
            m.economies = set(*x, join(p, "economies"));
          else
            fail(m.pos, "'economies' is required");
          if (const auto* x = e.get("designers"))
            m.designers = shares(*x, join(p, "designers"));
          else
            fail(m.pos, "'designers' is required");
          if (const auto* x = e.get("operators")) m.operators = shares(*x, join(p, "operators"));
          s.mix.push_back(m);
        });
      }
    }
    if (const auto* n = root.get("defaults")) {
      const auto* t = n->as_table();
      if (!t) {
        fail(*n, "defaults", "expected a table");
      } else {
        known_keys(*t, "defaults",
                   {"region_chips_training", "region_chips_inference", "mw_per_h100e",
                    "efficiency_gain", "foreign_access"});
        auto positive = [&](const char* key, double& out, double hi) {
          if (const auto* x = t->get(key)) {
            auto v = number(*x, join("defaults", key));
            if (v && (*v < 0 || *v > hi))
              fail(*x, join("defaults", key), "must lie in [0, " + core::format_number(hi) + "]");
            else if (v)
              out = *v;
          }
        };
        positive("region_chips_training", s.defaults.region_chips_training, 1e9);
        positive("region_chips_inference", s.defaults.region_chips_inference, 1e9);
        positive("mw_per_h100e", s.defaults.mw_per_h100e, 1);
        positive("efficiency_gain", s.defaults.efficiency_gain, 0.99);
        positive("foreign_access", s.defaults.foreign_access, 1e6);
      }
    }
    if (const auto* n = root.get("sets")) {
      const auto* t = n->as_table();
      if (!t) {
        fail(*n, "sets", "expected a table of NAME = [codes]");
      } else {
        for (const auto& [k, v] : *t)
          s.sets.emplace_back(std::string(k.str()), set(v, join("sets", std::string(k.str()))));
      }
    }
    table_array(root.get("shocks"), "shocks", [&](const toml::table& e, const std::string& p) {
      s.shocks.push_back(shock(e, p));
      if (s.shocks.back().id.empty())
        s.shocks.back().id = "shock-" + std::to_string(s.shocks.size());
    });
    table_array(root.get("references"), "references",
                [&](const toml::table& e, const std::string& p) {
                  s.references.push_back(reference(e, p));
                });
    return s;
  }

  ReferenceSpec reference(const toml::table& t, const std::string& path) {
    ReferenceSpec r;
    r.pos = pos(t, path);
    known_keys(t, path, {"case", "region", "economies", "year", "twh", "source", "note"});
    auto text = [&](const char* key, std::string& out, bool needed) {
      if (const auto* n = t.get(key)) {
        if (auto v = string(*n, join(path, key))) out = *v;
      } else if (needed) {
        fail(r.pos, std::string("'") + key + "' is required");
      }
    };
    text("case", r.case_name, true);
    text("region", r.region, true);
    text("source", r.source, true);
    text("note", r.note, false);
    if (const auto* n = t.get("economies"))
      r.economies = set(*n, join(path, "economies"));
    else
      fail(r.pos, "'economies' is required");
    if (const auto* n = t.get("year")) {
      if (auto v = n->is_integer() ? n->value<int64_t>() : std::nullopt;
          v && *v >= 2000 && *v <= 2100)
        r.year = static_cast<int>(*v);
      else
        fail(*n, join(path, "year"), "year must be an integer 2000–2100");
    } else {
      fail(r.pos, "'year' is required");
    }
    if (const auto* n = t.get("twh")) {
      const std::string p = join(path, "twh");
      if (n->is_number()) {
        r.twh_low = r.twh_high = *n->value<double>();
        if (!(r.twh_low >= 0 && r.twh_low <= 1e6)) fail(*n, p, "twh must lie in [0, 1000000]");
      } else if (auto x = numbers(*n, p, 2); !x.empty()) {
        r.twh_low = x[0];
        r.twh_high = x[1];
        if (!(x[0] >= 0 && x[0] <= x[1] && x[1] <= 1e6))
          fail(*n, p, "an approximate figure [low, high] needs 0 ≤ low ≤ high ≤ 1000000");
      }
    } else {
      fail(r.pos, "'twh' (a number, or [low, high] for a figure read off a chart) is required");
    }
    return r;
  }

  template <typename Fn>
  void table_array(const toml::node* n, const std::string& path, Fn fn) {
    if (!n) return;
    const auto* a = n->as_array();
    if (!a) {
      fail(*n, path, "expected an array of tables ([[" + path + "]])");
      return;
    }
    for (size_t i = 0; i < a->size(); ++i) {
      const std::string p = path + "[" + std::to_string(i) + "]";
      if (const auto* t = a->get(i)->as_table())
        fn(*t, p);
      else
        fail(*a->get(i), p, "expected a table");
    }
  }

 private:
  std::string file_;
  std::vector<Problem>& problems_;
  const JsonPositions* json_;
};

// 1-based line and column of a byte offset.
std::pair<int, int> line_col(const std::string& text, size_t offset) {
  int line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

}  // namespace

ScenarioSpec parse_scenario(const std::string& text, const std::string& file, bool json,
                            std::vector<Problem>& problems) {
  std::optional<JsonPositions> positions;
  toml::table root;
  if (json) {
    if (Problem p = json_limits_problem(text); !p.message.empty()) {
      p.file = file;
      problems.push_back(std::move(p));
      return {};
    }
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      auto [l, c] = line_col(text, e.byte > 0 ? e.byte - 1 : 0);
      std::string what = e.what();
      if (auto k = what.find("]: "); k != std::string::npos) what = what.substr(k + 3);
      problems.push_back({file, l, c, "malformed JSON: " + what});
      return {};
    } catch (const nlohmann::json::exception& e) {
      // e.g. a number too large for a double (out_of_range 406): nlohmann gives no position.
      std::string what = e.what();
      if (auto k = what.find("] "); k != std::string::npos) what = what.substr(k + 2);
      problems.push_back({file, 1, 1, "malformed JSON: " + what});
      return {};
    }
    if (!j.is_object()) {
      problems.push_back({file, 1, 1, "a scenario must be a JSON object"});
      return {};
    }
    fill_table(j, root);
    positions.emplace(text);
  } else {
    if (!parse_toml(text, file, root, problems)) return {};
  }
  Walker w(file, problems, positions ? &*positions : nullptr);
  ScenarioSpec spec = w.scenario(root);
  spec.canonical = canonical_json(root);
  return spec;
}

std::string fnv1a_hex(const std::string& text) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace aisov::io
