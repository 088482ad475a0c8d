package io.lyceum.accounts;

import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin: users")
class AdminUserController {

    private static final String RULES = " Admins manage STUDENT, TUTOR and GUARDIAN accounts; acting on an ADMIN or "
            + "OWNER account needs an OWNER (403 `admin.insufficient_role`). Another tenant's user is 404.";

    private final AdminUserService admin;

    AdminUserController(AdminUserService admin) {
        this.admin = admin;
    }

    record AdminUserView(
            UUID id,
            String email,
            String fullName,
            Role role,
            UserStatus status,
            boolean emailVerified,
            @Nullable String mobile,
            boolean mobileVerified,
            String timeZone,
            String locale,
            @Nullable Instant archivedAt,
            Instant createdAt,
            long version) {

        static AdminUserView of(User user) {
            return new AdminUserView(
                    user.id(),
                    user.email(),
                    user.fullName(),
                    user.role(),
                    user.status(),
                    user.emailVerified(),
                    user.mobile(),
                    user.mobileVerifiedAt() != null,
                    user.timeZone(),
                    user.locale(),
                    user.archivedAt(),
                    user.createdAt(),
                    user.version());
        }
    }

    /** Null fields stay as they are. Email, role and email verification cannot be set here. */
    record UpdateUserRequest(
            @Size(min = 1, max = 200) @Pattern(regexp = PlainText.PATTERN, message = PlainText.MESSAGE) @Nullable
            String fullName,

            @Size(max = 64) @Nullable String timeZone,

            @Size(max = 35)
            @Pattern(
                    regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*",
                    message = "must be a language tag such as en or pt-BR")
            @Nullable
            String locale,

            @Null(message = "cannot be set by an admin: users verify their own email") @Nullable
            Boolean emailVerified,

            @Null(message = "cannot be changed by an admin") @Nullable
            String email,

            @Null(message = "use PUT /api/v1/admin/users/{id}/role") @Nullable
            Role role) {}

    record RoleRequest(
            @NotNull Role role, @Size(max = 1000) @Nullable String reason) {}

    record ReasonRequest(@NotBlank @Size(max = 1000) String reason) {}

    record OptionalReasonRequest(@Size(max = 1000) @Nullable String reason) {}

    record PasswordResetSent(String status, Instant expiresAt) {}

    @GetMapping
    @Operation(
            summary = "List and search the tenant's users",
            description = "ADMIN or OWNER. Paged; sort by createdAt (default, newest first), email or fullName. "
                    + "Filters: role and status (repeat for several), email and name (partial, case-insensitive), "
                    + "q (every word must appear in the name or email).")
    PageResponse<AdminUserView> list(
            @Parameter(description = "STUDENT, TUTOR, GUARDIAN, ADMIN or OWNER; repeatable")
                    @RequestParam(required = false)
                    List<Role> role,
            @Parameter(description = "ACTIVE, SUSPENDED, BANNED, ARCHIVED or DELETED; repeatable")
                    @RequestParam(required = false)
                    List<UserStatus> status,
            @RequestParam(required = false) @Size(max = 254) String email,
            @RequestParam(required = false) @Size(max = 200) String name,
            @Parameter(description = "keyword search over name and email")
                    @RequestParam(required = false)
                    @Size(max = 200)
                    String q,
            PageQuery query) {
        return admin.list(new AdminUserStore.UserFilter(role, status, email, name, q), query)
                .map(AdminUserView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One user of the tenant", description = "ADMIN or OWNER. Another tenant's user is 404.")
    AdminUserView get(@PathVariable UUID id) {
        return AdminUserView.of(admin.get(id));
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Update a user's name, time zone and language",
            description = "ADMIN or OWNER." + RULES + " `emailVerified`, `email` and `role` are refused (422).")
    AdminUserView update(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody UpdateUserRequest body) {
        return AdminUserView.of(admin.updateProfile(user, id, body.fullName(), body.timeZone(), body.locale()));
    }

    @PutMapping("/{id}/role")
    @Operation(
            summary = "Change a user's role",
            description = "ADMIN or OWNER. Only an OWNER grants or removes ADMIN and OWNER." + RULES
                    + " Nobody changes their own role (403 `admin.own_role`); the tenant's last active OWNER cannot be "
                    + "demoted (409 `admin.last_owner`). Signs the user out everywhere so new tokens carry the role.")
    AdminUserView changeRole(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody RoleRequest body) {
        return AdminUserView.of(admin.changeRole(user, id, body.role(), body.reason()));
    }

    @PostMapping("/{id}/suspend")
    @Operation(
            summary = "Suspend a user",
            description = "ADMIN or OWNER." + RULES + " From ACTIVE or ARCHIVED, else 409 `admin.invalid_transition`. "
                    + "Revokes all sessions at once; the last active OWNER cannot be suspended (409).")
    AdminUserView suspend(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ReasonRequest body) {
        return AdminUserView.of(admin.suspend(user, id, body.reason()));
    }

    @PostMapping("/{id}/ban")
    @Operation(
            summary = "Ban a user",
            description = "ADMIN or OWNER." + RULES + " From ACTIVE, ARCHIVED or SUSPENDED, else 409. "
                    + "Revokes all sessions at once; the last active OWNER cannot be banned (409).")
    AdminUserView ban(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ReasonRequest body) {
        return AdminUserView.of(admin.ban(user, id, body.reason()));
    }

    @PostMapping("/{id}/reinstate")
    @Operation(
            summary = "Reinstate a suspended or banned user",
            description = "ADMIN or OWNER." + RULES + " From SUSPENDED or BANNED, else 409. Body optional. "
                    + "The user signs in again.")
    AdminUserView reinstate(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) OptionalReasonRequest body) {
        return AdminUserView.of(admin.reinstate(user, id, body == null ? null : body.reason()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete a user (soft)",
            description = "ADMIN or OWNER." + RULES + " Sets status DELETED and revokes all sessions; the account can "
                    + "no longer sign in. The last active OWNER cannot be deleted (409).")
    void delete(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Parameter(description = "why, for the audit log") @RequestParam(required = false) @Size(max = 1000)
                    String reason) {
        admin.delete(user, id, reason);
    }

    @PostMapping("/{id}/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Send a user a password reset code",
            description = "ADMIN or OWNER." + RULES + " Emails a 6-digit code valid for 30 minutes (at most one per "
                    + "minute, else 429) and signs the user out everywhere. The user chooses a new password with it.")
    PasswordResetSent sendPasswordReset(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return new PasswordResetSent("SENT", admin.sendPasswordReset(user, id));
    }
}
