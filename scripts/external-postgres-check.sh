#!/usr/bin/env bash
# Proves that the Lyceum jar runs against an external PostgreSQL (not the embedded one):
#   * a throwaway PostgreSQL 15 cluster is created with the machine's binaries (initdb, pg_ctl),
#   * Flyway migrates as the cluster superuser (the schema owner),
#   * the application connects as the non-superuser role lyceum_app,
#   * GET /health must answer {"status":"UP"}, migrations must be recorded, and lyceum_app must not be a superuser.
# Prints PASS or FAIL and exits non-zero on failure. Everything it starts is stopped and removed on exit.
#
# Usage: scripts/external-postgres-check.sh
# Environment (all optional):
#   PG_BIN            PostgreSQL binaries            (default /usr/lib/postgresql/15/bin)
#   PG_OS_USER        OS user that runs PostgreSQL when this script runs as root (default postgres)
#   JAVA_HOME         JDK/JRE 25                     (default /usr/lib/jvm/temurin-25-jdk-amd64 if it exists)
#   LYCEUM_JAR        jar to test                    (default: newest target/lyceum-*.jar, built if missing)
#   REBUILD=1         rebuild the jar even if one exists
#   STARTUP_TIMEOUT   seconds to wait for /health     (default 60)
#   KEEP_LOGS=1       copy the PostgreSQL and application logs to ./target/external-postgres-check/ on exit
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_OS_USER="${PG_OS_USER:-postgres}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-60}"
DB_NAME=lyceum
APP_ROLE=lyceum_app
PG_SUPERUSER=postgres

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

WORK_DIR=""
APP_PID=""
PG_STARTED=0
RESULT=FAIL
T0=$SECONDS

log() { printf '[external-pg-check %3ds] %s\n' "$((SECONDS - T0))" "$*"; }
fail() {
    log "ERROR: $*"
    exit 1
}

# ---------------------------------------------------------------------------------------------------------------
# Running PostgreSQL: it refuses to run as root, so as root every PostgreSQL command runs as $PG_OS_USER.
# ---------------------------------------------------------------------------------------------------------------
if [[ $(id -u) -eq 0 ]]; then
    id "$PG_OS_USER" >/dev/null 2>&1 \
        || fail "running as root, but OS user '$PG_OS_USER' does not exist to run PostgreSQL (set PG_OS_USER)"
    if command -v runuser >/dev/null 2>&1; then
        as_pg() { runuser -u "$PG_OS_USER" -- "$@"; }
    else
        as_pg() { su -s /bin/sh "$PG_OS_USER" -c "$(printf '%q ' "$@")"; }
    fi
else
    as_pg() { "$@"; }
fi

# ---------------------------------------------------------------------------------------------------------------
# Cleanup: always stop the application, stop PostgreSQL and remove the temporary directory.
# ---------------------------------------------------------------------------------------------------------------
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    set +e
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        log "stopping application (pid $APP_PID)"
        kill -TERM "$APP_PID" 2>/dev/null
        for _ in $(seq 1 30); do
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 1
        done
        if kill -0 "$APP_PID" 2>/dev/null; then
            log "application did not stop within 30s, killing it"
            kill -KILL "$APP_PID" 2>/dev/null
        fi
        wait "$APP_PID" 2>/dev/null
    fi
    if [[ $PG_STARTED -eq 1 ]]; then
        log "stopping PostgreSQL"
        as_pg "$PG_BIN/pg_ctl" -D "$WORK_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
            || as_pg "$PG_BIN/pg_ctl" -D "$WORK_DIR/data" -m immediate -w stop >/dev/null 2>&1
    fi
    if [[ -n "$WORK_DIR" && -d "$WORK_DIR" ]]; then
        if [[ "${KEEP_LOGS:-0}" == 1 ]]; then
            mkdir -p "$ROOT/target/external-postgres-check"
            cp -f "$WORK_DIR/postgres.log" "$WORK_DIR/app.log" "$ROOT/target/external-postgres-check/" 2>/dev/null
            log "logs kept in $ROOT/target/external-postgres-check/"
        fi
        rm -rf "$WORK_DIR"
    fi
    if [[ "$RESULT" == PASS && $status -eq 0 ]]; then
        printf '\nPASS: Lyceum runs against external PostgreSQL %s (total %ds)\n' "${PG_VERSION:-?}" "$((SECONDS - T0))"
        exit 0
    fi
    printf '\nFAIL: Lyceum did not pass the external PostgreSQL check (exit %d, %ds)\n' "$status" "$((SECONDS - T0))"
    [[ $status -eq 0 ]] && status=1
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

dump_logs() {
    if [[ -f "$WORK_DIR/app.log" ]]; then
        echo "----- application log (last 60 lines) -----"
        tail -n 60 "$WORK_DIR/app.log"
    fi
    if [[ -f "$WORK_DIR/postgres.log" ]]; then
        echo "----- PostgreSQL log (last 30 lines) -----"
        tail -n 30 "$WORK_DIR/postgres.log"
    fi
    echo "-------------------------------------------"
}

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# GET a URL on 127.0.0.1, print the body (empty when unreachable).
http_get() {
    local port=$1 path=$2
    if command -v curl >/dev/null 2>&1; then
        curl -s --max-time 5 "http://127.0.0.1:$port$path" || true
    else
        (
            exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 0
            printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
            sed '1,/^\r\{0,1\}$/d' <&3
        ) 2>/dev/null || true
    fi
}

# Runs SQL as the cluster superuser over TCP, printing unaligned, tuples-only output.
psql_super() {
    PGPASSWORD="$SUPER_PASSWORD" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -A -t \
        -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" "$@"
}

random_password() {
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex 16
    else
        od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# 0. Preconditions
# ---------------------------------------------------------------------------------------------------------------
for tool in initdb pg_ctl psql postgres; do
    [[ -x "$PG_BIN/$tool" ]] || fail "$PG_BIN/$tool not found (set PG_BIN to a PostgreSQL bin directory)"
done
command -v "$JAVA" >/dev/null 2>&1 || fail "java not found (set JAVA_HOME to a JDK 25)"
PG_VERSION="$("$PG_BIN/postgres" --version | grep -oE '[0-9]+(\.[0-9]+)+' | head -n 1)"
log "PostgreSQL binaries: $PG_BIN ($PG_VERSION)"
log "Java: $("$JAVA" -version 2>&1 | head -n 1)"

# ---------------------------------------------------------------------------------------------------------------
# 1. The jar
# ---------------------------------------------------------------------------------------------------------------
find_jar() {
    ls -t "$ROOT"/target/lyceum-*.jar 2>/dev/null | grep -v -e '-plain\.jar$' -e '-sources\.jar$' -e '-javadoc\.jar$' | head -n 1
}
JAR="${LYCEUM_JAR:-}"
if [[ -z "$JAR" ]]; then
    JAR="$(find_jar || true)"
    if [[ -z "$JAR" || "${REBUILD:-0}" == 1 ]]; then
        log "building the jar: ./mvnw -B -ntp -q package -DskipTests"
        build_start=$SECONDS
        (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests) || fail "build failed"
        log "build took $((SECONDS - build_start))s"
        JAR="$(find_jar || true)"
    fi
fi
[[ -n "$JAR" && -f "$JAR" ]] || fail "no jar found in $ROOT/target (expected target/lyceum-*.jar)"
log "jar: $JAR"

# ---------------------------------------------------------------------------------------------------------------
# 2. A throwaway PostgreSQL cluster on a free port of 127.0.0.1
# ---------------------------------------------------------------------------------------------------------------
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/lyceum-extpg.XXXXXX")"
SUPER_PASSWORD="$(random_password)"
APP_PASSWORD="$(random_password)"
printf '%s\n' "$SUPER_PASSWORD" >"$WORK_DIR/superuser.pw"
chmod 600 "$WORK_DIR/superuser.pw"
if [[ $(id -u) -eq 0 ]]; then
    chown -R "$PG_OS_USER" "$WORK_DIR"
fi

pg_start=$SECONDS
log "initdb in $WORK_DIR/data"
as_pg "$PG_BIN/initdb" -D "$WORK_DIR/data" -U "$PG_SUPERUSER" --pwfile="$WORK_DIR/superuser.pw" \
    --auth=scram-sha-256 --encoding=UTF8 --no-locale --no-instructions >"$WORK_DIR/initdb.log" 2>&1 \
    || { cat "$WORK_DIR/initdb.log"; fail "initdb failed"; }

PG_PORT="$(free_port)" || fail "no free port for PostgreSQL"
log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
PG_STARTED=1
as_pg "$PG_BIN/pg_ctl" -D "$WORK_DIR/data" -l "$WORK_DIR/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$WORK_DIR -c max_connections=100" \
    start >/dev/null || { dump_logs; fail "PostgreSQL did not start"; }
log "PostgreSQL $(psql_super -d postgres -c 'SHOW server_version') up in $((SECONDS - pg_start))s"

# The database is owned by the superuser, who runs the migrations; the application role only logs in.
psql_super -d postgres -v app_role="$APP_ROLE" -v app_password="$APP_PASSWORD" >/dev/null <<'SQL'
CREATE ROLE :"app_role" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_password';
CREATE DATABASE lyceum OWNER postgres ENCODING 'UTF8' TEMPLATE template0;
SQL
log "created database $DB_NAME (owner $PG_SUPERUSER) and login role $APP_ROLE (non-superuser)"

# ---------------------------------------------------------------------------------------------------------------
# 3. The application, against that cluster
# ---------------------------------------------------------------------------------------------------------------
APP_PORT="$(free_port)" || fail "no free port for the application"
JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME"
log "starting Lyceum on 127.0.0.1:$APP_PORT (LYCEUM_DB_EMBEDDED=false, datasource user $APP_ROLE, flyway user $PG_SUPERUSER)"
app_start=$SECONDS
(
    cd "$WORK_DIR"
    export LYCEUM_DB_EMBEDDED=false
    export LYCEUM_DB_APP_ROLE="$APP_ROLE"
    export SPRING_DATASOURCE_URL="$JDBC_URL"
    export SPRING_DATASOURCE_USERNAME="$APP_ROLE"
    export SPRING_DATASOURCE_PASSWORD="$APP_PASSWORD"
    export SPRING_FLYWAY_URL="$JDBC_URL"
    export SPRING_FLYWAY_USER="$PG_SUPERUSER"
    export SPRING_FLYWAY_PASSWORD="$SUPER_PASSWORD"
    # production mode refuses to start without these (docs/security.md)
    export LYCEUM_PAYMENTS_PROVIDER=sandbox
    export LYCEUM_TELEPHONY_SMS_PROVIDER=sandbox LYCEUM_TELEPHONY_VOICE_PROVIDER=sandbox
    export LYCEUM_AUTH_SECRET_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)"
    unset SERVER_PORT PORT
    exec "$JAVA" -jar "$JAR" --server.port="$APP_PORT" --server.address=127.0.0.1
) >"$WORK_DIR/app.log" 2>&1 &
APP_PID=$!

health=""
while ((SECONDS - app_start < STARTUP_TIMEOUT)); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        dump_logs
        fail "the application exited during startup"
    fi
    health="$(http_get "$APP_PORT" /health)"
    if [[ "$health" == *'"status":"UP"'* ]]; then
        break
    fi
    sleep 1
done
if [[ "$health" != *'"status":"UP"'* ]]; then
    dump_logs
    fail "GET /health was not UP within ${STARTUP_TIMEOUT}s (last answer: ${health:-none})"
fi
APP_STARTUP=$((SECONDS - app_start))
log "GET /health -> $health (after ${APP_STARTUP}s)"
started_line="$(grep -m1 -o 'Started LyceumApplication in [0-9.]* seconds[^)]*)' "$WORK_DIR/app.log" || true)"
[[ -n "$started_line" ]] && log "application log: $started_line"

# ---------------------------------------------------------------------------------------------------------------
# 4. Assertions
# ---------------------------------------------------------------------------------------------------------------
failures=0
check() {
    local description=$1 actual=$2 expected=$3
    if [[ "$actual" == "$expected" ]]; then
        log "ok   $description ($actual)"
    else
        log "FAIL $description: expected '$expected', got '$actual'"
        failures=$((failures + 1))
    fi
}

for probe in liveness readiness; do
    body="$(http_get "$APP_PORT" "/actuator/health/$probe")"
    check "GET /actuator/health/$probe is UP" "$([[ "$body" == *'"status":"UP"'* ]] && echo UP || echo "${body:-no answer}")" UP
done

migrations="$(psql_super -d "$DB_NAME" -c 'SELECT count(*) FROM flyway_schema_history WHERE success')"
failed_migrations="$(psql_super -d "$DB_NAME" -c 'SELECT count(*) FROM flyway_schema_history WHERE NOT success')"
check "flyway_schema_history has successful migrations" "$([[ "$migrations" -gt 0 ]] && echo yes || echo "no ($migrations rows)")" yes
check "no failed migrations" "$failed_migrations" 0
log "     migrations applied: $migrations, latest: $(psql_super -d "$DB_NAME" -c \
    'SELECT version || '"' '"' || description FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1')"

check "lyceum_app rolsuper" "$(psql_super -d postgres -c "SELECT rolsuper FROM pg_roles WHERE rolname = '$APP_ROLE'")" f
check "lyceum_app rolbypassrls" "$(psql_super -d postgres -c "SELECT rolbypassrls FROM pg_roles WHERE rolname = '$APP_ROLE'")" f
check "tables are owned by the migration user, not the app role" \
    "$(psql_super -d "$DB_NAME" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = '$APP_ROLE'")" 0
check "lyceum_app can read and write application tables (default privileges from the grants migration)" \
    "$(psql_super -d "$DB_NAME" -c "SELECT bool_and(has_table_privilege('$APP_ROLE', format('%I.%I', schemaname, tablename), 'SELECT,INSERT,UPDATE,DELETE')) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")" t
check "lyceum_app cannot create tables in schema public" \
    "$(psql_super -d "$DB_NAME" -c "SELECT has_schema_privilege('$APP_ROLE', 'public', 'CREATE')")" f
check "the application's connection pool is connected as lyceum_app" \
    "$(psql_super -d postgres -c "SELECT count(*) > 0 FROM pg_stat_activity WHERE usename = '$APP_ROLE' AND datname = '$DB_NAME'")" t
check "the default tenant row was migrated" \
    "$(psql_super -d "$DB_NAME" -c "SELECT count(*) FROM tenants WHERE slug = 'default'")" 1
if grep -q 'Embedded PostgreSQL' "$WORK_DIR/app.log"; then
    check "the embedded PostgreSQL was not started" "started" "not started"
else
    check "the embedded PostgreSQL was not started" "not started" "not started"
fi

if ((failures > 0)); then
    dump_logs
    fail "$failures check(s) failed"
fi

log "timings: PostgreSQL ready in $((app_start - pg_start))s, Lyceum healthy ${APP_STARTUP}s after launch"
RESULT=PASS
