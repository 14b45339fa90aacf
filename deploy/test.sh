#!/usr/bin/env bash
# The platform's whole test suite: installs missing prerequisites, builds, runs every test project,
# and ends with one line "N passed, N failed[, N skipped]" summed over all of them.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash deploy/prerequisites.sh || { echo "0 passed, 1 failed"; exit 1; }

# The external gRPC peers (grpc-go interop client/server, a C++ server) the interop tests run against.
# Built from Debian packages; idempotent. If this fails, the interop tests fail (they never skip).
if peers_bin=$(bash tests/Interop/peers/build-peers.sh | tail -n 1); then
  export PLATFORM_PEERS_BIN="$peers_bin"
else
  echo "warning: building the gRPC peers failed; the interop tests will report it"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build Platform.sln -c Debug -warnaserror; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# A hung test is reported and killed rather than eating CI's time budget.
# One test project at a time (-m:1): several tests measure timing against real servers, and the machine has
# only two cores, so projects running side by side would make them flaky.
dotnet test Platform.sln -c Debug --no-build -m:1 \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 10m
test_exit=$?

passed=0 failed=0 skipped=0 runs=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  runs=$((runs + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

# Every test project must have produced a result file; a missing one means its run crashed.
expected=$(grep -c 'Tests\.csproj"' Platform.sln)
if [ "$runs" -lt "$expected" ]; then
  echo "only $runs of $expected test projects reported results (a test host crashed?)"
  failed=$((failed + expected - runs))
fi
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $test_exit"
  failed=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
