#!/usr/bin/env python3
"""Regenerate data/economies.csv, data/indicators.csv, data/blocs.csv and
data/bloc_members.csv from public references.

Inputs: Debian's iso-codes (names), the UN M49 table, World Bank GDP and population, and
OWID/Ember electricity series, as staged in ../shared/data/raw (see each MANIFEST.md).
Bloc memberships are curated below with a source per bloc. Run from the repository root:

    /usr/bin/python3 tools/build_economies.py ../shared/data/raw
"""
import csv
import json
import os
import sys
import tempfile

RAW = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/raw"
OUT = "data"

# Extra names that data sources use for a country (importers match on these).
ALIASES = {
    "USA": ["United States of America", "US", "U.S.", "America"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "England",
            "United Kingdom of Great Britain and Northern Ireland"],
    "KOR": ["South Korea", "Korea (Republic of)", "Republic of Korea", "Korea, Rep.", "Korea"],
    "PRK": ["North Korea", "Korea, Dem. People's Rep."],
    "RUS": ["Russia", "Russian Federation"],
    "TWN": ["Taiwan", "Taiwan, Province of China", "Chinese Taipei"],
    "VNM": ["Vietnam", "Viet Nam"],
    "CZE": ["Czech Republic", "Czechia"],
    "TUR": ["Turkey", "Türkiye", "Turkiye"],
    "IRN": ["Iran", "Iran, Islamic Rep."],
    "ARE": ["UAE", "U.A.E.", "United Arab Emirates"],
    "HKG": ["Hong Kong", "Hong Kong SAR, China", "Hong Kong SAR"],
    "MAC": ["Macau", "Macao", "Macao SAR, China"],
    "LAO": ["Laos", "Lao PDR"],
    "SYR": ["Syria"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela", "Venezuela, RB"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova"],
    "BRN": ["Brunei", "Brunei Darussalam"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "SWZ": ["Swaziland", "Eswatini"],
    "MKD": ["Macedonia", "North Macedonia"],
    "PSE": ["Palestine", "West Bank and Gaza"],
    "COD": ["DRC", "DR Congo", "Congo (Kinshasa)", "Democratic Republic of the Congo",
            "Congo, Dem. Rep."],
    "COG": ["Congo (Brazzaville)", "Republic of the Congo", "Republic of Congo", "Congo, Rep."],
    "VAT": ["Vatican City", "Vatican", "Holy See"],
    "EGY": ["Egypt", "Egypt, Arab Rep."],
    "PHL": ["Philippines", "Philippines (the)"],
    "NLD": ["Netherlands", "Netherlands (the)", "Holland"],
    "GMB": ["Gambia", "Gambia, The"],
    "BHS": ["Bahamas", "Bahamas, The"],
    "YEM": ["Yemen", "Yemen, Rep."],
    "KGZ": ["Kyrgyzstan", "Kyrgyz Republic"],
    "SVK": ["Slovakia", "Slovak Republic"],
    "FSM": ["Micronesia", "Micronesia, Fed. Sts."],
    "LCA": ["Saint Lucia", "St. Lucia"],
    "KNA": ["Saint Kitts and Nevis", "St. Kitts and Nevis"],
    "VCT": ["Saint Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "TLS": ["East Timor", "Timor-Leste"],
    "MMR": ["Burma", "Myanmar"],
    "XKX": ["Kosovo"],
}

# Bloc memberships. joined/left dates are given where membership changed after 2000.
EU = "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE".split()
EU_JOINED = {"CYP": "2004-05-01", "CZE": "2004-05-01", "EST": "2004-05-01", "HUN": "2004-05-01",
             "LVA": "2004-05-01", "LTU": "2004-05-01", "MLT": "2004-05-01", "POL": "2004-05-01",
             "SVK": "2004-05-01", "SVN": "2004-05-01", "BGR": "2007-01-01", "ROU": "2007-01-01",
             "HRV": "2013-07-01"}
OECD = ("AUS AUT BEL CAN CHL COL CRI CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ISR ITA JPN KOR LVA "
        "LTU LUX MEX NLD NZL NOR POL PRT SVK SVN ESP SWE CHE TUR GBR USA").split()
OECD_JOINED = {"CHL": "2010-05-07", "SVN": "2010-07-21", "ISR": "2010-09-07", "EST": "2010-12-09",
               "LVA": "2016-07-01", "LTU": "2018-07-05", "COL": "2020-04-28", "CRI": "2021-05-25",
               "SVK": "2000-12-14"}
G7 = "CAN FRA DEU ITA JPN GBR USA".split()
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
BRICS = "BRA RUS IND CHN ZAF EGY ETH IRN ARE IDN".split()
BRICS_JOINED = {"ZAF": "2010-12-24", "EGY": "2024-01-01", "ETH": "2024-01-01", "IRN": "2024-01-01",
                "ARE": "2024-01-01", "IDN": "2025-01-06", "BRA": "2009-06-16", "RUS": "2009-06-16",
                "IND": "2009-06-16", "CHN": "2009-06-16"}
ASEAN = "BRN KHM IDN LAO MYS MMR PHL SGP THA VNM TLS".split()
ASEAN_JOINED = {"TLS": "2025-10-26"}
AU = ("DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG COD CIV DJI EGY GNQ ERI SWZ ETH GAB GMB GHA "
      "GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA ESH STP SEN SYC SLE SOM "
      "ZAF SSD SDN TZA TGO TUN UGA ZMB ZWE").split()
AU_JOINED = {"MAR": "2017-01-30", "SSD": "2011-07-27"}
GCC = "ARE BHR KWT OMN QAT SAU".split()
NATO = ("ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX MNE NLD MKD NOR "
        "POL PRT ROU SVK SVN ESP SWE TUR GBR USA").split()
NATO_JOINED = {"BGR": "2004-03-29", "EST": "2004-03-29", "LVA": "2004-03-29", "LTU": "2004-03-29",
               "ROU": "2004-03-29", "SVK": "2004-03-29", "SVN": "2004-03-29", "ALB": "2009-04-01",
               "HRV": "2009-04-01", "MNE": "2017-06-05", "MKD": "2020-03-27", "FIN": "2023-04-04",
               "SWE": "2024-03-07"}
# Power blocs of the reference census: US, China, Europe (EU27, EFTA and the UK).
POWER_EUROPE = EU + ["GBR", "CHE", "NOR", "ISL", "LIE"]

BLOCS = [
    ("eu", "European Union", "union", EU, EU_JOINED, {"GBR": ("", "2020-01-31")}, "bloc_eu"),
    ("oecd", "Organisation for Economic Co-operation and Development", "organisation", OECD,
     OECD_JOINED, {}, "bloc_oecd"),
    ("g7", "Group of Seven", "forum", G7, {}, {}, "bloc_g7"),
    ("g20", "Group of Twenty (country members)", "forum", G20, {}, {}, "bloc_g20"),
    ("brics", "BRICS", "forum", BRICS, BRICS_JOINED, {}, "bloc_brics"),
    ("asean", "Association of Southeast Asian Nations", "organisation", ASEAN, ASEAN_JOINED, {},
     "bloc_asean"),
    ("au", "African Union", "union", AU, AU_JOINED, {}, "bloc_au"),
    ("gcc", "Gulf Cooperation Council", "organisation", GCC, {}, {}, "bloc_gcc"),
    ("nato", "North Atlantic Treaty Organization", "alliance", NATO, NATO_JOINED, {}, "bloc_nato"),
    ("power-us", "United States (power bloc)", "power_bloc", ["USA"], {}, {}, "method_power_blocs"),
    ("power-china", "China (power bloc)", "power_bloc", ["CHN", "HKG", "MAC"], {}, {},
     "method_power_blocs"),
    ("power-europe", "Europe (power bloc: EU27, EFTA, UK)", "power_bloc", POWER_EUROPE, {}, {},
     "method_power_blocs"),
]

SOURCES = [
    ("iso_codes_debian", "Debian iso-codes project", "ISO 3166-1 country names (iso-codes 4.15.0)",
     "https://salsa.debian.org/iso-codes-team/iso-codes", "2023", "LGPL-2.1+", ""),
    ("un_m49_lukes", "United Nations Statistics Division via lukes/ISO-3166-Countries-with-Regional-Codes",
     "ISO 3166 with UN M49 regions (commit 145f1ad3)",
     "https://github.com/lukes/ISO-3166-Countries-with-Regional-Codes", "2024-06-19", "CC BY-SA 4.0", ""),
    ("wb_gdp", "World Bank via datasets/gdp", "GDP (current US$), NY.GDP.MKTP.CD (commit 822019c8)",
     "https://github.com/datasets/gdp", "2026-03-20", "CC BY 4.0", ""),
    ("wb_population", "World Bank via datasets/population", "Population, total, SP.POP.TOTL (commit 425fc447)",
     "https://github.com/datasets/population", "2025", "CC BY 4.0", ""),
    ("owid_ember_generation", "Our World in Data; Ember; Energy Institute",
     "Electricity generation (TWh), grapher export", "https://ourworldindata.org/grapher/electricity-generation",
     "2024", "CC BY 4.0", ""),
    ("owid_ember_carbon", "Our World in Data; Ember", "Carbon intensity of electricity generation (gCO2/kWh)",
     "https://ourworldindata.org/grapher/carbon-intensity-electricity", "2025", "CC BY 4.0", ""),
    ("imf_weo_twn", "International Monetary Fund", "World Economic Outlook database, October 2024: Taiwan Province of China (NGDPD, LP)",
     "https://www.imf.org/external/datamapper/profile/TWN", "2024-10", "IMF terms (free reuse with attribution)",
     "GDP USD 756.59 bn and population 23.4 m for 2023"),
    ("bloc_eu", "European Union", "EU countries", "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
     "2025", "public web page", "UK withdrawal 2020-01-31"),
    ("bloc_oecd", "OECD", "Members and partners", "https://www.oecd.org/en/about/members-partners.html",
     "2025", "public web page", ""),
    ("bloc_g7", "G7", "G7 members", "https://www.g7italy.it/en/il-g7/", "2024", "public web page", ""),
    ("bloc_g20", "G20", "About the G20: members", "https://g20.org/about-g20/", "2025", "public web page",
     "EU and African Union are also members; they are blocs, not economies"),
    ("bloc_brics", "BRICS", "BRICS member countries (2024 and 2025 enlargements)", "https://brics.br/en/about-brics",
     "2025", "public web page", "Saudi Arabia invited but has not confirmed membership; not listed"),
    ("bloc_asean", "ASEAN Secretariat", "ASEAN member states", "https://asean.org/member-states/", "2025",
     "public web page", "Timor-Leste admitted as 11th member at the October 2025 summit"),
    ("bloc_au", "African Union", "Member states", "https://au.int/en/member_states/countryprofiles2", "2025",
     "public web page", "includes the Sahrawi Republic (ISO ESH)"),
    ("bloc_gcc", "Gulf Cooperation Council", "Member states", "https://www.gcc-sg.org/en", "2025",
     "public web page", ""),
    ("bloc_nato", "NATO", "NATO member countries", "https://www.nato.int/cps/en/natohq/topics_52044.htm",
     "2024-03-07", "public web page", "Sweden joined 2024-03-07"),
    ("method_power_blocs", "aisov", "Power-bloc grouping of operator jurisdictions (docs/methodology.md)",
     "", "2026-11-23", "CC BY 4.0",
     "US, China (incl. Hong Kong and Macao) and Europe (EU27, EFTA, UK), following the three-bloc design of the Oxford census"),
]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    """Writes atomically: a temporary file in the same directory, then rename."""
    d = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    os.replace(tmp, path)


def latest(path, value_col, key="Code"):
    best = {}
    for r in read_csv(path):
        code = r[key]
        if len(code) != 3 or not r[value_col]:
            continue
        year = int(r["Year"])
        if code not in best or year > best[code][0]:
            best[code] = (year, float(r[value_col]))
    return best


def fmt(v):
    s = f"{v:.6g}" if abs(v) < 1e6 else f"{v:.0f}"
    return s


def main():
    iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]
    m49 = {r["alpha-3"]: r for r in read_csv(os.path.join(RAW, "iso3166-lukes/all.csv"))}
    wb_names = {}
    for r in read_csv(os.path.join(RAW, "worldbank-gdp/gdp.csv")):
        wb_names[r["Country Code"]] = r["Country Name"]

    econ_rows = []
    for c in sorted(iso, key=lambda c: c["alpha_3"]):
        a3 = c["alpha_3"]
        name = c.get("common_name") or c["name"]
        names = {c["name"], c.get("official_name", ""), c.get("common_name", ""),
                 m49.get(a3, {}).get("name", ""), wb_names.get(a3, "")}
        names.update(ALIASES.get(a3, []))
        aliases = sorted(n for n in names if n and n != name and ";" not in n)
        reg = m49.get(a3, {})
        if a3 == "TWN" and not reg.get("region"):
            # UN M49 does not list Taiwan separately; geographically Eastern Asia.
            reg = {"region": "Asia", "sub-region": "Eastern Asia"}
        econ_rows.append([a3, c["alpha_2"], c["numeric"], name, ";".join(aliases),
                          reg.get("region", ""), reg.get("sub-region", ""),
                          "iso_codes_debian;un_m49_lukes"])
    write_csv(os.path.join(OUT, "economies.csv"),
              ["iso3", "iso2", "m49", "name", "aliases", "un_region", "un_subregion", "source_id"],
              econ_rows)
    known = {r[0] for r in econ_rows}

    ind = []
    series = [
        ("gdp_usd", latest(os.path.join(RAW, "worldbank-gdp/gdp.csv"), "Value", "Country Code"), "wb_gdp"),
        ("population", latest(os.path.join(RAW, "worldbank-population/population.csv"), "Value",
                              "Country Code"), "wb_population"),
        ("electricity_generation_twh", latest(os.path.join(RAW, "owid-electricity/electricity-generation.csv"),
                                              "Electricity generation - TWh"), "owid_ember_generation"),
        ("carbon_intensity_gco2_per_kwh",
         latest(os.path.join(RAW, "owid-electricity/carbon-intensity-electricity.csv"),
                "Carbon intensity of electricity - gCO2/kWh"), "owid_ember_carbon"),
    ]
    # The World Bank does not publish Taiwan; the IMF does.
    series[0][1]["TWN"] = (2023, 756.59e9)
    series[1][1]["TWN"] = (2023, 23.4e6)
    srcs = {"TWN": "imf_weo_twn"}
    for name, data, src in series:
        for code in sorted(data):
            if code not in known:
                continue  # aggregates such as WLD, EUU
            year, value = data[code]
            ind.append([code, name, year, fmt(value),
                        srcs.get(code, src) if name in ("gdp_usd", "population") else src])
    write_csv(os.path.join(OUT, "indicators.csv"),
              ["iso3", "indicator", "year", "value", "source_id"], ind)

    blocs, members = [], []
    for bid, bname, kind, mem, joined, left, src in BLOCS:
        blocs.append([bid, bname, kind, src])
        for m in mem:
            assert m in known, (bid, m)
            members.append([bid, m, joined.get(m, ""), "", src])
        for m, (j, l) in left.items():
            members.append([bid, m, j, l, src])
    write_csv(os.path.join(OUT, "blocs.csv"), ["bloc_id", "name", "kind", "source_id"], blocs)
    write_csv(os.path.join(OUT, "bloc_members.csv"),
              ["bloc_id", "iso3", "joined", "left", "source_id"], members)
    write_csv(os.path.join(OUT, "sources", "economies.csv"),
              ["source_id", "producer", "title", "url", "published", "accessed", "licence", "notes"],
              [[s[0], s[1], s[2], s[3], s[4], "2026-11-23", s[5], s[6]] for s in SOURCES])


if __name__ == "__main__":
    main()
