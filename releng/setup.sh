#!/usr/bin/env bash
# Installs what Carnot's build, tests and runs need on a fresh Debian machine of
# this kind, and only what is missing. Safe to run again; says what it does.
#   releng/setup.sh            build + run needs (JDK, SWTChart, dataset, Xvfb)
#   releng/setup.sh --peer     also the benchmark peer (python3-torch + OpenBLAS)
#   releng/setup.sh --slurm    also a single-node SLURM for releng/slurm/start.sh (no service is started)
set -euo pipefail

want=(libeclipse-swtchart-java dataset-fashion-mnist xvfb unzip curl)
[[ " $* " == *" --peer "* ]] && want+=(python3-torch libopenblas0-pthread)
[[ " $* " == *" --gui-tools "* ]] && want+=(imagemagick x11-utils)
[[ " $* " == *" --slurm "* ]] && want+=(slurmctld slurmd slurm-client munge)

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "carnot setup: Debian packages present (${want[*]})"
else
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "carnot setup: installing Debian packages: ${missing[*]}"
  # apt lists may be empty on a fresh machine: update once, quietly.
  stamp=/var/lib/apt/periodic/update-success-stamp
  if [[ ! -s /var/lib/apt/lists/lock && -z "$(ls /var/lib/apt/lists/*_Packages 2>/dev/null | head -1)" ]] || [[ ! -e $stamp ]]; then
    echo "carnot setup: apt-get update"
    $sudo apt-get update -qq
    $sudo mkdir -p "$(dirname $stamp)" && $sudo touch $stamp
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "carnot setup: installed ${missing[*]}"
fi

for f in /usr/share/maven-repo/org/eclipse/swtchart/org.eclipse.swtchart/debian; do
  [[ -d $f ]] || { echo "carnot setup: SWTChart Maven layout not found at $f" >&2; exit 1; }
done
ls /usr/share/datasets/fashion-mnist/*idx* >/dev/null 2>&1 || ls /usr/share/datasets/fashion-mnist/ >/dev/null
