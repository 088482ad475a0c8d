#!/usr/bin/env bash
# Builds a JDK AOT cache (JEP 483/514, Java 25) for the packaged application, which roughly halves its warm start
# (BENCHMARKS.md, "Start-up and package size"): the jar is extracted (the cache needs plain jars on the class path,
# not jars nested in the Spring Boot jar), then a training run starts the application once and stops it as soon as
# its context is refreshed (spring.context.exit=onRefresh), recording the classes it loaded and linked.
#
# usage: bash scripts/aot-cache.sh [output directory, default target/aot]
#   then: java -XX:AOTCache=target/aot/lyceum.aot -jar target/aot/app/lyceum-<version>.jar [settings]
# The training run uses the embedded development database in a scratch directory unless the environment names
# another (SPRING_DATASOURCE_URL and LYCEUM_DB_EMBEDDED=false, as in production): the cache holds classes, no data.
# Build the cache with the same Java runtime that will use it; the JVM ignores a cache made by another one (with a
# warning) and starts as without it.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT=${1:-target/aot}
JAR=$(ls target/lyceum-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$JAR" ]; then
  JAVA_HOME="$JAVA_HOME" ./mvnw -B -ntp -q package -DskipTests
  JAR=$(ls target/lyceum-*.jar | grep -v plain | head -1)
fi
rm -rf "$OUT/app" "$OUT/lyceum.aot"
mkdir -p "$OUT"
"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app"
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$OUT/lyceum.aot" -Dspring.context.exit=onRefresh \
    -jar "$OUT/app/$(basename "$JAR")" --server.port="$PORT" --lyceum.db.embedded-data-dir="$SCRATCH/devdb" \
    > "$OUT/training.log" 2>&1
echo "AOT cache: $OUT/lyceum.aot ($(du -h "$OUT/lyceum.aot" | cut -f1)); start with:"
echo "  java -XX:AOTCache=$OUT/lyceum.aot -jar $OUT/app/$(basename "$JAR")"
