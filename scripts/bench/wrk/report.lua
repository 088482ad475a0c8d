-- Shared summary line appended by run.sh to every scenario: requests/s, p50/p99 latency, errors, non-2xx.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH rps=%.1f p50_ms=%.1f p99_ms=%.1f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors, summary.errors.status))
end
