#!/usr/bin/env bash
# Times `vum followups --json` against PostgreSQL beside psql running the
# same query, both as whole processes, alternating, and prints the median
# and slowest of each.
#   docs/bench/pg-followups.sh 'postgres://vum@127.0.0.1:5432/vum' 2026-12-25 [runs]
set -euo pipefail
db=$1 before=$2 runs=${3:-21}
vum=${VUM:-vum}
schema=$(sed -n 's/.*search_path=\([a-z0-9_]*\).*/\1/p' <<<"$db")
schema=${schema:-vum}
base=$(sed 's/[?&]search_path=[a-z0-9_]*//' <<<"$db")
sql="SELECT due, case_id, grant_id, responsible, value FROM $schema.due WHERE due <= '$before' ORDER BY due, case_id, grant_id"
ms() { local a b; a=$(date +%s%N); "$@" >/dev/null; b=$(date +%s%N); echo $(((b - a) / 1000)); }
"$vum" --db "$db" followups --json --before "$before" >/dev/null
psql "$base" -Atc "$sql" >/dev/null
v=() p=()
for _ in $(seq "$runs"); do
  v+=("$(ms "$vum" --db "$db" followups --json --before "$before")")
  p+=("$(ms psql "$base" -Atc "$sql")")
done
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms, max %.1f ms", a[int((NR+1)/2)]/1000, a[NR]/1000}'; }
echo "vum followups --json: $(printf '%s\n' "${v[@]}" | stats) ($runs runs)"
echo "psql, same query:     $(printf '%s\n' "${p[@]}" | stats)"
echo "rows: $("$vum" --db "$db" followups --json --before "$before" | grep -c '"case_id"')"
