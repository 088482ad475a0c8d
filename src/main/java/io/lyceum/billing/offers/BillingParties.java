package io.lyceum.billing.offers;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.billing.payments.Orders;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.UserId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Who a purchase is for and who may see it: students buy for themselves, guardians for their linked students. */
@Component
class BillingParties {

    private final AccountsApi accounts;

    BillingParties(AccountsApi accounts) {
        this.accounts = accounts;
    }

    /** The student a student or guardian buys for ({@code requested} is for guardians with several students). */
    UUID studentFor(CurrentUser user, @Nullable UUID requested, String codePrefix) {
        if (user.role() == Role.STUDENT) {
            if (requested != null && !requested.equals(user.userId().value())) {
                throw LyceumException.forbidden(codePrefix + ".forbidden", "A student buys for themself only.");
            }
            return user.userId().value();
        }
        if (user.role() == Role.GUARDIAN) {
            if (requested == null) {
                List<UUID> linked = UserId.valuesOf(accounts.studentsOf(user.userId()));
                if (linked.size() == 1) {
                    return linked.getFirst();
                }
                String message = linked.isEmpty()
                        ? "Link a student to your account first."
                        : "Say which of your linked students this is for.";
                throw LyceumException.invalid(
                        codePrefix + ".student_required", message, List.of(new FieldError("studentId", message)));
            }
            if (requested.equals(user.userId().value()) || !accounts.mayActFor(user.userId(), UserId.of(requested))) {
                throw LyceumException.forbidden(
                        codePrefix + ".student_not_linked", "You may buy only for students linked to your account.");
            }
            return requested;
        }
        throw LyceumException.forbidden(codePrefix + ".forbidden", "Only students and guardians buy.");
    }

    /** Whether the caller is the student or a guardian linked to them. */
    boolean actsFor(CurrentUser user, UUID studentId) {
        return switch (user.role()) {
            case STUDENT -> user.userId().value().equals(studentId);
            case GUARDIAN -> accounts.mayActFor(user.userId(), UserId.of(studentId));
            default -> false;
        };
    }

    /** Whether the caller may see a purchase: staff, its tutor, its student or a guardian linked to them. */
    boolean isParty(CurrentUser user, UUID tutorId, UUID studentId) {
        return user.isStaff()
                || (user.role() == Role.TUTOR && user.userId().value().equals(tutorId))
                || actsFor(user, studentId);
    }

    /**
     * The SQL scope of a list for the caller (never user input): a student's own rows, a guardian's linked students'
     * rows, a tutor's own rows (by {@code tutorColumn}), everything for staff.
     */
    Scope scope(CurrentUser user, String studentColumn, String tutorColumn) {
        return switch (user.role()) {
            case STUDENT ->
                new Scope(studentColumn + " = :me", Map.of("me", user.userId().value()));
            case TUTOR ->
                new Scope(tutorColumn + " = :me", Map.of("me", user.userId().value()));
            case GUARDIAN -> {
                List<UUID> linked = UserId.valuesOf(accounts.studentsOf(user.userId()));
                yield linked.isEmpty()
                        ? new Scope("FALSE", Map.of())
                        : new Scope(studentColumn + " IN (:linked)", Map.of("linked", linked));
            }
            case ADMIN, OWNER -> new Scope("TRUE", Map.of());
        };
    }

    static Orders.Actor actor(CurrentUser user) {
        return new Orders.Actor(user.userId().value(), user.role().name());
    }

    record Scope(String sql, Map<String, Object> params) {}
}
