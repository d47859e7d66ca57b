#!/usr/bin/env bash
# A sharded sweep on Kubernetes, in order: the volume, the sweep job, wait, the merge job, its
# report. IMAGE replaces the manifests' image (push the Dockerfile's image where the cluster can
# pull it); SHARDS, SEEDS and the rest are set in the manifests. Exit code: the merge's verdict.
set -euo pipefail
cd "$(dirname "$0")"
IMAGE=${IMAGE:-recovery-sim:latest}

# A Job's pod template cannot be changed: a new run replaces the previous run's jobs.
kubectl delete job recovery-sim-sweep recovery-sim-merge --ignore-not-found
kubectl apply -f pvc.yaml
sed "s|image: recovery-sim:latest|image: $IMAGE|" sweep-job.yaml | kubectl apply -f -

# kubectl wait --for=condition=complete alone would wait until its timeout when the job fails
# (a shard that could not run, or the merge finding a failing seed), so wait for either.
wait_job() {
  local conditions
  while :; do
    conditions=$(kubectl get job "$1" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}')
    case " $conditions" in
      *" Complete "*) return 0 ;;
      *" Failed "*) return 1 ;;
    esac
    sleep 10
  done
}

# The merge runs even if some shard failed for good: it names the missing shards.
wait_job recovery-sim-sweep || echo "the sweep job failed: some shard could not run (see kubectl logs)" >&2
sed "s|image: recovery-sim:latest|image: $IMAGE|" merge-job.yaml | kubectl apply -f -
status=0
wait_job recovery-sim-merge || status=1
kubectl logs job/recovery-sim-merge
exit "$status"
