#!/usr/bin/env bash
# Starts a real single-node SLURM cluster on loopback (127.0.0.1), without systemd, with all its
# state in one folder: the recipe of /work/shared/SCALE-OUT.md (Debian's slurmctld, slurmd,
# slurm-client and munge; installed with apt by releng/setup.sh --slurm if missing).
#   releng/slurm/start.sh [FOLDER]     (default: $CARNOT_SLURM_DIR, else /tmp/carnot-slurm)
# Then: export SLURM_CONF=FOLDER/slurm.conf (printed; also in FOLDER/env), and stop it with
# releng/slurm/stop.sh FOLDER. The node states exactly the machine's CPUs ($(nproc)) and 90 % of its
# memory: stating more makes slurmd drain the node.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
D="$(readlink -m "${1:-${CARNOT_SLURM_DIR:-/tmp/carnot-slurm}}")"
ctld_port=${CARNOT_SLURM_PORT:-6817}

for tool in slurmctld slurmd sbatch munged mungekey; do
  command -v "$tool" >/dev/null 2>&1 || [[ -x /usr/sbin/$tool ]] || { bash "$root/releng/setup.sh" --slurm; break; }
done
export PATH="$PATH:/usr/sbin"

if [[ -f $D/slurm.conf ]] && SLURM_CONF=$D/slurm.conf timeout 10 scontrol ping 2>/dev/null | grep -q UP; then
  echo "slurm: already running in $D (export SLURM_CONF=$D/slurm.conf)"
  exit 0
fi
# A cluster of an earlier start that died (SIGKILL, a reboot): stop what is left, start clean.
[[ -d $D ]] && bash "$root/releng/slurm/stop.sh" "$D" >/dev/null 2>&1 || true
rm -rf "$D"
mkdir -p "$D/munge" "$D/state" "$D/spool" "$D/log"
chmod 755 "$D" "$D/munge"

mungekey --create --keyfile="$D/munge.key" --force
chmod 400 "$D/munge.key"
munged --key-file="$D/munge.key" --socket="$D/munge/munge.sock" --pid-file="$D/munged.pid" \
  --seed-file="$D/munge.seed" --log-file="$D/munged.log" --force

cpus=$(nproc)
memory=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
cat > "$D/slurm.conf" <<CONF
ClusterName=loop
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$((ctld_port + 1))
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.sock
CredType=cred/munge
SlurmUser=root
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES State=UP MaxTime=INFINITE
CONF
echo "export SLURM_CONF=$D/slurm.conf" > "$D/env"
export SLURM_CONF=$D/slurm.conf
slurmctld -c -f "$SLURM_CONF"
slurmd -N localhost -f "$SLURM_CONF"
for _ in $(seq 1 60); do
  state=$(sinfo -h -o %t 2>/dev/null || true)
  [[ $state == idle ]] && { echo "slurm: up in $D ($cpus CPUs, ${memory} MB; export SLURM_CONF=$SLURM_CONF)"; exit 0; }
  sleep 0.5
done
echo "slurm: the node did not become idle within 30 s (sinfo says '${state:-nothing}'); see $D/log" >&2
exit 1
