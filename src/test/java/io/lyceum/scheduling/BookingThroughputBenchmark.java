package io.lyceum.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.Parallel;
import io.lyceum.testsupport.Tenants;
import io.lyceum.testsupport.Tutors;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Booking throughput on distinct slots: many students book different slots of many tutors in parallel, over HTTP,
 * each request a full placement (tutor terms, schedule, policy, insert under the exclusion constraints, history,
 * events). Not part of the default build (surefire includes only *Test, *Tests and *Properties); run it with
 * {@code ./mvnw -B -ntp -Dtest=BookingThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class BookingThroughputBenchmark extends BookingTestBase {

    private static final int TUTORS = 20;
    private static final int STUDENTS = 50;
    private static final int HOURS = 50;
    private static final int WARM_UP_HOURS = 10;
    private static final int CONCURRENCY = 16;

    @Test
    void bookingsPerSecondOnDistinctSlots() throws Exception {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        List<Tutor> tutors = new ArrayList<>();
        for (int t = 0; t < TUTORS; t++) {
            Tutors.Approved approved = Tutors.approved(admin, "Europe/London");
            openAllWeek(defaultTenant(), approved.id(), false, 0, 60);
            tutors.add(new Tutor(approved, defaultTenant()));
        }
        List<SignedIn> students = Parallel.run(STUDENTS, i -> student());
        Instant base = LocalDate.now(ZoneOffset.UTC).plusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC);

        run(tutors, students, base, 0, WARM_UP_HOURS);
        int measured = TUTORS * (HOURS - WARM_UP_HOURS);
        long started = System.nanoTime();
        long[] latencies = run(tutors, students, base, WARM_UP_HOURS, HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(latencies).hasSize(measured);
        Arrays.sort(latencies);

        // for scale: the same number of authenticated reads of one booking, same clients
        String someBooking =
                students.getFirst().api().get(BOOKINGS).then().extract().path("content[0].id");
        long readStart = System.nanoTime();
        long[] reads = readAll(students.getFirst(), someBooking, measured);
        double readSeconds = (System.nanoTime() - readStart) / 1e9;
        Arrays.sort(reads);
        System.out.printf(
                Locale.ROOT,
                "baseline: %d GET /api/v1/bookings/{id} with %d clients in %.2f s: %.1f requests/s; p50 %.1f ms%n",
                measured,
                CONCURRENCY,
                readSeconds,
                measured / readSeconds,
                percentile(reads, 50));
        System.out.printf(
                Locale.ROOT,
                "booking throughput: %d bookings (%d tutors, %d students, distinct slots) with %d clients in %.2f s:"
                        + " %.1f bookings/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                measured,
                TUTORS,
                STUDENTS,
                CONCURRENCY,
                seconds,
                measured / seconds,
                percentile(latencies, 50),
                percentile(latencies, 95),
                percentile(latencies, 99),
                percentile(latencies, 100));
    }

    /**
     * Books every tutor at every hour in {@code [fromHour, toHour)}; at hour h tutor t is booked by student
     * {@code (t + h) % STUDENTS}, so no student is in two lessons at once. Returns each request's latency in ns.
     */
    private static long[] run(List<Tutor> tutors, List<SignedIn> students, Instant base, int fromHour, int toHour)
            throws Exception {
        List<int[]> work = new ArrayList<>();
        for (int h = fromHour; h < toHour; h++) {
            for (int t = 0; t < tutors.size(); t++) {
                work.add(new int[] {t, h});
            }
        }
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CONCURRENCY; c++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
                        int t = work.get(i)[0];
                        int h = work.get(i)[1];
                        SignedIn student = students.get((t + h) % STUDENTS);
                        long start = System.nanoTime();
                        int status = book(student, tutors.get(t), base.plus(Duration.ofHours(h)), 60, false)
                                .statusCode();
                        latencies.add(System.nanoTime() - start);
                        if (status != 201) {
                            throw new IllegalStateException("booking " + t + "/" + h + " answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] readAll(SignedIn reader, String bookingId, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CONCURRENCY; c++) {
                done.add(clients.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        long start = System.nanoTime();
                        reader.api().get(BOOKINGS + "/" + bookingId).then().statusCode(200);
                        latencies.add(System.nanoTime() - start);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
