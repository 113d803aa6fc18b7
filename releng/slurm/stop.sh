#!/usr/bin/env bash
# Stops the loopback SLURM cluster of releng/slurm/start.sh: both daemons (scontrol shutdown, then
# their pid files), then munged by its pid file. Its folder is kept (logs); start.sh starts clean.
#   releng/slurm/stop.sh [FOLDER]     (default: $CARNOT_SLURM_DIR, else /tmp/carnot-slurm)
set -uo pipefail
D="$(readlink -m "${1:-${CARNOT_SLURM_DIR:-/tmp/carnot-slurm}}")"
[[ -f $D/slurm.conf ]] || { echo "slurm: no cluster in $D"; exit 0; }
export SLURM_CONF=$D/slurm.conf PATH="$PATH:/usr/sbin"
timeout 10 scontrol shutdown >/dev/null 2>&1 || true
# Only the processes of this cluster, by the pid files it wrote.
for pidfile in "$D/slurmctld.pid" "$D/slurmd.pid" "$D/munged.pid"; do
  [[ -s $pidfile ]] || continue
  pid=$(cat "$pidfile")
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; [[ $pidfile == */munged.pid ]] && kill "$pid" 2>/dev/null; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  rm -f "$pidfile"
done
echo "slurm: stopped ($D kept for its logs)"
