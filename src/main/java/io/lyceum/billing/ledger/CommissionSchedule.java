package io.lyceum.billing.ledger;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.CommissionTiersChanged;
import io.lyceum.billing.ledger.Ledger.AppliedCommission;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant's commission schedule: tiers keyed on the hours a tutor has taught, each with a rate, and a separate rate
 * for trial lessons. A tenant that never configured one uses {@link #DEFAULT_TIERS} (after Preply: 33% falling to 18%)
 * and {@link #DEFAULT_TRIAL_RATE_BPS} (the platform keeps a paid trial lesson's whole price, as Preply does).
 */
@Service
public class CommissionSchedule {

    /** One tier: from {@code minHours} taught (inclusive) the rate is {@code rateBps} basis points. */
    record Tier(String name, int minHours, int rateBps) {}

    /** The tenant's schedule; {@code version} 0 and {@code configured} false mean the defaults. */
    record Schedule(
            List<Tier> tiers,
            int trialRateBps,
            long version,
            boolean configured,
            @Nullable Instant updatedAt) {

        Map<String, Object> describe() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put(
                    "tiers",
                    tiers.stream()
                            .map(t -> Map.<String, Object>of(
                                    "name", t.name(), "minHours", t.minHours(), "rateBps", t.rateBps()))
                            .toList());
            map.put("trialRateBps", trialRateBps);
            map.put("version", version);
            map.put("configured", configured);
            return map;
        }
    }

    static final List<Tier> DEFAULT_TIERS = List.of(
            new Tier("Starter", 0, 3300),
            new Tier("Established", 20, 2800),
            new Tier("Experienced", 50, 2500),
            new Tier("Expert", 100, 2200),
            new Tier("Master", 200, 1800));
    static final int DEFAULT_TRIAL_RATE_BPS = 10_000;
    static final int MAX_TIERS = 20;
    static final String TRIAL_TIER = "Trial";

    private final JdbcClient jdbc;
    private final SchedulingApi scheduling;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    CommissionSchedule(
            JdbcClient jdbc, SchedulingApi scheduling, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.scheduling = scheduling;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** The current tenant's schedule (the defaults when it has none). */
    @Transactional(readOnly = true)
    Schedule current() {
        UUID tenant = TenantContext.require().value();
        var settings = jdbc.sql(
                        "SELECT trial_rate_bps, version, updated_at FROM commission_settings WHERE tenant_id = :t")
                .param("t", tenant)
                .query((rs, n) -> new Object[] {
                    rs.getInt("trial_rate_bps"),
                    rs.getLong("version"),
                    io.lyceum.platform.SqlValues.instant(rs, "updated_at")
                })
                .optional();
        if (settings.isEmpty()) {
            return new Schedule(DEFAULT_TIERS, DEFAULT_TRIAL_RATE_BPS, 0, false, null);
        }
        List<Tier> tiers = jdbc.sql(
                        "SELECT name, min_hours, rate_bps FROM commission_tiers WHERE tenant_id = :t ORDER BY min_hours")
                .param("t", tenant)
                .query((rs, n) -> new Tier(rs.getString("name"), rs.getInt("min_hours"), rs.getInt("rate_bps")))
                .list();
        Object[] row = settings.get();
        return new Schedule(
                tiers.isEmpty() ? DEFAULT_TIERS : tiers, (Integer) row[0], (Long) row[1], true, (Instant) row[2]);
    }

    /**
     * The commission on a lesson of {@code tutorId} starting at {@code at}: the trial rate for a trial lesson, else the
     * tier of the hours the tutor taught before {@code at} (whole hours, rounded down).
     */
    public AppliedCommission rateFor(UUID tutorId, boolean trial, Instant at) {
        Schedule schedule = current();
        if (trial) {
            return new AppliedCommission(TRIAL_TIER, schedule.trialRateBps());
        }
        long hours = scheduling.minutesTaught(TutorId.of(tutorId), at) / 60;
        Tier applied = schedule.tiers().getFirst();
        for (Tier tier : schedule.tiers()) {
            if (tier.minHours() <= hours) {
                applied = tier;
            }
        }
        return new AppliedCommission(applied.name(), applied.rateBps());
    }

    /**
     * Replaces the schedule (OWNER). {@code expectedVersion} (from If-Match) must be the current version when given:
     * 412 {@code commission.version_mismatch} otherwise. Each change is kept in {@code commission_history} and
     * announced as {@link CommissionTiersChanged}.
     */
    @Transactional
    Schedule replace(CurrentUser owner, List<Tier> tiers, int trialRateBps, @Nullable Long expectedVersion) {
        validate(tiers, trialRateBps);
        UUID tenant = TenantContext.require().value();
        // serialise concurrent replacements: the settings row (or, for the first one, its insert) is the lock
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))")
                .param("k", "commission:" + tenant)
                .query(Object.class)
                .list();
        Schedule before = current();
        if (expectedVersion != null && expectedVersion != before.version()) {
            throw new LyceumException(
                    ErrorKind.PRECONDITION_FAILED,
                    "commission.version_mismatch",
                    "The commission tiers changed since you read them (version " + before.version() + ").");
        }
        Instant now = clock.instant();
        long version = before.version() + 1;
        jdbc.sql("""
                        INSERT INTO commission_settings (tenant_id, trial_rate_bps, version, updated_by, updated_at)
                        VALUES (:t, :trial, :v, :by, :now)
                        ON CONFLICT (tenant_id) DO UPDATE SET trial_rate_bps = :trial, version = :v,
                                                              updated_by = :by, updated_at = :now
                        """)
                .param("t", tenant)
                .param("trial", trialRateBps)
                .param("v", version)
                .param("by", owner.userId().value())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("DELETE FROM commission_tiers WHERE tenant_id = :t")
                .param("t", tenant)
                .update();
        for (Tier tier : tiers) {
            jdbc.sql("""
                            INSERT INTO commission_tiers (tenant_id, name, min_hours, rate_bps, updated_at)
                            VALUES (:t, :name, :min, :rate, :now)
                            """)
                    .param("t", tenant)
                    .param("name", tier.name().strip())
                    .param("min", tier.minHours())
                    .param("rate", tier.rateBps())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .update();
        }
        Schedule after = current();
        jdbc.sql("""
                        INSERT INTO commission_history (id, tenant_id, version, tiers, trial_rate_bps, previous,
                                                        actor_id, actor_role, occurred_at)
                        VALUES (:id, :t, :v, CAST(:tiers AS jsonb), :trial, CAST(:previous AS jsonb), :actor, :role,
                                :now)
                        """)
                .param("id", Ids.newId())
                .param("t", tenant)
                .param("v", version)
                .param("tiers", json.writeValueAsString(after.tiers()))
                .param("trial", trialRateBps)
                .param("previous", json.writeValueAsString(before.describe()))
                .param("actor", owner.userId().value())
                .param("role", owner.role().name())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        events.publishEvent(new CommissionTiersChanged(
                TenantContext.require(), owner.userId().value(), before.describe(), after.describe(), version, now));
        return after;
    }

    private static void validate(List<Tier> tiers, int trialRateBps) {
        List<FieldError> errors = problems(tiers, trialRateBps);
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("commission.invalid_tiers", "The commission tiers are not valid.", errors);
        }
    }

    /** Every problem of a schedule at once, so a caller can report them together with its own. */
    static List<FieldError> problems(List<Tier> tiers, int trialRateBps) {
        List<FieldError> errors = new ArrayList<>();
        if (tiers == null || tiers.isEmpty()) {
            errors.add(new FieldError("tiers", "must contain at least one tier"));
        } else {
            if (tiers.size() > MAX_TIERS) {
                errors.add(new FieldError("tiers", "at most " + MAX_TIERS + " tiers"));
            }
            if (tiers.getFirst().minHours() != 0) {
                errors.add(new FieldError("tiers[0].minHours", "the first tier must start at 0 hours"));
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < tiers.size(); i++) {
                Tier tier = tiers.get(i);
                String name = tier.name() == null ? "" : tier.name().strip();
                if (name.isEmpty() || name.length() > 60) {
                    errors.add(new FieldError("tiers[" + i + "].name", "must be 1 to 60 characters"));
                } else if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                    errors.add(new FieldError("tiers[" + i + "].name", "must be unique"));
                }
                if (tier.minHours() < 0 || tier.minHours() > 1_000_000) {
                    errors.add(new FieldError("tiers[" + i + "].minHours", "must be between 0 and 1000000"));
                }
                if (i > 0 && tier.minHours() <= tiers.get(i - 1).minHours()) {
                    errors.add(new FieldError(
                            "tiers[" + i + "].minHours", "must be greater than the previous tier's hours"));
                }
                if (tier.rateBps() < 0 || tier.rateBps() > 10_000) {
                    errors.add(new FieldError("tiers[" + i + "].rate", "must be between 0 and 100 percent"));
                }
            }
        }
        if (trialRateBps < 0 || trialRateBps > 10_000) {
            errors.add(new FieldError("trialRate", "must be between 0 and 100 percent"));
        }
        return errors;
    }
}
