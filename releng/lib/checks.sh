# Sourced by the releng/*-test.sh and product-smoke.sh scripts: the built product's launcher
# (releng/lib/product.sh), a
# scratch folder removed on exit (scripts with more to clean call remove_work from their own trap),
# and pass/fail bookkeeping printed the same way everywhere.
#   source "$root/releng/lib/checks.sh" "name shown in the summary"
source "$root/releng/lib/product.sh"
work="$(mktemp -d)"
remove_work() { rm -rf "$work"; }
trap remove_work EXIT
checks_name=$1
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "  ok    $1"; }
fail() { # name, optionally a log whose tail is shown
  failed=$((failed + 1)); echo "  FAIL  $1"
  [[ -n ${2:-} ]] && sed 's/^/        /' "$2" | tail -25
  return 0
}
check() { # name, then a command that must succeed
  local name=$1; shift
  if "$@" >"$work/out" 2>&1; then ok "$name"; else fail "$name" "$work/out"; fi
}
summary() { # prints the tally; succeeds when nothing failed
  echo "$checks_name: $passed passed, $failed failed"
  [[ $failed == 0 ]]
}
