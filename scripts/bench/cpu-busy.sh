#!/bin/bash
# Runs a command and prints the machine's busy CPU over it (user, nice, system, irq and softirq from /proc/stat, in
# core-seconds) and its wall time: on an otherwise idle machine this counts every process the command starts,
# Chromium and PostgreSQL included, which `time` misses for processes their parents never wait for.
# Usage: scripts/bench/cpu-busy.sh ./mvnw -o test -Dtest=...
read -r _ u n s _ _ q sq _ < /proc/stat
t0=$(date +%s.%N)
"$@"
rc=$?
read -r _ u2 n2 s2 _ _ q2 sq2 _ < /proc/stat
t1=$(date +%s.%N)
hz=$(getconf CLK_TCK)
echo "busy CPU: $(echo "scale=1; (($u2+$n2+$s2+$q2+$sq2)-($u+$n+$s+$q+$sq))/$hz" | bc) core-s" \
  "(user $(echo "scale=1; ($u2+$n2-$u-$n)/$hz" | bc), system $(echo "scale=1; ($s2-$s)/$hz" | bc));" \
  "wall $(echo "$t1-$t0" | bc) s; exit $rc" >&2
exit $rc
