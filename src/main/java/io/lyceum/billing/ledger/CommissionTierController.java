package io.lyceum.billing.ledger;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.billing.ledger.CommissionSchedule.Schedule;
import io.lyceum.billing.ledger.CommissionSchedule.Tier;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/owner/commission-tiers")
@PreAuthorize("hasRole('OWNER')")
@Tag(name = "Billing: commission", description = "The owner's commission tiers; see docs/ledger-and-wallets.md.")
class CommissionTierController {

    private final CommissionSchedule schedule;

    CommissionTierController(CommissionSchedule schedule) {
        this.schedule = schedule;
    }

    @Schema(name = "CommissionTier")
    record TierView(String name, int minHours, int rateBps, BigDecimal ratePercent) {
        static TierView of(Tier tier) {
            return new TierView(tier.name(), tier.minHours(), tier.rateBps(), percent(tier.rateBps()));
        }
    }

    @Schema(name = "CommissionTiers")
    record ScheduleView(
            List<TierView> tiers,
            int trialRateBps,
            BigDecimal trialRatePercent,
            long version,

            @Schema(description = "false: the tenant uses the built-in defaults")
            boolean configured,

            @Nullable Instant updatedAt) {
        static ScheduleView of(Schedule s) {
            return new ScheduleView(
                    s.tiers().stream().map(TierView::of).toList(),
                    s.trialRateBps(),
                    percent(s.trialRateBps()),
                    s.version(),
                    s.configured(),
                    s.updatedAt());
        }
    }

    @Schema(name = "CommissionTierRequest")
    record TierRequest(
            String name,
            @NotNull Integer minHours,

            @Schema(description = "The rate in percent (up to two decimals), or give rateBps")
            BigDecimal ratePercent,

            @Schema(description = "The rate in basis points (3300 = 33%), or give ratePercent")
            Integer rateBps) {}

    @Schema(name = "CommissionTiersRequest")
    record ScheduleRequest(
            @NotNull @Size(min = 1, max = CommissionSchedule.MAX_TIERS)
            List<@Valid @NotNull TierRequest> tiers,

            Integer trialRateBps,
            BigDecimal trialRatePercent) {}

    @GetMapping
    @Operation(
            summary = "The commission tiers",
            description = "OWNER only. The rate falls as a tutor's taught hours grow; trial lessons have their own "
                    + "rate. Without a configuration the defaults apply (0 h 33%, 20 h 28%, 50 h 25%, 100 h 22%, "
                    + "200 h 18%; trial 100%). The ETag is the version, for If-Match on PUT.")
    ResponseEntity<ScheduleView> get() {
        return withEtag(schedule.current());
    }

    @PutMapping
    @Operation(
            summary = "Replace the commission tiers",
            description = "OWNER only. The first tier starts at 0 hours, hours strictly increase, rates 0 to 100% "
                    + "(`ratePercent` or `rateBps`), at most 20 tiers with unique names; the trial rate defaults to "
                    + "the current one when omitted. 422 `commission.invalid_tiers` with errors[]; optional If-Match "
                    + "(the ETag from GET): 412 `commission.version_mismatch`. The change is kept in the commission "
                    + "history and written to the audit log. New rates apply to lessons earned from now on.")
    @ApiResponse(responseCode = "200", description = "Replaced")
    ResponseEntity<ScheduleView> put(
            @AuthenticationPrincipal CurrentUser owner,
            @Valid @RequestBody ScheduleRequest body,
            @Parameter(description = "ETag from GET") @RequestHeader(value = "If-Match", required = false)
                    String ifMatch) {
        List<FieldError> errors = new ArrayList<>();
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < body.tiers().size(); i++) {
            TierRequest tier = body.tiers().get(i);
            Integer bps = bps(tier.ratePercent(), tier.rateBps(), "tiers[" + i + "].rate", errors);
            tiers.add(new Tier(tier.name(), tier.minHours(), bps == null ? 0 : bps));
        }
        Integer trial = body.trialRateBps() == null && body.trialRatePercent() == null
                ? Integer.valueOf(schedule.current().trialRateBps())
                : bps(body.trialRatePercent(), body.trialRateBps(), "trialRate", errors);
        // The schedule's own rules are checked here too, so one answer lists every problem of the request
        // (an unreadable rate is checked as 0 and reported once, above).
        errors.addAll(CommissionSchedule.problems(tiers, trial == null ? 0 : trial));
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("commission.invalid_tiers", "The commission tiers are not valid.", errors);
        }
        // set whenever no error was listed (bps answers null only after adding one)
        return withEtag(schedule.replace(owner, tiers, Objects.requireNonNull(trial), version(ifMatch)));
    }

    private static @Nullable Integer bps(
            @Nullable BigDecimal percent, @Nullable Integer bps, String field, List<FieldError> errors) {
        if ((percent == null) == (bps == null)) {
            if (percent != null
                    && bps != null
                    && percent.multiply(BigDecimal.valueOf(100)).compareTo(BigDecimal.valueOf(bps)) == 0) {
                return bps;
            }
            errors.add(new FieldError(field, "give exactly one of the rate in percent or in basis points"));
            return null;
        }
        if (bps != null) {
            return bps;
        }
        // exactly one of the two was given (checked above) and it is not bps
        BigDecimal scaled = Objects.requireNonNull(percent).multiply(BigDecimal.valueOf(100));
        if (scaled.stripTrailingZeros().scale() > 0) {
            errors.add(new FieldError(field, "at most two decimals"));
            return null;
        }
        if (scaled.compareTo(BigDecimal.ZERO) < 0 || scaled.compareTo(BigDecimal.valueOf(10_000)) > 0) {
            errors.add(new FieldError(field, "must be between 0 and 100 percent"));
            return null;
        }
        return scaled.intValueExact();
    }

    private static BigDecimal percent(int bps) {
        return BigDecimal.valueOf(bps, 2);
    }

    private static ResponseEntity<ScheduleView> withEtag(Schedule s) {
        return ResponseEntity.ok().eTag("\"" + s.version() + "\"").body(ScheduleView.of(s));
    }

    static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LyceumException(
                    io.lyceum.shared.ErrorKind.BAD_REQUEST,
                    "request.invalid_if_match",
                    "If-Match must be the ETag of the commission tiers.",
                    List.of(new FieldError("If-Match", "must be an ETag such as \"3\"")));
        }
    }
}
