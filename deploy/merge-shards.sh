#!/usr/bin/env bash
# Merge the shards of a sweep ($OUT_DIR/shard-*-of-$SHARDS.jsonl): the summary to the log and to
# $OUT_DIR/merged.summary.txt, every run in seed order to $OUT_DIR/merged.jsonl. Exit code: the
# merge's (0 every run passed, 1 some run failed, 2 shards missing, overlapping or bad).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Every shard by name, in order (what the pattern shard-*-of-N.jsonl would match, with 10 after
# 9): a missing one is still passed, so that the merge names it and exits 2.
args=(merge)
for ((i = 1; i <= SHARDS; i++)); do
  file="$OUT_DIR/shard-$i-of-$SHARDS.jsonl"
  [ -f "$file" ] || echo "$0: $file is missing: that shard did not finish" >&2
  args+=("$file")
done
# A time-budgeted shard runs only a prefix of its seeds: accept prefixes.
[ -z "$FOR" ] || args+=(--partial)

rm -f "$OUT_DIR/merged.jsonl" "$OUT_DIR/merged.summary.txt"
echo "$0: ${SIM[*]} ${args[*]}" >&2
set +e
"${SIM[@]}" "${args[@]}" 2>&1 | tee "$OUT_DIR/merged.summary.txt"
status=${PIPESTATUS[0]}
# Its messages are the ones just printed, so they are not repeated.
"${SIM[@]}" "${args[@]}" --json >"$OUT_DIR/.merged.jsonl.tmp" 2>/dev/null
json_status=$?
set -e

# As for a shard: exit 1 with nothing merged is a crash, not a failing run.
if [ "$status" = 1 ] && [ ! -s "$OUT_DIR/.merged.jsonl.tmp" ]; then
  echo "$0: the merge exited 1 without merging anything: an error, not a finding" >&2
  status=3
fi
if [ "$json_status" -le 1 ] && [ "$status" -le 1 ]; then
  mv "$OUT_DIR/.merged.jsonl.tmp" "$OUT_DIR/merged.jsonl"
else
  rm -f "$OUT_DIR/.merged.jsonl.tmp"
  [ "$status" -ge 2 ] || { echo "$0: merge --json failed with exit code $json_status" >&2; status=$json_status; }
fi
exit "$status"
