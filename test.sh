#!/usr/bin/env bash
# The one test command: installs or checks what the tests need, builds everything, runs every test project.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Domain]
set -uo pipefail
cd "$(dirname "$0")"

missing=()
have() { command -v "$1" >/dev/null 2>&1; }

# Debian packages the tests drive for real: redis-server (storage tests), Debian's python3 with grpcio (gRPC interop),
# PyYAML (Helm chart checks) and prometheus_client (a real parser of /metrics), protoc, chromium (browser tests).
need_apt=()
have redis-server || need_apt+=(redis-server)
/usr/bin/python3 -c 'import grpc, grpc_tools' >/dev/null 2>&1 || need_apt+=(python3-grpcio python3-grpc-tools)
/usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || need_apt+=(python3-yaml)
/usr/bin/python3 -c 'import prometheus_client' >/dev/null 2>&1 || need_apt+=(python3-prometheus-client)
have protoc || need_apt+=(protobuf-compiler)
have chromium || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && have apt-get; then
    echo "test.sh: installing ${need_apt[*]} from Debian"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"; } >/tmp/perpstudio-apt.log 2>&1 \
      || { echo "test.sh: apt-get failed, see /tmp/perpstudio-apt.log"; tail -5 /tmp/perpstudio-apt.log; }
  fi
fi
have redis-server || missing+=("redis-server (Debian package redis-server)")
/usr/bin/python3 -c 'import grpc, grpc_tools' >/dev/null 2>&1 || missing+=("python3-grpcio and python3-grpc-tools (Debian packages, for /usr/bin/python3)")
/usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || missing+=("PyYAML for /usr/bin/python3 (Debian package python3-yaml)")
/usr/bin/python3 -c 'import prometheus_client' >/dev/null 2>&1 || missing+=("prometheus_client for /usr/bin/python3 (Debian package python3-prometheus-client)")
have protoc || missing+=("protoc (Debian package protobuf-compiler)")
have chromium || missing+=("chromium (Debian package chromium)")
have node || missing+=("node and npm (Node.js 20 or later)")
have dotnet || missing+=("dotnet (.NET SDK 10)")

# npm packages the tests check against (ethers, @msgpack/msgpack, @grpc/grpc-js): every tests/*/node folder.
if have npm; then
  for dir in tests/*/node; do
    [ -f "$dir/package.json" ] || continue
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || missing+=("npm packages in $dir (npm ci failed)")
    fi
  done
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: cannot run the tests; missing:"
  printf '  - %s\n' "${missing[@]}"
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build PerpStudio.sln -c Release -nologo -v quiet -clp:ErrorsOnly || { echo "test.sh: build failed"; exit 1; }

log=$(mktemp)
dotnet test PerpStudio.sln -c Release --no-build -nologo --blame-hang-timeout 5m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One closing line over all test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran"; exit 1
fi
exit "$status"
