#!/usr/bin/env bash
# Runs the whole application locally: infrastructure and every service as local processes (see AppHost/Program.cs).
# Arguments go to the AppHost, e.g. ./run.sh --sandbox false. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-prerequisites.sh
exec dotnet run --project AppHost -- "$@"
