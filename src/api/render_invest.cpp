// JSON, CSV and text renderings of the investment model's results.
#include <nlohmann/json.hpp>

#include "aisov/engine.hpp"
#include "api/describe_invest.hpp"
#include "api/text.hpp"
#include "core/json_out.hpp"
#include "core/strings.hpp"
#include "io/csv.hpp"

namespace aisov {

namespace {

using api::fixed;
using api::num;

std::string opt_text(const std::optional<double>& v) { return v ? num(*v) : ""; }
std::string bn(double usd) { return fixed(usd / 1e9, 1); }
std::string range_pct(double lo, double hi) { return fixed(lo, 2) + "–" + fixed(hi, 2); }
std::string range_bn(double lo, double hi) { return bn(lo) + "–" + bn(hi); }

std::vector<std::string> element_header() {
  return {"code",
          "name",
          "element",
          "usd_low",
          "usd_high",
          "pct_gdp_low",
          "pct_gdp_high",
          "share_of_global_low",
          "share_of_global_high",
          "gap_usd",
          "gap_pct_gdp",
          "estimate_kind",
          "archetype",
          "element_estimate_kind",
          "evidence_source",
          "split",
          "peer_median_pct_gdp",
          "strength"};
}

void element_rows(const InvestEconomyProfile& p, std::vector<std::vector<std::string>>& rows) {
  for (const auto& e : p.elements) {
    rows.push_back({p.code, p.name, e.element, num(e.usd_low), num(e.usd_high), num(e.pct_gdp_low),
                    num(e.pct_gdp_high), num(e.share_of_global_low), num(e.share_of_global_high),
                    num(e.gap_usd), num(e.gap_pct_gdp), p.estimate_kind, p.archetype,
                    e.estimate_kind, e.evidence_source, num(e.split), num(e.peer_median_pct_gdp),
                    e.strength ? "true" : "false"});
  }
}

std::string profile_text(const InvestEconomyProfile& p) {
  std::string out = p.name + " (" + p.code + ")";
  out += "\n  cumulative AI value-chain investment 2010–2024: USD " +
         range_bn(p.total_usd_low, p.total_usd_high) +
         " bn = " + range_pct(p.pct_gdp_low, p.pct_gdp_high) + " % of GDP (" + p.estimate_kind +
         ", basis " + p.basis + (p.source_id.empty() ? "" : ", source " + p.source_id) + ")";
  if (p.gdp_year) {
    out += "\n  GDP USD " + bn(p.gdp_usd) + " bn (" + std::to_string(p.gdp_year) + ")";
  }
  out += "\n  share of global: " +
         range_pct(p.share_of_global_low * 100, p.share_of_global_high * 100) + " %";
  if (!p.archetype.empty()) {
    out += "\n  archetype: " + p.archetype + " (breadth " + std::to_string(p.breadth) + "/6";
    out += ", compute class " + p.compute_class + ")";
    if (!p.strengths.empty()) out += "\n  strengths: " + core::join(p.strengths, ", ");
    if (!p.lead_element.empty()) {
      out += "\n  lead element: " + p.lead_element + " (" + fixed(p.lead_ratio, 2) +
             " × its global-mix share)";
    }
    if (!p.next_archetype.empty()) {
      out += "\n  next: " + p.next_archetype;
      for (const auto& u : p.unmet) out += "\n    needs: " + u;
    }
  }
  out +=
      "\n  hosted compute: " + fixed(p.hosted_h100e, 0) + " H100e; infrastructure USD per H100e: " +
      (p.infra_usd_per_h100e_low
           ? fixed(*p.infra_usd_per_h100e_low, 0) + "–" + fixed(*p.infra_usd_per_h100e_high, 0)
           : std::string("-")) +
      "; facilities' declared USD per H100e: " +
      (p.facility_usd_per_h100e ? fixed(*p.facility_usd_per_h100e, 0) : std::string("-")) + "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : p.elements) {
    rows.push_back(
        {e.name, range_bn(e.usd_low, e.usd_high), range_pct(e.pct_gdp_low, e.pct_gdp_high),
         range_pct(e.share_of_global_low * 100, e.share_of_global_high * 100),
         fixed(e.peer_median_pct_gdp, 2), e.strength ? "yes" : "", e.estimate_kind, bn(e.gap_usd)});
  }
  out += api::text_table({"element", "USD bn", "% of GDP", "% of global", "peer median %",
                          "strength", "split basis", "gap USD bn"},
                         rows, 1);
  if (!p.programmes.empty()) {
    out += "\nprogrammes:\n";
    std::vector<std::vector<std::string>> pr;
    for (const auto& x : p.programmes) {
      pr.push_back({x.programme_id, x.economy, x.kind,
                    x.amount_usd_low ? range_bn(*x.amount_usd_low, *x.amount_usd_high) : "-",
                    core::join(x.elements, ";")});
    }
    out += api::text_table({"programme", "economy", "kind", "USD bn", "elements"}, pr, 3);
  }
  return out;
}

}  // namespace

std::string render(const InvestProfileResult& r, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(r));
  if (format == Format::kCsv) {
    std::vector<std::vector<std::string>> rows;
    element_rows(r.profile, rows);
    return io::format_csv(element_header(), rows);
  }
  return profile_text(r.profile) +
         "\nworld infrastructure USD per hosted H100e: " + fixed(r.world_usd_per_h100e, 0) + "\n";
}

std::string render(const InvestCompareResult& r, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(r));
  if (format == Format::kCsv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : r.rows) element_rows(p, rows);
    return io::format_csv(element_header(), rows);
  }
  std::vector<std::string> header = {"code", "kind", "% of GDP", "USD bn"};
  if (!r.rows.empty())
    for (const auto& e : r.rows[0].elements) header.push_back(e.element + " %GDP");
  header.push_back("archetype");
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : r.rows) {
    std::vector<std::string> row = {p.code, p.estimate_kind,
                                    range_pct(p.pct_gdp_low, p.pct_gdp_high),
                                    range_bn(p.total_usd_low, p.total_usd_high)};
    for (const auto& e : p.elements) row.push_back(range_pct(e.pct_gdp_low, e.pct_gdp_high));
    row.push_back(p.archetype.empty() ? "-" : p.archetype);
    rows.push_back(row);
  }
  return api::text_table(header, rows, 2);
}

std::string render(const InvestProjectResult& r, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(r));
  if (format == Format::kCsv) {
    const auto [header, rows] = api::csv_table(r.rows);
    return io::format_csv(header, rows);
  }
  std::string out = "seed " + std::to_string(r.meta.seed) + ", " + std::to_string(r.meta.draws) +
                    " draws, USD bn per year\n\n";
  std::vector<std::vector<std::string>> el;
  for (const auto& e : r.elements) {
    el.push_back({e.element, range_bn(e.base_low, e.base_high),
                  range_pct(e.growth_low * 100, e.growth_high * 100),
                  e.published_qualifier + " " + bn(e.published_2030),
                  e.median_2030 > 0 ? bn(e.median_2030) : "-", e.lands ? "yes" : "no"});
  }
  out += api::text_table(
      {"element", "2024 base", "growth %/yr", "published 2030", "median 2030", "lands"}, el, 1);
  out += "\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : r.rows) {
    rows.push_back({x.code, x.element, std::to_string(x.year), bn(x.p5), bn(x.p50), bn(x.p95)});
  }
  out += api::text_table({"code", "element", "year", "p5", "p50", "p95"}, rows, 2);
  return out;
}

std::string render(const InvestArchetypesResult& r, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(r));
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : r.rows) {
    rows.push_back({x.iso3, x.name, x.archetype, x.estimate_kind, x.compute_class,
                    format == Format::kCsv ? num(x.pct_gdp_mid) : fixed(x.pct_gdp_mid, 2),
                    format == Format::kCsv ? num(x.total_usd_mid) : bn(x.total_usd_mid),
                    std::to_string(x.breadth), x.next_archetype,
                    format == Format::kCsv ? num(x.gap_usd) : bn(x.gap_usd), x.lead_element,
                    core::join(x.strengths, ";")});
  }
  if (format == Format::kCsv) {
    return io::format_csv(
        {"iso3", "name", "archetype", "estimate_kind", "compute_class", "pct_gdp_mid",
         "total_usd_mid", "breadth", "next_archetype", "gap_usd", "lead_element", "strengths"},
        rows);
  }
  std::string out = "selective-player threshold: " + fixed(r.selective_threshold_pct, 2) +
                    " % of GDP (rest-of-world midpoint)\n";
  out += "peer median % of GDP by element (" + core::join(r.peers, ", ") + "):";
  for (const auto& [k, v] : r.peer_median_pct_gdp) out += " " + k + " " + fixed(v, 3);
  out += "\n";
  for (const auto& [a, n] : r.counts) out += "  " + a + ": " + std::to_string(n) + "\n";
  out += "\n";
  out += api::text_table({"iso3", "name", "archetype", "estimate", "compute", "% GDP", "USD bn",
                          "breadth", "next", "gap USD bn", "lead", "strengths"},
                         rows, 5);
  return out;
}

std::string render(const InvestProgrammesResult& r, Format format) {
  if (format == Format::kJson) return core::json_text(api::to_json(r));
  if (format == Format::kCsv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : r.programmes) {
      rows.push_back({p.programme_id, p.name, p.sponsor, p.economy, p.kind, opt_text(p.amount_low),
                      opt_text(p.amount_high), p.currency, opt_text(p.amount_usd_low),
                      opt_text(p.amount_usd_high), p.year_from ? std::to_string(p.year_from) : "",
                      p.year_to ? std::to_string(p.year_to) : "", core::join(p.elements, ";"),
                      p.part_of, p.source_id});
    }
    return io::format_csv({"programme_id", "name", "sponsor", "economy", "kind", "amount_low",
                           "amount_high", "currency", "amount_usd_low", "amount_usd_high",
                           "year_from", "year_to", "elements", "part_of", "source_id"},
                          rows);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : r.programmes) {
    std::string period = (p.year_from ? std::to_string(p.year_from) : std::string("?")) + "–" +
                         (p.year_to ? std::to_string(p.year_to) : std::string(""));
    rows.push_back(
        {p.programme_id, p.economy, p.kind,
         p.amount_low ? core::format_number(*p.amount_low / 1e9) + " bn " + p.currency : "-",
         p.amount_usd_low ? range_bn(*p.amount_usd_low, *p.amount_usd_high) : "-", period,
         core::join(p.elements, ";"), p.part_of});
  }
  std::string out = api::text_table(
      {"programme", "economy", "kind", "amount", "USD bn", "period", "elements", "part of"}, rows,
      3);
  out += "\ndisclosed total (rows not part of another): USD " +
         range_bn(r.total_usd_low, r.total_usd_high) + " bn at " + std::to_string(r.meta.fx_year) +
         " exchange rates\n";
  return out;
}

}  // namespace aisov
