#!/bin/bash
# Chromium's CPU per navigation with the browser tests' flags, with and without the flags that trim it. Needs a running
# Lyceum on :8080 (./mvnw spring-boot:run) and Debian's chromium and chromedriver. Loads /signin 30 times per trial
# through chromedriver's HTTP protocol and counts the CPU of every chromium and chromedriver process.
set -e
WD=http://localhost:9515
chromedriver --port=9515 > /dev/null 2>&1 &
DRIVER=$!
trap 'kill $DRIVER' EXIT
sleep 1
cpu() { for p in $(pgrep -f /usr/lib/chromium/chromium) $DRIVER; do awk '{print $14+$15}' /proc/$p/stat 2>/dev/null; done | paste -sd+ | bc; }
go() { curl -s -X POST $WD/session/$SID/url -d "{\"url\":\"$1\"}" > /dev/null; }
trial() {
  SID=$(curl -s -X POST $WD/session -d "{\"capabilities\":{\"alwaysMatch\":{\"goog:chromeOptions\":{\"binary\":\"/usr/bin/chromium\",\"args\":$1}}}}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"]["sessionId"])')
  go http://localhost:8080/signin; go http://localhost:8080/signin; sleep 1
  c0=$(cpu); t0=$(date +%s%N)
  for _ in $(seq 30); do go http://localhost:8080/signin; done
  t1=$(date +%s%N); c1=$(cpu)
  echo "$(( (c1 - c0) * 1000 / $(getconf CLK_TCK) / 30 )) ms CPU, $(( (t1 - t0) / 30000000 )) ms wall a navigation: $2"
  curl -s -X DELETE $WD/session/$SID > /dev/null; sleep 1
}
BASE='"--headless=new","--no-sandbox","--disable-dev-shm-usage","--disable-gpu","--window-size=1280,1000"'
TRIM='"--disable-site-isolation-trials","--disable-features=BackForwardCache,RenderDocument,Translate,OptimizationHints,MediaRouter"'
for _ in 1 2 3; do
  trial "[$BASE]" "before"
  trial "[$BASE,$TRIM]" "with the trimming flags"
done
