package io.lyceum.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Own account lifecycle and data: archiving (closing) the account and exporting one's personal data. */
@RestController
@RequestMapping("/api/v1/users/me")
@Tag(name = "Profile")
class AccountDataController {

    private final AccountArchiving archiving;
    private final PersonalDataExport export;
    private final AuthCookies cookies;

    AccountDataController(AccountArchiving archiving, PersonalDataExport export, AuthCookies cookies) {
        this.archiving = archiving;
        this.export = export;
        this.cookies = cookies;
    }

    record ArchiveRequest(
            @Size(max = 128) @Nullable String password,
            @NotNull @Size(max = 64) String confirmation) {}

    record ArchivedView(UUID id, String status, Instant archivedAt, Instant restorableUntil) {}

    @PostMapping("/archive")
    @Operation(
            summary = "Archive (close) own account",
            description = "Any signed-in user. Send `confirmation: \"ARCHIVE MY ACCOUNT\"` and, when the account has "
                    + "a password, the `password`. Every session is signed out at once. Signing in again within 30 "
                    + "days restores the account; after that its personal data is erased. The tenant's last owner "
                    + "cannot archive their account (409 `account.last_owner`).")
    ArchivedView archive(
            @AuthenticationPrincipal CurrentUser user,
            @Valid @RequestBody ArchiveRequest body,
            HttpServletResponse response) {
        User archived = archiving.archive(user, body.password(), body.confirmation());
        Instant archivedAt = Objects.requireNonNull(archived.archivedAt(), "archive() answers the archived account");
        cookies.clear(response);
        return new ArchivedView(
                archived.id(), archived.status().name(), archivedAt, AccountArchiving.restorableUntil(archivedAt));
    }

    @GetMapping(value = "/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Download own personal data",
            description = "Any signed-in user. A JSON document (sent as an attachment) with everything Lyceum holds "
                    + "about the caller, one section per module: profile, preferences, avatar, sessions, verification "
                    + "history (never codes or password hashes), and what other modules contribute.")
    ResponseEntity<Map<String, Object>> export(@AuthenticationPrincipal CurrentUser user) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(
                                        "lyceum-personal-data-" + user.userId().value() + ".json")
                                .build()
                                .toString())
                .cacheControl(CacheControl.noStore())
                .body(export.export(user));
    }
}
