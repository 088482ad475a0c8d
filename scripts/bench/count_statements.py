#!/usr/bin/env python3
"""Counts the SQL statements one HTTP request makes, from PostgreSQL's own statement log.

The application is started by run.sh with the embedded PostgreSQL, whose log lines the application writes to its own
log file. This script turns log_statement=all on (ALTER SYSTEM, reload), fires the request REPEAT times, each between
two marker statements sent by psql, and counts the application's statements between the markers: SQL statements,
and transactions (BEGIN/COMMIT). Background jobs also run statements; the median over the repetitions keeps their
noise out. It prints one JSON line and, with --pgbench FILE, writes the statements of the median request (parameters
inlined) as a pgbench script: the very SQL the application ran, for the "same SQL" column of run.sh.

For a write (--replayable DATE), the script is made repeatable: every new row's id (the first value of an INSERT)
is replaced by a fresh UUID per transaction, and every timestamp literal on or after DATE (the booked lesson's times)
is moved by a fresh number of hours from the sequence bench_booking_hours, past the wrk scenario's own hours (10,000
hours on), so replays neither repeat a key nor collide in the exclusion constraints. With --vary-user UUID, that user (the caller) becomes one of the kit's 100 students per
pgbench client, with their own write-limit lock, as the wrk scenario spreads its requests over the students; with
--vary-tutor UUID, the tutor becomes one of the 20 booking tutors per client likewise. Each session's statements are
replayed together (the request's listeners run in sessions of their own), so every transaction keeps its boundaries.

usage: count_statements.py --log app.log --psql "psql -h ... -U postgres -d lyceum" --url URL [--method POST
       --body JSON --header 'Authorization: Bearer ...'] [--repeat 9] [--pgbench out.sql]
"""
import argparse
import json
import re
import shlex
import statistics
import subprocess
import time
import urllib.request
import uuid

EXEC = re.compile(r"LOG:\s+(?:execute [^:]*|statement): (.*)$", re.S)
ENTRY = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
PARAMS = re.compile(r"DETAIL:\s+Parameters: (.*)$")
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def psql(command, sql):
    subprocess.run(shlex.split(command) + ["-q", "-X", "-c", sql], check=True, capture_output=True)


def request(args):
    data = args.body.encode() if args.body else None
    req = urllib.request.Request(args.url, data=data, method=args.method)
    req.add_header("Content-Type", "application/json")
    for header in args.header or []:
        name, value = header.split(":", 1)
        req.add_header(name.strip(), value.strip())
    try:
        with urllib.request.urlopen(req) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def entries(lines):
    """Log entries: a statement written over several lines continues on lines that do not start a new entry."""
    joined = []
    for line in lines:
        if joined and not ENTRY.match(line):
            joined[-1] += "\n" + line.lstrip("\t")
        else:
            joined.append(line)
    return joined


SESSION = re.compile(r"^\S+ \S+(?: \S+)? \[(\d+)\]")

# the background jobs' statements (db-scheduler's polling and bookkeeping, the due-work lookups, the event publication
# registry's resubmission scans) land between the markers too; they are not the request's, so they are left out
BACKGROUND = re.compile(
    r"scheduled_tasks|job_runs|_tenants_with_|FROM EVENT_PUBLICATION WHERE STATUS =", re.I)


def statements_between(log_path, start, end):
    """The (sql, parameters) executed between the two markers, by any session but psql's markers."""
    with open(log_path, errors="replace") as log:
        lines = entries(log.read().splitlines())
    begin = next(i for i, line in enumerate(lines) if start in line)
    finish = next(i for i, line in enumerate(lines) if end in line and i > begin)
    found = []
    for line in lines[begin + 1:finish]:
        m = EXEC.search(line)
        if m:
            session = SESSION.search(line)
            found.append([m.group(1).strip(), None, session.group(1) if session else ""])
            if BACKGROUND.search(m.group(1)):
                found[-1][0] = None
            continue
        p = PARAMS.search(line)
        if p and found:
            found[-1][1] = dict((int(k), v) for k, v in PARAM.findall(p.group(1)))
    return [f for f in found if f[0] is not None]


def inline(sql, params):
    if not params:
        return sql
    return re.sub(r"\$(\d+)\b", lambda m: params.get(int(m.group(1)), m.group(0)), sql)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--psql", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body")
    parser.add_argument("--header", action="append")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--warm", action="store_true", help="send the request once before counting (cache it)")
    parser.add_argument("--pgbench")
    parser.add_argument("--label", default="")
    parser.add_argument("--replayable", metavar="DATE", help="make a write's script repeatable (see above)")
    parser.add_argument("--vary-user", metavar="UUID", help="with --replayable: the caller, varied per client")
    parser.add_argument("--vary-tutor", metavar="UUID", help="with --replayable: the tutor, varied per client")
    args = parser.parse_args()

    psql(args.psql, "ALTER SYSTEM SET log_statement = 'all'")
    psql(args.psql, "SELECT pg_reload_conf()")
    time.sleep(0.5)
    runs = []
    try:
        if args.warm:
            request(args)
        for _ in range(args.repeat):
            marker = uuid.uuid4().hex
            psql(args.psql, f"SELECT 'bench-start-{marker}'")
            status = request(args)
            time.sleep(0.05)
            psql(args.psql, f"SELECT 'bench-end-{marker}'")
            time.sleep(0.3)
            runs.append((status, statements_between(args.log, f"bench-start-{marker}", f"bench-end-{marker}")))
    finally:
        psql(args.psql, "ALTER SYSTEM RESET log_statement")
        psql(args.psql, "SELECT pg_reload_conf()")

    def control(sql):
        return sql.upper().split(" ")[0] in ("BEGIN", "COMMIT", "ROLLBACK", "START")

    def sql_only(found):
        return [s for s in found if not control(s[0])]

    counts = sorted(runs, key=lambda run: len(sql_only(run[1])))
    status, median = counts[len(counts) // 2]
    transactions = sum(1 for s in median if s[0].upper().startswith("COMMIT"))
    result = {
        "label": args.label,
        "status": status,
        "statements": len(sql_only(median)),
        "transactions": transactions,
        "runs": [len(sql_only(run[1])) for run in runs],
    }
    print(json.dumps(result))
    if args.pgbench:
        with open(args.pgbench, "w") as out:
            out.write(f"-- the statements of one {args.method} {args.url} as the application ran them (generated)\n")
            if args.replayable:
                # the request's listeners ran in sessions of their own, interleaved in the log: each session's
                # statements are replayed together, in the order the sessions started, so every transaction keeps
                # its own boundaries (one pgbench client runs them one after the other)
                order = list(dict.fromkeys(session for _, _, session in median))
                median = sorted(median, key=lambda statement: order.index(statement[2]))
            lines = []
            for sql, params, _ in median:
                if control(sql):
                    lines.append(sql)
                else:
                    # one line per statement for pgbench: comments go first, or they would swallow the rest
                    text = re.sub(r"--[^\n]*", "", inline(sql, params))
                    lines.append(" ".join(text.split()))
            if args.replayable:
                lines = replayable(lines, args.replayable, args.vary_user, args.vary_tutor)
            for line in lines:
                out.write(line if line.endswith("\\gset") else line + ";")
                out.write("\n")


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIMESTAMP = re.compile(r"'(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\+00(?::00)?|Z)'")


def replayable(lines, first_date, user=None, tutor=None):
    """The lines with new rows' ids, the booked times and the caller made fresh per transaction (pgbench variables)."""
    seen, fresh = set(), []
    for line in lines:
        m = NEW_ROW.search(line)
        if m and line.upper().startswith("INSERT") and m.group(1) not in seen:
            fresh.append(m.group(1))
        seen.update(UUID.findall(line))
    names = {uid: f"id{n}" for n, uid in enumerate(fresh, 1)}

    def varied(line):
        line = UUID.sub(lambda m: ":" + names[m.group(0)] if m.group(0) in names else m.group(0), line)
        if user:
            # pgbench reads "::name" as a cast, so a key such as 'writes:...:user:<id>' is cut around the variable
            line = line.replace(":" + user, ":' || ':bench_user' || '").replace(user, ":bench_user")
            line = ADVISORY_LOCK.sub("pg_advisory_xact_lock(hashtext(':bench_user'))", line)
        if tutor:
            line = line.replace(tutor, ":bench_tutor")
        return TIMESTAMP.sub(
            lambda m: f"({m.group(0)}::timestamptz + interval '1 hour' * (10000 + :hours))" if m.group(1) >= first_date
            else m.group(0), line)

    columns = "".join(f"gen_random_uuid() AS {name}, " for name in names.values())
    head = [f"SELECT {columns}nextval('bench_booking_hours') AS hours \\gset"]
    if user:
        head.append("SELECT id AS bench_user FROM users WHERE email = 'bench-student-' || (:client_id % 100 + 1)"
                    " || '@example.com' \\gset")
    if tutor:
        head.append("SELECT id AS bench_tutor FROM users WHERE email = 'bench-' || (:client_id % 20 + 1)"
                    " || '@example.com' \\gset")
    # the tenant is pgbench's own (PGOPTIONS); the log interleaves sessions, so another's unbinding must not land here
    return head + [varied(line) for line in lines if not line.startswith("SELECT set_config('lyceum.tenant_id'")]


NEW_ROW = re.compile(r"VALUES\s*\(\s*'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'", re.I)
ADVISORY_LOCK = re.compile(r"pg_advisory_xact_lock\('-?\d+'\)")


if __name__ == "__main__":
    main()
