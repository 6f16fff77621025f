#!/usr/bin/env python3
"""Regenerates the seed corpora in tests/fuzz/corpus/<target>/ from the fixtures and bundled
files (run from anywhere; overwrites the seeds it writes, leaves other files alone)."""
import json
import os
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"
TINY = ROOT / "tests/fixtures/tiny"


def put(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


# CSV reader: a few fixture tables and the shapes the strict reader must reject.
for t in ["facilities", "economies", "sources", "optimise_parameters"]:
    put("fuzz_csv", t + ".csv", (TINY / f"{t}.csv").read_bytes())
put("fuzz_csv", "quoted.csv", 'a,"b ""q""",c\r\n"x\ny",,z\r\n')
put("fuzz_csv", "broken.csv",
    (ROOT / "tests/fixtures/broken/csv-unclosed-quote/facilities.csv").read_bytes())

# Dataset loader: the tiny fixture as one archive (see fuzz_dataset.cpp), and a variant with a
# table split into a directory.
def archive(files):
    return "".join(f"@@ {n}\n{c}" if c.endswith("\n") else f"@@ {n}\n{c}\n" for n, c in files)


tiny = sorted((p.name, p.read_text()) for p in TINY.iterdir() if p.is_file())
put("fuzz_dataset", "tiny.txt", archive(tiny))
split = []
for n, c in tiny:
    if n == "facilities.csv":
        lines = c.splitlines(keepends=True)
        split.append(("facilities/a.csv", "".join(lines[:2])))
        split.append(("facilities/b.csv", "".join([lines[0]] + lines[2:])))
    else:
        split.append((n, c))
put("fuzz_dataset", "tiny-split.txt", archive(split))
put("fuzz_dataset", "manifest-only.txt", archive([("manifest.toml", (TINY / "manifest.toml").read_text())]))

# Scenario files: bundled TOML, the fixtures, and JSON translations.
for p in sorted((ROOT / "scenarios").glob("*.toml"))[:4] + sorted(
        (ROOT / "tests/fixtures/scenarios").glob("*.toml")):
    put("fuzz_scenario_toml", p.name, p.read_bytes())
    try:
        put("fuzz_scenario_json", p.stem + ".json", json.dumps(tomllib.loads(p.read_text()), indent=1))
    except tomllib.TOMLDecodeError:
        pass
put("fuzz_scenario_json", "all-kinds-small.json",
    (ROOT / "tests/fixtures/scenarios/all-kinds-small.json").read_bytes())

# Optimiser files (docs/methodology.md §14.1).
put("fuzz_optimise_spec", "minimal.toml", 'economy = "IDN"\nbudget_usd = 2e9\ndraws = 200\n')
put("fuzz_optimise_spec", "full.toml", '''economy = "FRA"
budget_usd = 5e9
budget_per_year_usd = 2e9
horizon = 2030
risk_aversion = 2
alpha = 0.9
scenario = "strategy-stress"
draws = 500
target_h100e = 1000
frontier = [0, 0.5, 1, 4]

[constraints]
grid_mw = 1e6
power_price_usd_per_mwh = 80
water_ml_per_year = 1e9
land_ha = 1e9
workforce_fte = 5000
permitting_years = 1.5

[parameters]
project_mw = 30
facility_capex_usd_per_mw = 1.2e7
chip_usd_per_h100e = { USA = 30000, CHN = 28000 }
breakpoints = [0, 0.5, 1, 2]

[[value_chain]]
element = "data"
current_usd = 1e8
benchmark_usd = 1e9
coefficient = 0.5

[[value_chain]]
element = "talent"
current_usd = 0
benchmark_usd = 1e12
''')
put("fuzz_optimise_spec", "bad.toml", 'economy = "IDN"\nbudget_usd = 1e9\n[constraints]\ngrid_mw = "lots"\nbogus = 1\n')

# Importers: first byte picks the format (fuzz_import.cpp). Synthetic rows only.
put("fuzz_import", "epoch.csv", "0" + '''Name,Status,Country,Owner,H100 equivalents,First Operational Date,Power Capacity (MW),Chip type (primary),Chip quantity (primary),Certainty,Location,Reported Cost,Possible Duplicate,Decommissioned Date (if applicable)
Cluster A,Existing,Germany,DE Cloud,2000,2024-03-01,5,NVIDIA H100 SXM5 80GB,2000,Confirmed,Nuremberg,5e8,False,
Cluster B,Planned,Kenya,"Savannah Compute, Inc",,2026,100,,,Likely,Nairobi,,False,
Cluster C,Decommissioned,United States of America,US Cloud,1000,2019-05,20,NVIDIA V100,3000,Confirmed,,,True,2023-01-01
''')
reg_cols = ["p_id", "country", "description", "url", "year_announced", "year_end", "us_companies",
            "us_operator_companies", "us_government_involvement", "china_companies",
            "chinese_operator_companies", "china_government_involvement",
            "domestic_government_involvement", "domestic_operator", "other_operator_company",
            "country_of_other_company_involvement", "Total investment",
            "Investments (project-specific)", "Peak FLOP/s"]
reg_rows = [
    ["1", "Germany", "A new AI data centre", "https://example.org/1", "2023", "2025", "US Cloud",
     "US Cloud", "0", "", "", "0", "1", "", "", "", "5000000000", "1000000000", "1e18"],
    ["2", "Kenya; Brazil", "Joint campus", "https://example.org/2", "2024", "", "", "", "0",
     "Huawei", "Huawei", "1", "0", "", "Other Co", "France", "", "2e8", ""],
    ["2", "Kenya; Brazil", "Joint campus", "https://example.org/2", "2024", "", "", "", "0",
     "Huawei", "Huawei", "1", "0", "", "Other Co", "France", "", "2e8", ""],
]
def csv_line(cells):
    return ",".join('"' + c.replace('"', '""') + '"' if any(x in c for x in ',"\n') else c for c in cells) + "\n"
reg = csv_line(reg_cols) + "".join(csv_line(r) for r in reg_rows)
put("fuzz_import", "registry-total.csv", "1" + reg)
put("fuzz_import", "registry-project.csv", "5" + reg)
put("fuzz_import", "facility.csv", "2" + '''Site,Country,Status,MW,H100e,Operator,Opened
Nairobi AI One,Kenya,Operational,12,4000,Savannah Compute,2024-02
Frankfurt Two,DEU,operational,30,8000,DE Cloud,2023-09
Recife Site,Brazil,planned,,,,
''')
put("fuzz_import", "electricity.csv", "3" + '''# Elec price is for businesses for month of June 2019
# synthetic rows
Country,Elec Price (USD/kWh)
Germany,0.21
Kenya,0.16
Brazil,0.13
United States,0.11
''')

# HTTP requests (fuzz_server.cpp sends these bytes as they are).
def req(method, target, body="", ctype="text/plain", extra=""):
    head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}"
    if body or method == "POST":
        head += f"Content-Type: {ctype}\r\nContent-Length: {len(body.encode())}\r\n"
    return head + "\r\n" + body

put("fuzz_server", "census.http", req("GET", "/api/v1/census?by=bloc&weight=h100e&as_of=2024-11-30"))
put("fuzz_server", "profile.http", req("GET", "/api/v1/profile/DEU?format=csv"))
put("fuzz_server", "sites.http", req("GET", "/api/v1/sites"))
put("fuzz_server", "validate.http", req("GET", "/api/v1/data/validate"))
put("fuzz_server", "scenarios.http", req("GET", "/api/v1/scenarios/taiwan-foundry"))
put("fuzz_server", "scenario-check.http",
    req("POST", "/api/v1/scenario/check", (ROOT / "tests/fixtures/scenarios/all-kinds-small.json").read_text(),
        "application/json"))
put("fuzz_server", "scenario-run.http",
    req("POST", "/api/v1/scenario/run?draws=50&economies=DEU,USA", (ROOT / "tests/fixtures/scenarios/all-kinds.toml").read_text(),
        "application/toml"))
put("fuzz_server", "job.http", req("POST", "/api/v1/jobs/scenario?name=taiwan-foundry&draws=100"))
put("fuzz_server", "jobs-get.http", req("GET", "/api/v1/jobs/1/events") + req("DELETE", "/api/v1/jobs/1"))
put("fuzz_server", "invest.http",
    req("GET", "/api/v1/invest/compare?economies=DEU,FRA", extra="Connection: keep-alive\r\n")
    + req("GET", "/api/v1/invest/project?economy=DEU&draws=20"))
put("fuzz_server", "optimise.http",
    req("POST", "/api/v1/optimise?align=false", '{"economy": "DEU", "budget_usd": 1e9, "draws": 20}',
        "application/json"))
put("fuzz_server", "site-place.http",
    req("GET", "/api/v1/site?economy=DEU&mw=20") + req("GET", "/api/v1/place?economy=DEU&policy=strict"))
put("fuzz_server", "chunked.http",
    "POST /api/v1/scenario/check HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
    "Content-Type: application/toml\r\n\r\n5\r\nname=\r\n3\r\n\"x\"\r\n0\r\n\r\n")
