#!/usr/bin/env bash
# Carnot's tests, from a fresh checkout on a fresh machine of this kind:
#  1. releng/setup.sh installs what is missing (Debian packages incl. Fashion-MNIST);
#  2. the Tycho build runs every test bundle inside Equinox: unit fragments and the OSGi
#     integration tests (real DS services, DJL's PyTorch engine, real Fashion-MNIST runs);
#  3. the materialized product is smoke-tested as a user starts it (releng/product-smoke.sh);
#  4. hot deployment end to end: the example metric bundle built by its own Maven build, dropped
#     into a running Carnot, used, removed (releng/hot-deploy-test.sh);
#  5. the metric template: `carnot new-metric` generates a project that builds with its own Maven
#     build into a bundle a run uses (releng/new-metric-test.sh); the SDK's worked example, the
#     Fisher-Rao norm (examples/fisher-rao), built the same way and used on Fashion-MNIST
#     (releng/fisher-rao-test.sh).
#  6. resume after kill -9 of a run and of a parallel sweep, one writer per folder and liveness
#     across processes (releng/resume-kill-test.sh); the in-process and local executors give the
#     same metrics and weights (releng/executors-test.sh); the slurm executor against a real
#     loopback SLURM cluster: kill, requeue, resubmit, the same results as local, bad input
#     (releng/slurm-test.sh);
#  7. the product archive unpacked into an empty folder and started with a minimal environment, as
#     on a fresh machine (releng/install-test.sh);
#  8. the bad-input and fault corpus: hostile files, data, disks, links, plugins and signals
#     (releng/fault-corpus.sh, docs/reliability.md);
#  9. an add-on feature installed from the add-on p2 repository zip with `carnot install`, used by a
#     run, uninstalled, and the run then refused (releng/addon-install-test.sh); the same through the
#     workbench's Help > Install New Software and Installed Software (releng/workbench-install-test.sh);
# 10. the linux, macOS and Windows archives hold their launcher, natives, SWT fragment, completion
#     script and man pages (releng/archives-test.sh); the shipped completion script and man pages
#     match the command line (releng/cli-docs.sh --check); docs/architecture.md's bundle graph
#     matches the manifests (releng/bundle-graph.sh --check);
# 11. the API checks fail the build on an incompatible change without a major bump and on a
#     manifest version that disagrees with package-info (releng/baseline-check-test.sh).
# Extra arguments go to Maven (e.g. -o for offline).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
bash releng/setup.sh
# The workbench's GUI tests (tests/carnot.ui.tests) drive real SWT widgets: they need an X display.
source releng/lib/xvfb.sh
if [[ -z ${DISPLAY:-} ]] && command -v Xvfb >/dev/null; then
  start_xvfb 1280x900x24
  trap stop_xvfb EXIT
  export DISPLAY=$xvfb_display
fi
./mvnw -B verify "$@"
source releng/lib/product.sh
touch "$product/.built-from-sources"
bash releng/product-smoke.sh
bash releng/hot-deploy-test.sh "$@"
bash releng/new-metric-test.sh "$@"
bash releng/fisher-rao-test.sh "$@"
bash releng/resume-kill-test.sh
bash releng/executors-test.sh
bash releng/slurm-test.sh
bash releng/install-test.sh
bash releng/addon-install-test.sh
bash releng/workbench-install-test.sh
bash releng/archives-test.sh
bash releng/cli-docs.sh --check
bash releng/bundle-graph.sh --check
bash releng/baseline-check-test.sh "$@"
bash releng/fault-corpus.sh
