#!/usr/bin/env bash
# Builds and runs every test project of the solution, then prints one summary line, "N passed, N failed", counted from
# the test platform's own summary. Exits non-zero if anything failed or if no test ran at all.
set -uo pipefail
cd "$(dirname "$0")"
./scripts/install-prerequisites.sh || exit 1

log=$(mktemp)
results=$(mktemp -d)
trap 'rm -rf "$log" "$results"' EXIT
# Release: the services under test run optimised, as they do in production, which on two cores is minutes of the run.
# Each test project also writes a TRX report, read below for the slowest tests.
dotnet test --solution WhatsAppGenesys.sln --configuration Release --results-directory "$results" --report-xunit-trx "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform ends with "Test run summary: ..." followed by "  failed: N" and "  succeeded: N".
count() { grep -E "^\s+$1: [0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+$' || echo 0; }
passed=$(count succeeded)
failed=$(count failed)

# The failures again, at the end where a reader of the log's tail finds them: each "failed <test> (<time>)" line with
# the first lines of its message.
if (( failed > 0 )); then
    echo
    echo "Failed tests:"
    awk '/^(\033\[[0-9;]*m)*failed [^:]/ { n = 7 } n > 0 { print "  " $0; n-- }' "$log"
fi

# Where the minutes went: the slowest tests of the run, with their durations (hh:mm:ss).
echo
echo "Slowest tests:"
cat "$results"/*.trx 2>/dev/null | grep -oE '<UnitTestResult [^>]*>' \
    | sed -E 's/.*testName="([^"]*)".*duration="([0-9:]{8})[^"]*".*/\2  \1/' | sort -r | head -n 15 | sed 's/^/  /'

echo
echo "$passed passed, $failed failed"
if (( status != 0 )); then
    echo "test.sh: dotnet test exited with code $status" >&2
    exit "$status"
fi
if (( passed == 0 || failed > 0 )); then
    exit 1
fi
