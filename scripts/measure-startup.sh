#!/usr/bin/env bash
# Measures start-to-healthy time of the packaged jar with the embedded database: one cold start (empty data
# directory, so initdb and all migrations run), three warm starts (existing data directory) and three warm starts with
# a JDK AOT cache (scripts/aot-cache.sh), plus the jar size.
# Usage: bash scripts/measure-startup.sh   (builds the jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR=$(ls target/lyceum-*.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then
  JAVA_HOME="$JAVA_HOME" ./mvnw -B -ntp -q package -DskipTests
  JAR=$(ls target/lyceum-*.jar | head -1)
fi
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'rm -rf "$WORK"' EXIT

start_once() { # label [jar [JVM options...]]
  local label=$1 jar=${2:-$JAR} started ended pid
  shift $(( $# > 1 ? 2 : 1 ))
  started=$(date +%s.%N)
  "$JAVA_HOME/bin/java" "$@" -jar "$jar" --server.port="$PORT" \
      --lyceum.db.embedded-data-dir="$WORK/devdb" > "$WORK/$label.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/health" | grep -q UP; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: application exited, see log"; cat "$WORK/$label.log"; exit 1; }
    sleep 0.1
  done
  ended=$(date +%s.%N)
  printf '%-6s start-to-healthy %.1f s\n' "$label" "$(echo "$ended - $started" | bc)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "jar: $JAR $(du -h "$JAR" | cut -f1) ($(stat -c %s "$JAR") bytes)"
start_once cold
for i in 1 2 3; do start_once "warm$i"; done
# the same warm starts with a JDK AOT cache of the application (scripts/aot-cache.sh)
bash scripts/aot-cache.sh "$WORK/aot" > /dev/null
for i in 1 2 3; do start_once "aot$i" "$WORK/aot/app/$(basename "$JAR")" -XX:AOTCache="$WORK/aot/lyceum.aot"; done
