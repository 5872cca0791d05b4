#!/usr/bin/env bash
# The one command that sets up and runs every test: `npm test`.
# Installs what the tests need (engine, registries, Chromium, fixture images), the npm packages,
# then runs lint, type checks, unit, integration (real engine) and e2e (Chromium through `npm run web`).
# Every stage runs even when an earlier one fails; the last line sums them up.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s)
# An earlier run's reports must never be counted as this run's: start from none.
rm -rf artifacts/*.json test-results
mkdir -p artifacts
run_started_ms=$(( started * 1000 ))

bash scripts/setup-test-env.sh || { echo "setup of the test environment failed"; exit 1; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[test] npm ci"
  npm ci --no-fund --no-audit || { echo "npm ci failed"; exit 1; }
fi

failed_stages=()
stage() {
  local name=$1; shift
  echo ""
  echo "=== $name ==="
  local t0=$(date +%s)
  if "$@"; then echo "=== $name: ok ($(( $(date +%s) - t0 )) s)"; else echo "=== $name: FAILED"; failed_stages+=("$name"); fi
}

# lint, format, typecheck and the build only read the tree (the build writes dist/, which the others
# ignore and only e2e uses): they run side by side (both cores), each into its own log, printed and
# judged in this order as if run one after the other.
stages_together() {
  local dir pids=() names=() i
  dir=$(mktemp -d)
  while [ $# -gt 0 ]; do
    names+=("$1")
    # Each writes its own duration beside its log.
    bash -c 't0=$(date +%s); '"$2"'; rc=$?; echo $(( $(date +%s) - t0 )) >"$0.s"; exit $rc' "$dir/${#names[@]}" >"$dir/${#names[@]}.log" 2>&1 &
    pids+=($!)
    shift 2
  done
  for i in "${!names[@]}"; do
    echo ""
    echo "=== ${names[$i]} ==="
    if wait "${pids[$i]}"; then
      cat "$dir/$((i + 1)).log"
      echo "=== ${names[$i]}: ok ($(cat "$dir/$((i + 1)).s") s, beside the others)"
    else
      cat "$dir/$((i + 1)).log"
      echo "=== ${names[$i]}: FAILED"; failed_stages+=("${names[$i]}")
    fi
  done
  rm -rf "$dir"
}
stages_together \
  lint 'npx eslint . --max-warnings 0' \
  format 'npx prettier --check --log-level warn .' \
  typecheck 'npx tsc -p tsconfig.json --noEmit' \
  build 'npm run --silent build'
stage unit npx vitest run --project unit --reporter=default --reporter=json --outputFile=artifacts/vitest-unit.json
stage integration npx vitest run --project integration --reporter=default --reporter=json --outputFile=artifacts/vitest-integration.json
stage e2e npx playwright test
# Mutation testing (`npm run test:mutate`) is not a stage: it took 10 to 16 minutes on this 2-core
# machine. Run it before landing a change to the modules it mutates (see stryker.config.mjs).

echo ""
echo "Total time: $(( $(date +%s) - started )) s"
[ ${#failed_stages[@]} -gt 0 ] && echo "Failed stages: ${failed_stages[*]}"
# Every failed stage is counted: the ones with a report by that report, the others (lint, format,
# typecheck, build) by name. The closing line `tests: N passed, N failed, N skipped` is the last line printed.
summary_out=$(node --import tsx scripts/summarize-tests.ts --since "$run_started_ms" --failed "${failed_stages[*]}" \
  unit=artifacts/vitest-unit.json integration=artifacts/vitest-integration.json e2e=artifacts/playwright.json)
summary=$?
echo "$summary_out"
if ! tail -n 1 <<<"$summary_out" | grep -Eq '^tests: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$'; then
  # The summary itself crashed: say so, and never let the closing line read "0 failed".
  echo "the test summary could not be computed (exit $summary)"
  echo "tests: 0 passed, 1 failed, 0 skipped"
  summary=1
fi
[ ${#failed_stages[@]} -eq 0 ] && [ $summary -eq 0 ]
