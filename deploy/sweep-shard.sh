#!/usr/bin/env bash
# One shard of a sweep: part SHARD_INDEX of SHARDS of the seeds SEEDS, as JSON lines in
# $OUT_DIR/shard-I-of-N.jsonl, its summary in shard-I-of-N.summary.txt, failing seeds' experiments
# in $OUT_DIR/corpus/. Settings: see docs/deploy.md.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# A Kubernetes Indexed Job numbers its pods from 0 in JOB_COMPLETION_INDEX; shards count from 1.
if [ -z "${SHARD_INDEX:-}" ]; then
  if [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
    case $JOB_COMPLETION_INDEX in *[!0-9]*) fail_input "JOB_COMPLETION_INDEX must be an integer, got '$JOB_COMPLETION_INDEX'" ;; esac
    SHARD_INDEX=$((JOB_COMPLETION_INDEX + 1))
  elif [ "$SHARDS" = 1 ]; then
    SHARD_INDEX=1
  else
    fail_input "set SHARD_INDEX (1..$SHARDS) or JOB_COMPLETION_INDEX (0..$((SHARDS - 1)))"
  fi
fi
case $SHARD_INDEX in '' | *[!0-9]* | 0*) fail_input "SHARD_INDEX must be a positive integer, got '$SHARD_INDEX'" ;; esac
[ "$SHARD_INDEX" -le "$SHARDS" ] || fail_input "SHARD_INDEX $SHARD_INDEX is above SHARDS $SHARDS"

# All the cores this container may use: a CPU limit (cgroup v2 quota) caps it below the machine's
# count, which is what nproc and the CLI's default see. JOBS overrides.
if [ -z "${JOBS:-}" ]; then
  JOBS=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
  if [ -r /sys/fs/cgroup/cpu.max ]; then
    read -r quota period </sys/fs/cgroup/cpu.max
    if [ "$quota" != max ] && [ $(((quota + period - 1) / period)) -lt "$JOBS" ]; then
      JOBS=$(((quota + period - 1) / period))
    fi
  fi
fi

name="shard-$SHARD_INDEX-of-$SHARDS"
out="$OUT_DIR/$name.jsonl"
summary="$OUT_DIR/$name.summary.txt"
# A retried shard must not leave last run's file for the merge to take as this run's: remove it
# first, and write the new one under a hidden name, renamed only once the sweep has finished.
rm -f "$out" "$summary"
tmp="$OUT_DIR/.$name.jsonl.tmp"

args=(sweep "$SCENARIO" --seeds "$SEEDS" --shard "$SHARD_INDEX/$SHARDS" --jobs "$JOBS" --json --no-timings)
[ -z "$FOR" ] || args+=(--for "$FOR")
# MUTATE is a list of mutation ids separated by spaces or commas; split on purpose.
# shellcheck disable=SC2206
[ -z "${MUTATE:-}" ] || args+=(--mutate $MUTATE)
args+=(--save-failures "$OUT_DIR/corpus")

echo "$0: ${SIM[*]} ${args[*]} > $out" >&2
# JSON lines to the file; the summary (stderr) both to the log and to its own file.
set +e
"${SIM[@]}" "${args[@]}" 2>&1 >"$tmp" | tee "$summary" >&2
status=${PIPESTATUS[0]}
set -e

# Exit 1 is also what node gives a crash (a missing module, say); a sweep that found failing seeds
# has printed their lines, so an empty output means the sweep did not run.
if [ "$status" = 1 ] && [ ! -s "$tmp" ]; then
  echo "$0: $name exited 1 without any output: an error, not a finding" >&2
  status=3
fi

case $status in
  0 | 1)
    mv "$tmp" "$out"
    # Exit 1 means some seed failed: a finding, not a broken shard. Exit 0 so that the engine
    # goes on to the merge, which reports the failures (and exits 1).
    [ "$status" = 0 ] || echo "$0: $name found failing seeds; the merge reports them" >&2
    exit 0
    ;;
  *)
    # 2 bad input, 3 internal error, or killed: the shard's result cannot be trusted.
    rm -f "$tmp"
    echo "$0: $name failed with exit code $status" >&2
    exit "$status"
    ;;
esac
