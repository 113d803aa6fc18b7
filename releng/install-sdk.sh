#!/usr/bin/env bash
# Puts Carnot's SDK into the local Maven repository, for metric projects built by plain Maven (the
# `carnot new-metric` template, examples/): the API they compile against, and the testkit with the
# engine, autograd, datasets, models and training bundles it trains its tiny model with in their unit
# tests. Run once per Carnot version from a checkout. Extra arguments go to Maven (e.g. -o).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
./mvnw -B -q "$@" -DskipTests install -am -pl \
  bundles/carnot.api,bundles/carnot.testkit,bundles/carnot.engine,bundles/carnot.autograd,bundles/carnot.datasets,bundles/carnot.models,bundles/carnot.training
