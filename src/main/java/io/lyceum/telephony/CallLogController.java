package io.lyceum.telephony;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Call logs (the user's own, the tenant's for admins) and the tenant's SMS log (admins). */
@RestController
@Tag(name = "Telephony: logs", description = "Voice calls and text messages; see docs/telephony.md.")
class CallLogController {

    private final CallLogs calls;
    private final SmsLog sms;

    CallLogController(CallLogs calls, SmsLog sms) {
        this.calls = calls;
        this.sms = sms;
    }

    @GetMapping("/api/v1/calls")
    @Operation(
            summary = "My calls",
            description = "Calls Lyceum placed to the caller and calls they made to the tenant's number (known by "
                    + "their verified mobile), newest first, with status, outcome (completed, no_answer, busy, "
                    + "voicemail, failed), Vapi's endedReason and the transcript.")
    PageResponse<CallLogs.CallLog> mine(
            @AuthenticationPrincipal CurrentUser user, @Parameter(hidden = true) PageQuery query) {
        return calls.page(user.userId().value(), query);
    }

    @GetMapping("/api/v1/calls/{id}")
    @Operation(
            summary = "One of my calls",
            description = "The caller's own call; admins may read any call of the tenant. Anyone else gets 404 "
                    + "`call.not_found`.")
    CallLogs.CallLog one(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return calls.find(id)
                .filter(call -> user.isStaff() || user.userId().value().equals(call.userId()))
                .orElseThrow(() -> LyceumException.notFound("call.not_found", "No such call."));
    }

    @GetMapping("/api/v1/admin/calls")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "The tenant's calls",
            description = "ADMIN or OWNER. Every call of the tenant, outbound and inbound, newest first; filter by "
                    + "`userId`.")
    PageResponse<CallLogs.CallLog> tenant(
            @RequestParam(required = false) UUID userId, @Parameter(hidden = true) PageQuery query) {
        return calls.page(userId, query);
    }

    @GetMapping("/api/v1/admin/sms")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "The tenant's text messages",
            description = "ADMIN or OWNER. Every SMS sent (with Twilio's status and error code, or "
                    + "`refused_opted_out`) and received (replies), newest first; filter by `number` (either end).")
    PageResponse<SmsLog.SmsEntry> smsLog(
            @RequestParam(required = false) String number, @Parameter(hidden = true) PageQuery query) {
        return sms.page(number, query);
    }
}
