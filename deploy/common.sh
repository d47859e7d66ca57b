# shellcheck shell=bash
# Settings shared by sweep-shard.sh and merge-shards.sh (sourced, not run). Both are configured by
# environment variables so the same scripts serve GitHub Actions, a Kubernetes Job and a laptop.

# Colour codes would end up in the summary files and in CI logs.
export NO_COLOR=1

SCENARIO=${SCENARIO:-random-faults}
SEEDS=${SEEDS:-1..10000}
SHARDS=${SHARDS:-1}
FOR=${FOR:-}
# The container image mounts its volume at /out; elsewhere the outputs go to ./out.
if [ -z "${OUT_DIR:-}" ]; then
  if [ -d /out ] && [ -w /out ]; then OUT_DIR=/out; else OUT_DIR=./out; fi
fi

# The command to run, split on spaces (so "node /path/bin/recovery-sim.js" works; no spaces in
# paths). The installed binary if there is one, else this checkout's.
if [ -z "${RECOVERY_SIM:-}" ]; then
  if command -v recovery-sim >/dev/null 2>&1; then
    RECOVERY_SIM=recovery-sim
  else
    RECOVERY_SIM="node $(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bin/recovery-sim.js"
  fi
fi
# shellcheck disable=SC2034 # used by the scripts that source this file
read -r -a SIM <<<"$RECOVERY_SIM"

# Bad settings exit 2, as the CLI does for bad input: retrying cannot fix them.
fail_input() {
  echo "$0: $*" >&2
  exit 2
}

case $SHARDS in '' | *[!0-9]* | 0*) fail_input "SHARDS must be a positive integer, got '$SHARDS'" ;; esac
mkdir -p "$OUT_DIR" || fail_input "cannot create OUT_DIR '$OUT_DIR'"
