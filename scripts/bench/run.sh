#!/usr/bin/env bash
# The benchmark kit's driver (issue 15): starts the packaged application with the demo data and the embedded
# PostgreSQL on port 8087, loads 10,000 approved tutors (generate.sql) and the booking scenario's 20 open tutors and 100
# students (bookings.sql), then for each scenario measures the API with
# wrk and the very statements the application ran for it (captured from PostgreSQL's statement log by
# count_statements.py) with pgbench, back to back on the same database, and prints the table: API rate and p99, SQL
# rate, their ratio, statements and transactions per request, and the load average. The table is also written to
# target/bench/results.md. Not part of ./mvnw verify: it measures, it asserts nothing (StatementBudgetTests asserts
# the statement budget).
#
# The sandboxes' webhook pollers (payments and telephony, every 0.2 s by default: development conveniences that
# production does not run) are slowed to once a minute, so their statements do not land in the requests' counts.
#
# usage: scripts/bench/run.sh [seconds per run, default 15]
#   BENCH_JAR=other.jar BENCH_OUT=target/bench-before scripts/bench/run.sh   measures another build (say, before a
#   change) with its own database and results
#   BENCH_PG_LOG=/path/to/postgresql.log BENCH_PSQL="psql ..."   another PostgreSQL's own log and a superuser psql
#   (by default the embedded server is restarted once with logging_collector on and its log file is read)
# needs: wrk, pgbench and psql (postgresql-client), python3, curl; builds the jar when target/ has none.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-15}
PORT=${BENCH_PORT:-8087}
PGPORT=${BENCH_PG_PORT:-55487}
OUT=${BENCH_OUT:-target/bench}
TENANT=00000000-0000-7000-8000-000000000001
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
BENCH=scripts/bench
mkdir -p "$OUT"

JAR=${BENCH_JAR:-$(ls target/lyceum-*.jar 2>/dev/null | grep -v plain | head -1 || true)}
if [ -z "$JAR" ]; then
  JAVA_HOME="$JAVA_HOME" ./mvnw -B -ntp -q package -DskipTests
  JAR=$(ls target/lyceum-*.jar | grep -v plain | head -1)
fi

PSQL=${BENCH_PSQL:-"psql -h 127.0.0.1 -p $PGPORT -U postgres -d lyceum"}
# PostgreSQL's statement log: the embedded server's output stops reaching the application's log once it has
# started, so counting statements needs a server that writes its own log file (logging_collector=on); give its path
PGLOG=${BENCH_PG_LOG:-$OUT/devdb/log/postgresql.log}
export PGPASSWORD=postgres
: > "$OUT/app.log"
APP=
start_app() {
  LYCEUM_DEMO_DATA=true LYCEUM_DB_EMBEDDED_PORT=$PGPORT "$JAVA_HOME/bin/java" -Xms256m -Xmx384m -jar "$JAR" \
      --server.port="$PORT" --lyceum.db.embedded-data-dir="$OUT/devdb" \
      --lyceum.rate-limits.reads.limit=1000000000 --lyceum.rate-limits.writes.limit=1000000000 \
      --lyceum.rate-limits.routes.login.limit=1000000 \
      --lyceum.payments.sandbox.delivery-interval=PT1M --lyceum.telephony.sandbox.delivery-interval=PT1M \
      >> "$OUT/app.log" 2>&1 &
  APP=$!
  until curl -sf "http://127.0.0.1:$PORT/health" | grep -q UP; do
    kill -0 $APP 2>/dev/null || { echo "the application exited; see $OUT/app.log"; exit 1; }
    sleep 1
  done
}
trap '[ -n "$APP" ] && kill $APP 2>/dev/null; wait 2>/dev/null || true' EXIT
start_app
if [ -z "${BENCH_PG_LOG:-}" ] && [ ! -f "$OUT/devdb/log/postgresql.log" ]; then
  # the embedded server's output stops reaching the application's log once it has started: let it write its own
  # log file (read by count_statements.py), which takes a restart
  $PSQL -q -c "ALTER SYSTEM SET logging_collector = on" -c "ALTER SYSTEM SET log_directory = 'log'" \
      -c "ALTER SYSTEM SET log_filename = 'postgresql.log'"
  kill $APP; wait $APP 2>/dev/null || true
  start_app
fi
$PSQL -q -f $BENCH/generate.sql
$PSQL -q -f $BENCH/bookings.sql > /dev/null
BASE="http://127.0.0.1:$PORT"
PRIYA=$($PSQL -At -c "SELECT id FROM users WHERE email = 'priya.raman@lyceum.local'")
export BENCH_TUTOR=$PRIYA BENCH_FROM=$(date -u -d '+1 day' +%F) BENCH_TO=$(date -u -d '+29 days' +%F)

count() { # label, url, extra args -> JSON line; writes $OUT/<label>.sql
  local label=$1 url=$2; shift 2
  python3 $BENCH/count_statements.py --log "$PGLOG" --psql "$PSQL" --url "$url" --label "$label" \
      --pgbench "$OUT/$label.sql" "$@" \
    || { echo "counting $label failed" >&2; echo '{"statements": "?", "transactions": "?"}'; }
}

api() { # scenario lua or "" (plain GETs of the url), connections, url -> "rps p99 non2xx"; wrk takes one script, so
  # the scenario's gets the report appended
  local script=$1 conns=$2 url=$3 combined="$OUT/$(basename "${1:-plain}" .lua)-run.lua"
  cat ${script:+"$script"} $BENCH/wrk/report.lua > "$combined"
  wrk -t2 -c"$conns" -d"${DURATION}s" --latency -s "$combined" "$url" 2>/dev/null \
      | awk '/^BENCH/ {sub("rps=","",$2); sub("p99_ms=","",$4); sub("non2xx=","",$6); print $2, $4, $6}'
}

sql() { # connections, pgbench script(s) (several: each transaction picks one at random) -> tps
  local conns=$1 scripts=() f; shift
  for f in "$@"; do
    [ -s "$f" ] || { echo "-"; return; }
    scripts+=(-f "$f")
  done
  # a client that hits an error stops, and the rate of the others would pass for the scenario's: say so instead
  PGOPTIONS="-c lyceum.tenant_id=$TENANT" PGPASSWORD=lyceum_app pgbench -n -h 127.0.0.1 -p "$PGPORT" \
      -U lyceum_app -d lyceum -c "$conns" -j 2 -T "$DURATION" "${scripts[@]}" 2>&1 \
      | awk '/aborted/ {aborted = 1} /^tps/ {tps = $3} END {print aborted ? "aborted" : tps}'
}

ROWS=()
row() { # name, conns, "rps p99", tps, count JSON
  local name=$1 conns=$2 rps p99 non2xx tps=$4 statements transactions ratio answers=""
  read -r rps p99 non2xx <<< "$3"
  # a scenario's requests must succeed for its rate to mean anything: refusals are shown
  [ -n "$non2xx" ] && [ "$non2xx" != "0" ] && answers=" ($non2xx not 2xx)"
  statements=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['statements'])" "$5" || echo "?")
  transactions=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['transactions'])" "$5" || echo "?")
  ratio=$(python3 -c "
import sys
try: print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))
except (ValueError, ZeroDivisionError): print('-')" "$rps" "$tps")
  ROWS+=("| $name | $conns | $rps req/s, p99 $p99 ms$answers | $tps tx/s | $ratio | $statements | $transactions | $(cut -d' ' -f1-3 /proc/loadavg) |")
}

# the booking scenario: the 20 booking tutors' (tutor, subject, level), the 100 students' access tokens, and the first
# day after every booking an earlier run made (so a second run books free hours too)
$PSQL -At -c "SELECT p.tutor_id || '|' || (p.published -> 'subjects' -> 0 ->> 'subjectId') || '|'
    || (p.published -> 'subjects' -> 0 ->> 'level') FROM tutor_profiles p JOIN users u ON u.id = p.tutor_id
    WHERE u.email IN (SELECT 'bench-' || n || '@example.com' FROM generate_series(1, 20) n) ORDER BY u.email" \
  > "$OUT/booking-tutors.txt"
: > "$OUT/booking-tokens.txt"
for n in $(seq 1 100); do
  curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
      -d "{\"email\":\"bench-student-$n@example.com\",\"password\":\"demo-password-2026\"}" \
    | python3 -c "import json,sys; print(json.load(sys.stdin)['accessToken'])" >> "$OUT/booking-tokens.txt"
done
export BENCH_BOOKING_TUTORS="$OUT/booking-tutors.txt" BENCH_BOOKING_TOKENS="$OUT/booking-tokens.txt"
export BENCH_BOOKING_FROM=$($PSQL -At -c "SELECT extract(epoch FROM date_trunc('day', greatest(now(),
    (SELECT max(starts_at) FROM bookings b JOIN users u ON u.id = b.tutor_id WHERE u.email LIKE 'bench-%')))
    + interval '1 day')::bigint")
book() { # student token, start (ISO) -> the JSON body of a booking with the first booking tutor
  IFS='|' read -r tutor subject level < "$OUT/booking-tutors.txt"
  echo "{\"tutorId\":\"$tutor\",\"subjectId\":\"$subject\",\"level\":\"$level\",\"startsAt\":\"$1\",\"durationMinutes\":60}"
}

echo "counting statements..."
C_HEALTH=$(count health "$BASE/health" --repeat 5)
C_CACHED=$(count search-cached "$BASE/api/v1/tutors?q=maths&level=GCSE" --warm)
# every misspelt word of search-uncached.lua is captured, and pgbench picks among their scripts at random as wrk picks
# among the words: the words match different numbers of tutors, so one word's SQL alone is not the scenario's SQL
TYPOS=$(sed -n '/^local typos = {/,/^}/p' $BENCH/wrk/search-uncached.lua | grep -o '"[a-z]*"' | tr -d '"')
UNCACHED_SQL=()
for typo in $TYPOS; do
  C_TYPO=$(count "search-uncached-$typo" "$BASE/api/v1/tutors?q=$typo&maxPrice=123456789" --repeat 1)
  [ -n "${C_UNCACHED:-}" ] || C_UNCACHED=$C_TYPO
  UNCACHED_SQL+=("$OUT/search-uncached-$typo.sql")
done
# a student's usual booking: the first write of a caller also creates their write-limit bucket, so one comes first;
# both take the last open hours of the first day, before the scenario's own (which start the next day)
FIRST_DAY=$(date -u -d "@$BENCH_BOOKING_FROM" +%F)
STUDENT_TOKEN=$(head -1 "$OUT/booking-tokens.txt")
STUDENT=$($PSQL -At -c "SELECT id FROM users WHERE email = 'bench-student-1@example.com'")
curl -s -o /dev/null -X POST "$BASE/api/v1/bookings" -H "Authorization: Bearer $STUDENT_TOKEN" \
    -H 'Content-Type: application/json' -d "$(book "${FIRST_DAY}T20:00:00Z")"
C_BOOKING=$(count booking "$BASE/api/v1/bookings" --method POST --header "Authorization: Bearer $STUDENT_TOKEN" \
    --body "$(book "${FIRST_DAY}T21:00:00Z")" --repeat 1 --replayable "$FIRST_DAY" --vary-user "$STUDENT" \
    --vary-tutor "$(cut -d'|' -f1 "$OUT/booking-tutors.txt" | head -1)")
export BENCH_BOOKING_FROM=$((BENCH_BOOKING_FROM + 86400))
C_SLOTS=$(count slots "$BASE/api/v1/tutors/$PRIYA/available-slots?from=$BENCH_FROM&to=$BENCH_TO")
# pgbench's uncached script must not be answered from a cache: PostgreSQL has none, so the one captured request is it

echo "measuring (${DURATION}s per run)..."
H32=$(api "" 32 "$BASE/health")
row "/health (trivial endpoint)" 32 "$H32" "-" "$C_HEALTH"
row "search, cached" 32 "$(api $BENCH/wrk/search-cached.lua 32 "$BASE")" "$(sql 32 "$OUT/search-cached.sql")" "$C_CACHED"
for c in 8 32 128; do
  row "search, uncached, typos" $c "$(api $BENCH/wrk/search-uncached.lua $c "$BASE")" \
      "$(sql $c "${UNCACHED_SQL[@]}")" "$C_UNCACHED"
done
row "available slots, 4 weeks" 32 "$(api $BENCH/wrk/slots.lua 32 "$BASE")" "$(sql 32 "$OUT/slots.sql")" "$C_SLOTS"
# a booking's listeners (billing's order, messaging, trust, webhooks) finish after its answer: the API's rate counts
# the bookings over the run plus the time its listeners' backlog takes to drain, so both sides do the same work, and
# pgbench then runs on a quiet database
BOOKED=$(api $BENCH/wrk/bookings.lua 32 "$BASE")
DRAIN_START=$(date +%s.%N)
for _ in $(seq 1 600); do
  [ "$($PSQL -At -c "SELECT count(*) FROM event_publication WHERE completion_date IS NULL")" = "0" ] && break
  sleep 0.2
done
DRAINED=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$DRAIN_START" "$(date +%s.%N)")
read -r BOOK_RPS BOOK_P99 BOOK_NON2XX <<< "$BOOKED"
BOOK_RATE=$(python3 -c "import sys; r, d, w = map(float, sys.argv[1:]); print('%.1f' % (r * d / (d + w)))" \
    "$BOOK_RPS" "$DURATION" "$DRAINED")
row "POST /bookings, 100 students (listeners drained ${DRAINED} s after the run)" 32 \
    "$BOOK_RATE $BOOK_P99 $BOOK_NON2XX" "$(sql 32 "$OUT/booking.sql")" "$C_BOOKING"

{
  echo "Benchmark $(date -u +%FT%TZ), ${DURATION}s per run, $(nproc) cores, jar $(basename "$JAR")"
  echo "command: scripts/bench/run.sh $DURATION"
  echo
  echo "| scenario | connections | API | same SQL (pgbench) | ratio | statements / request | transactions / request | load average |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "cached search ratio to /health (same run): $(python3 -c "
import sys
try: print('%.2f' % (float(sys.argv[1].split()[0]) / float(sys.argv[2].split()[0])))
except (ValueError, IndexError, ZeroDivisionError): print('-')" "$(echo "${ROWS[1]}" | awk -F'|' '{print $4}')" "$H32")"
  echo "RSS of the application after the runs: $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 )) MB"
} | tee "$OUT/results.md"
