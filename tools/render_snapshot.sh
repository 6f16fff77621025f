#!/usr/bin/env bash
# Writes the CLI output of every bundled example, in every format, into DIR (one file per
# command and format), so that a refactor of the renderers can be checked byte for byte:
#   tools/render_snapshot.sh /tmp/before && (change, rebuild) && tools/render_snapshot.sh /tmp/after
#   diff -r /tmp/before /tmp/after
# The optimiser's solver wall time ("seconds") is masked. AISOV names the binary (default
# build/aisov); run from the repository root.
set -euo pipefail
out=${1:?usage: tools/render_snapshot.sh DIR}
bin=${AISOV:-build/aisov}
mkdir -p "$out"
n=0
# snap NAME ARGS...: the command in table, csv and json (stdout and exit status).
snap() {
  local name=$1
  shift
  for f in table csv json; do
    local rc=0
    "$bin" "$@" --format "$f" >"$out/$name.$f" 2>"$out/$name.$f.err" || rc=$?
    echo "$rc" >"$out/$name.$f.rc"
    # The optimiser reports its solver's wall time: the one value that differs run to run.
    sed -i -E 's/("seconds": )[0-9.eE+-]+/\1"(wall time, masked)"/' "$out/$name.$f"
    n=$((n + 1))
  done
}
for by in economy bloc provider provider-jurisdiction; do
  for w in regions h100e mw investment energy; do
    snap "census-$by-$w" census --by "$by" --weight "$w"
  done
done
snap census-ref9 census --providers reference-nine --as-of 2024-11-30
snap census-ref9-provider census --providers reference-nine --as-of 2024-11-30 --by provider
snap census-2024 census --as-of 2024-12-31
snap census-kinds census --site-kinds sovereign,government --by bloc
for e in DEU KEN IRL IDN USA CHN TUV; do snap "profile-$e" profile "$e"; done
snap profile-KEN-2024 profile KEN --as-of 2024-11-30
snap profile-DEU-h100e profile DEU --weight h100e
snap sites sites
snap sites-2024 sites --as-of 2024-11-30 --providers reference-nine
snap sources data sources
snap validate data validate
snap info data info
snap scenario-list scenario list
for s in scenarios/*.toml; do
  name=$(basename "$s" .toml)
  snap "scenario-check-$name" scenario check "$s"
  snap "scenario-run-$name" scenario run "$s" --draws 200 --seed 7
done
snap scenario-run-tf-years scenario run taiwan-foundry --draws 200 --seed 7 \
  --economies USA,DEU,IND,eu --years 2027,2030
for e in DEU KOR USA IDN; do snap "invest-profile-$e" invest profile "$e"; done
snap invest-compare invest compare USA,CHN,IND,eu
snap invest-project invest project --to 2030 --draws 200 --seed 1 --economies USA,IND
snap invest-archetypes invest archetypes
snap invest-programmes invest programmes
snap invest-programmes-eu invest programmes --economy eu
snap optimise-idn optimise --economy IDN --budget 5e9 --draws 100
snap optimise-idn-frontier optimise --economy IDN --budget 5e9 --draws 100 --frontier
snap optimise-idn-sensitivity optimise --economy IDN --budget 5e9 --draws 100 --sensitivity
snap site-sea site --in IDN,MYS,SGP --demand Jakarta --prefer asean --w-latency 2
snap site-all site
snap site-workload site --in IDN,MYS,SGP,eu --demand Jakarta --mw 50
snap place-training place --accelerator training --count 64 --hours 720 --territory eu
snap place-any place --accelerator any --count 8 --hours 10 --sort latency
# Results that the CLI reports as lines (stdout and stderr) rather than through a renderer: an
# import onto the tiny fixture and a scenario shard. Their files go to a fixed scratch folder so
# that the paths printed are the same in two snapshots; the shard's bytes are kept as a checksum.
work=${TMPDIR:-/tmp}/aisov-render-snapshot
rm -rf "$work" && mkdir -p "$work"
printf '%s\n' "Site,Country,Status,MW,H100e,Operator,Opened" \
  "Nairobi AI One,Kenya,Operational,12,4000,Savannah Compute,2024-02" \
  "Frankfurt Two,DEU,operational,30,8000,DE Cloud,2023-09" \
  "Recife Site,Brazil,planned,,,," >"$work/in.csv"
snap import-facility-csv --data tests/fixtures/tiny data import facility-csv "$work/in.csv" \
  --out "$work/imported" --force \
  --map name=Site,country=Country,status=Status,power_mw=MW,h100e=H100e,operator=Operator,first_operational=Opened \
  --source-id my-list --source-title "My facility list" --source-url https://example.org/my-list
snap scenario-shard scenario run taiwan-foundry --draws 200 --seed 7 --draw-range 50:120 \
  --samples-out "$work/shard.bin"
sha256sum "$work/shard.bin" | cut -d' ' -f1 >"$out/scenario-shard.bin.sha256"
echo "$n outputs in $out"
