package io.lyceum.billing.documents;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.accounts.UserSummary;
import io.lyceum.billing.documents.DocumentStore.Content;
import io.lyceum.billing.documents.DocumentStore.LineContent;
import io.lyceum.billing.documents.DocumentStore.Scope;
import io.lyceum.billing.payments.Order;
import io.lyceum.billing.payments.OrderKind;
import io.lyceum.billing.payments.OrderStatus;
import io.lyceum.billing.payments.Orders;
import io.lyceum.billing.provider.ChargeLimits;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotes and invoices: drafting (only a DRAFT changes, optionally guarded by its version), sending (numbering,
 * gapless per tenant, type and year, in the sending transaction; an invoice gets its order), the recipient's answer
 * to a quote, conversion of an accepted quote into an invoice, cancelling an invoice, and the PDF.
 *
 * <p>Who sees what: staff (ADMIN, OWNER) every document of the tenant, a tutor those they issued, a student or
 * guardian those addressed to them once sent. Anyone else gets 404. Staff and the issuer manage a document; only the
 * recipient answers a quote.
 */
@Service
class Documents {

    /** Days an invoice is due after sending when its draft named no due date. */
    static final int DEFAULT_PAYMENT_TERMS_DAYS = 14;

    /** Days a quote stays valid after sending when its draft named no date. */
    static final int DEFAULT_QUOTE_VALIDITY_DAYS = 30;

    private final DocumentStore store;
    private final DocumentMail mail;
    private final Orders orders;
    private final AccountsApi accounts;
    private final SchedulingApi scheduling;
    private final Clock clock;

    Documents(
            DocumentStore store,
            DocumentMail mail,
            Orders orders,
            AccountsApi accounts,
            SchedulingApi scheduling,
            Clock clock) {
        this.store = store;
        this.mail = mail;
        this.orders = orders;
        this.accounts = accounts;
        this.scheduling = scheduling;
        this.clock = clock;
    }

    /** A line as the caller wrote it: quantity in hundredths, unit price in minor units of {@code currency}. */
    record LineDraft(
            String description,
            long quantityHundredths,
            long unitPrice,
            @Nullable String unitPriceCurrency,
            @Nullable UUID bookingId,
            @Nullable UUID enrollmentId) {}

    /** A document as the caller wrote it; {@code date} is the due date of an invoice, the valid-until of a quote. */
    record Draft(
            UUID recipientId,
            String currency,
            int taxRateBps,
            List<LineDraft> lines,
            @Nullable String billingName,
            @Nullable String billingAddress,
            @Nullable String billingEmail,
            @Nullable String notes,
            @Nullable LocalDate date) {}

    static LyceumException notFound(DocumentType type) {
        return LyceumException.notFound(type.code() + ".not_found", "No such " + type.code() + ".");
    }

    // ---- reading

    BillingDocument get(CurrentUser user, DocumentType type, UUID id) {
        return store.find(id)
                .filter(doc -> doc.type() == type && visible(user, doc))
                .orElseThrow(() -> notFound(type));
    }

    PageResponse<BillingDocument> list(
            CurrentUser user, DocumentType type, List<DocumentStatus> statuses, PageQuery page) {
        Scope scope = user.isStaff()
                ? new Scope(true, null, null)
                : user.role() == Role.TUTOR
                        ? new Scope(false, user.userId().value(), null)
                        : new Scope(false, null, readableRecipients(user));
        return store.page(type, scope, statuses, page);
    }

    PageResponse<DocumentStore.HistoryEntry> history(CurrentUser user, DocumentType type, UUID id, PageQuery page) {
        return store.history(get(user, type, id).id(), page);
    }

    byte[] pdf(CurrentUser user, DocumentType type, UUID id) {
        return mail.pdf(get(user, type, id));
    }

    @Nullable
    String payLink(BillingDocument doc) {
        return mail.payLink(doc);
    }

    /** Staff and the issuer; the recipient; and a guardian of a student recipient. */
    private boolean visible(CurrentUser user, BillingDocument doc) {
        return manages(user, doc) || answers(user, doc);
    }

    /**
     * Who answers a sent document (accepts or rejects a quote, pays an invoice): its recipient, and a guardian linked
     * to a student recipient, who pays for the student as for their lessons.
     */
    private boolean answers(CurrentUser user, BillingDocument doc) {
        return isRecipient(user, doc)
                || (user.role() == Role.GUARDIAN
                        && doc.status() != DocumentStatus.DRAFT
                        && accounts.mayActFor(user.userId(), UserId.of(doc.recipientId())));
    }

    /**
     * A sent document the caller answers, locked or not; 403 {@code <type>.not_recipient} for someone who sees it but
     * does not answer it (the issuer, staff), 404 for anyone else.
     */
    private BillingDocument answerable(CurrentUser user, DocumentType type, Optional<BillingDocument> found) {
        BillingDocument doc =
                found.filter(d -> d.type() == type && visible(user, d)).orElseThrow(() -> notFound(type));
        if (!answers(user, doc)) {
            throw LyceumException.forbidden(
                    type.code() + ".not_recipient",
                    "Only the recipient of this " + type.code() + " (or a guardian of the student) answers it.");
        }
        return doc;
    }

    /** Whose documents a non-staff reader lists: their own, and a guardian's linked students'. */
    private List<UUID> readableRecipients(CurrentUser user) {
        List<UUID> recipients = new java.util.ArrayList<>(List.of(user.userId().value()));
        if (user.role() == Role.GUARDIAN) {
            recipients.addAll(UserId.valuesOf(accounts.studentsOf(user.userId())));
        }
        return recipients;
    }

    private static boolean manages(CurrentUser user, BillingDocument doc) {
        return user.isStaff() || doc.issuerId().equals(user.userId().value());
    }

    private static boolean isRecipient(CurrentUser user, BillingDocument doc) {
        return doc.recipientId().equals(user.userId().value()) && doc.status() != DocumentStatus.DRAFT;
    }

    /** Locks a document the caller manages (staff, or its issuer); 404 for anyone else. */
    private BillingDocument lockManaged(CurrentUser user, DocumentType type, UUID id, @Nullable Long expectedVersion) {
        BillingDocument doc =
                store.lock(id).filter(d -> d.type() == type && manages(user, d)).orElseThrow(() -> notFound(type));
        if (expectedVersion != null && expectedVersion != doc.version()) {
            throw new LyceumException(
                    ErrorKind.PRECONDITION_FAILED,
                    type.code() + ".version_mismatch",
                    "The " + type.code() + " changed since you read it (now version " + doc.version() + ").");
        }
        return doc;
    }

    private static LyceumException illegal(BillingDocument doc, String action) {
        return LyceumException.conflict(
                doc.type().code() + ".illegal_transition",
                "A " + doc.status() + " " + doc.type().code() + " cannot be " + action + ".");
    }

    private static void requireDraft(BillingDocument doc) {
        if (doc.status() != DocumentStatus.DRAFT) {
            throw LyceumException.conflict(
                    doc.type().code() + ".not_draft",
                    "Only a DRAFT " + doc.type().code() + " can be changed; this one is " + doc.status() + ".");
        }
    }

    // ---- drafting

    @Transactional
    BillingDocument create(CurrentUser user, DocumentType type, Draft draft) {
        return create(user, type, draft, List.of());
    }

    /** {@code requestErrors}: what bean validation found, reported together with the business rules' findings. */
    @Transactional
    BillingDocument create(CurrentUser user, DocumentType type, Draft draft, List<FieldError> requestErrors) {
        Content content = validate(user.userId().value(), issuerKind(user), type, draft, requestErrors);
        Instant now = clock.instant();
        UUID id = Ids.newId();
        store.insert(id, type, user.userId().value(), issuerKind(user), content, totals(content), null, now);
        store.appendHistory(
                id,
                null,
                DocumentStatus.DRAFT,
                user.userId().value(),
                user.role().name(),
                "created",
                now);
        return store.find(id).orElseThrow();
    }

    @Transactional
    BillingDocument update(
            CurrentUser user,
            DocumentType type,
            UUID id,
            Draft draft,
            List<FieldError> requestErrors,
            @Nullable Long expectedVersion) {
        BillingDocument doc = lockManaged(user, type, id, expectedVersion);
        requireDraft(doc);
        Content content = validate(doc.issuerId(), doc.issuerKind(), type, draft, requestErrors);
        store.replaceContent(id, content, totals(content), clock.instant());
        return store.find(id).orElseThrow();
    }

    private static IssuerKind issuerKind(CurrentUser user) {
        return user.isStaff() ? IssuerKind.AGENCY : IssuerKind.TUTOR;
    }

    private static DocumentTotals totals(Content content) {
        return DocumentTotals.of(
                content.lines().stream().map(LineContent::amount).toList(), content.taxRateBps());
    }

    /**
     * Checks what bean validation cannot: the recipient is an active student or guardian of the tenant (for a tutor,
     * one they have taught, or the guardian of one), linked bookings exist (and are the tutor's), prices are in the
     * document's currency and the date has not passed. Every problem is listed in errors[], after those bean
     * validation found ({@code requestErrors}), whose fields are skipped here.
     */
    private Content validate(
            UUID issuerId, IssuerKind issuerKind, DocumentType type, Draft draft, List<FieldError> requestErrors) {
        List<FieldError> errors = new ArrayList<>(requestErrors);
        if (draft.recipientId() != null) {
            Optional<UserSummary> recipient = accounts.findUser(UserId.of(draft.recipientId()))
                    .filter(UserSummary::active)
                    .filter(u -> u.role() == Role.STUDENT || u.role() == Role.GUARDIAN);
            if (recipient.isEmpty()) {
                errors.add(new FieldError("recipientId", "must be an active student or guardian of this tenant"));
            } else if (issuerKind == IssuerKind.TUTOR && !taught(issuerId, recipient.get())) {
                errors.add(new FieldError("recipientId", "must be a student you have taught, or the guardian of one"));
            }
        }
        var currency = knownCurrency(draft.currency());
        if (currency == null && !hasField(requestErrors, "currency")) {
            errors.add(new FieldError("currency", "must be an ISO 4217 currency code"));
        }
        List<LineContent> lines = new ArrayList<>();
        for (int i = 0; i < draft.lines().size(); i++) {
            LineDraft line = draft.lines().get(i);
            String field = "lines[" + i + "]";
            if (currency != null
                    && line.unitPriceCurrency() != null
                    && !line.unitPriceCurrency().equals(currency.getCurrencyCode())) {
                errors.add(new FieldError(field + ".unitPrice.currency", "must be the document's currency"));
            }
            if (line.bookingId() != null) {
                Optional<BookingSummary> booking = scheduling.findBooking(BookingId.of(line.bookingId()));
                if (booking.isEmpty()
                        || (issuerKind == IssuerKind.TUTOR
                                && !booking.get().tutorId().value().equals(issuerId))) {
                    errors.add(new FieldError(field + ".bookingId", "no such booking of yours"));
                }
            }
            lines.add(new LineContent(
                    line.description().strip(),
                    line.quantityHundredths(),
                    line.unitPrice(),
                    line.bookingId(),
                    line.enrollmentId()));
        }
        try {
            long total = DocumentTotals.of(
                            lines.stream().map(LineContent::amount).toList(), draft.taxRateBps())
                    .total();
            if (total > ChargeLimits.MAX_AMOUNT && currency != null) {
                errors.add(new FieldError(
                        "lines",
                        "the total must be at most " + ChargeLimits.maxMajor(currency.getCurrencyCode()) + " "
                                + currency.getCurrencyCode() + ", the largest amount a card payment can be"));
            }
        } catch (ArithmeticException e) {
            errors.add(new FieldError("lines", "the total is too large to pay"));
        }
        if (draft.date() != null && draft.date().isBefore(today())) {
            errors.add(
                    new FieldError(type == DocumentType.INVOICE ? "dueDate" : "validUntil", "must not be in the past"));
        }
        if (errors.size() > requestErrors.size()) {
            throw LyceumException.invalid(
                    type.code() + ".invalid", "The " + type.code() + " has invalid fields.", errors);
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("request.validation_failed", "The request has invalid fields.", errors);
        }
        return new Content(
                draft.recipientId(),
                blankToNull(draft.billingName()),
                blankToNull(draft.billingAddress()),
                blankToNull(draft.billingEmail()),
                blankToNull(draft.notes()),
                // an unknown currency is always listed above (or by bean validation), and nothing listed got here
                Objects.requireNonNull(currency),
                draft.taxRateBps(),
                type == DocumentType.INVOICE ? draft.date() : null,
                type == DocumentType.QUOTE ? draft.date() : null,
                List.copyOf(lines));
    }

    private static java.util.@Nullable Currency knownCurrency(@Nullable String code) {
        try {
            return code == null ? null : Money.currency(code);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean hasField(List<FieldError> errors, String field) {
        return errors.stream().anyMatch(error -> error.field().equals(field));
    }

    private boolean taught(UUID tutorId, UserSummary recipient) {
        if (recipient.role() == Role.STUDENT) {
            return scheduling.hasTaught(TutorId.of(tutorId), UserId.of(recipient.id()));
        }
        return accounts.studentsOf(UserId.of(recipient.id())).stream()
                .anyMatch(student -> scheduling.hasTaught(TutorId.of(tutorId), student));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private LocalDate today() {
        return clock.instant().atZone(mail.zone()).toLocalDate();
    }

    // ---- sending

    @Transactional
    BillingDocument send(CurrentUser user, DocumentType type, UUID id, @Nullable Long expectedVersion) {
        BillingDocument doc = lockManaged(user, type, id, expectedVersion);
        return send(doc, new Orders.Actor(user.userId().value(), user.role().name()));
    }

    /**
     * Numbers a locked DRAFT and sends it: the number comes from the counter row locked in this transaction, so a
     * rollback gives it back. An invoice gets its order (payer: the recipient; amount: the total) and a due date;
     * the recipient is emailed the PDF.
     */
    private BillingDocument send(BillingDocument doc, Orders.Actor actor) {
        if (doc.status() != DocumentStatus.DRAFT) {
            throw illegal(doc, "sent");
        }
        LocalDate today = today();
        LocalDate dueDate = null;
        LocalDate validUntil = null;
        LocalDate lapses;
        if (doc.type() == DocumentType.INVOICE) {
            if (doc.total() <= 0) {
                throw LyceumException.conflict("invoice.zero_total", "An invoice for nothing cannot be sent.");
            }
            dueDate = doc.dueDate() == null ? today.plusDays(DEFAULT_PAYMENT_TERMS_DAYS) : doc.dueDate();
            lapses = dueDate;
        } else {
            validUntil = doc.validUntil() == null ? today.plusDays(DEFAULT_QUOTE_VALIDITY_DAYS) : doc.validUntil();
            lapses = validUntil;
        }
        if (lapses.isBefore(today)) {
            throw LyceumException.conflict(
                    doc.type().code() + ".date_passed",
                    (doc.type() == DocumentType.INVOICE ? "The due date" : "The valid-until date")
                            + " has passed; change the draft first.");
        }
        int year = today.getYear();
        int sequence = store.nextNumber(doc.type(), year);
        String number = doc.type().format(year, sequence);
        UUID orderId = null;
        if (doc.type() == DocumentType.INVOICE) {
            Role recipientRole = accounts.findUser(UserId.of(doc.recipientId()))
                    .map(UserSummary::role)
                    .orElse(Role.STUDENT);
            Order order = orders.open(
                    new Orders.NewOrder(
                            OrderKind.INVOICE,
                            doc.id(),
                            doc.recipientId(),
                            recipientRole == Role.STUDENT ? doc.recipientId() : null,
                            doc.issuerKind() == IssuerKind.TUTOR ? doc.issuerId() : null,
                            "Invoice " + number,
                            doc.money(doc.total()),
                            null),
                    actor);
            orderId = order.id();
        }
        Instant now = clock.instant();
        store.markSent(doc.id(), number, year, sequence, dueDate, validUntil, orderId, now);
        store.appendHistory(
                doc.id(), DocumentStatus.DRAFT, DocumentStatus.SENT, actor.id(), actor.role(), "sent " + number, now);
        BillingDocument sent = store.find(doc.id()).orElseThrow();
        mail.sent(sent);
        return sent;
    }

    // ---- the recipient's answer to a quote

    @Transactional
    BillingDocument answer(CurrentUser user, UUID id, boolean accept, @Nullable String reason) {
        BillingDocument quote = answerable(user, DocumentType.QUOTE, store.lock(id));
        if (quote.status() != DocumentStatus.SENT) {
            throw illegal(quote, accept ? "accepted" : "rejected");
        }
        if (quote.validUntil() != null && quote.validUntil().isBefore(today())) {
            throw LyceumException.conflict("quote.expired", "The quote was valid until " + quote.validUntil() + ".");
        }
        DocumentStatus next = accept ? DocumentStatus.ACCEPTED : DocumentStatus.REJECTED;
        Instant now = clock.instant();
        store.updateStatus(id, next, now);
        store.appendHistory(
                id,
                DocumentStatus.SENT,
                next,
                user.userId().value(),
                user.role().name(),
                reason == null || reason.isBlank() ? (accept ? "accepted" : "rejected") : reason.strip(),
                now);
        return store.find(id).orElseThrow();
    }

    // ---- converting an accepted quote

    /** Makes an invoice of an ACCEPTED quote, once: same issuer, recipient, lines, tax and currency. */
    @Transactional
    BillingDocument convert(CurrentUser user, UUID quoteId, boolean sendNow, @Nullable LocalDate dueDate) {
        BillingDocument quote = lockManaged(user, DocumentType.QUOTE, quoteId, null);
        if (quote.convertedTo() != null) {
            throw LyceumException.conflict(
                    "quote.already_converted", "The quote was converted to invoice " + quote.convertedTo() + ".");
        }
        if (quote.status() != DocumentStatus.ACCEPTED) {
            throw illegal(quote, "converted (only an ACCEPTED quote can)");
        }
        if (dueDate != null && dueDate.isBefore(today())) {
            throw LyceumException.invalid(
                    "invoice.invalid",
                    "The invoice has invalid fields.",
                    List.of(new FieldError("dueDate", "must not be in the past")));
        }
        Content content = new Content(
                quote.recipientId(),
                quote.billingName(),
                quote.billingAddress(),
                quote.billingEmail(),
                quote.notes(),
                quote.currency(),
                quote.taxRateBps(),
                dueDate,
                null,
                quote.lines().stream()
                        .map(l -> new LineContent(
                                l.description(),
                                l.quantityHundredths(),
                                l.unitPrice(),
                                l.bookingId(),
                                l.enrollmentId()))
                        .toList());
        Instant now = clock.instant();
        UUID invoiceId = Ids.newId();
        store.insert(
                invoiceId,
                DocumentType.INVOICE,
                quote.issuerId(),
                quote.issuerKind(),
                content,
                totals(content),
                quote.id(),
                now);
        store.appendHistory(
                invoiceId,
                null,
                DocumentStatus.DRAFT,
                user.userId().value(),
                user.role().name(),
                "converted from quote " + quote.number(),
                now);
        store.markConverted(quote.id(), invoiceId, now);
        store.appendHistory(
                quote.id(),
                quote.status(),
                quote.status(),
                user.userId().value(),
                user.role().name(),
                "converted to invoice " + invoiceId,
                now);
        BillingDocument invoice = store.lock(invoiceId).orElseThrow();
        if (sendNow) {
            return send(
                    invoice, new Orders.Actor(user.userId().value(), user.role().name()));
        }
        return invoice;
    }

    // ---- cancelling an invoice

    /**
     * Cancels an unpaid invoice and its open order. The order is locked before the invoice (the order a payment
     * takes them in), so a cancellation racing a payment waits for it and then finds the invoice PAID (409).
     */
    @Transactional
    BillingDocument cancel(CurrentUser user, UUID id, @Nullable String reason, @Nullable Long expectedVersion) {
        Optional<UUID> orderId =
                store.find(id).filter(d -> d.type() == DocumentType.INVOICE).map(BillingDocument::orderId);
        Order order = orderId.map(orders::lock).orElse(null);
        BillingDocument invoice = lockManaged(user, DocumentType.INVOICE, id, expectedVersion);
        if (invoice.status() == DocumentStatus.PAID || invoice.status() == DocumentStatus.CANCELLED) {
            throw illegal(invoice, "cancelled");
        }
        if (order != null && order.status() == OrderStatus.PROCESSING) {
            throw LyceumException.conflict(
                    "invoice.payment_in_progress", "A payment of this invoice is being processed; try again later.");
        }
        String why = reason == null || reason.isBlank() ? "cancelled" : reason.strip();
        Orders.Actor actor = new Orders.Actor(user.userId().value(), user.role().name());
        if (order != null) {
            orders.cancel(order.id(), actor, "invoice cancelled: " + why);
        }
        Instant now = clock.instant();
        store.updateStatus(id, DocumentStatus.CANCELLED, now);
        store.appendHistory(
                id,
                invoice.status(),
                DocumentStatus.CANCELLED,
                user.userId().value(),
                user.role().name(),
                why,
                now);
        return store.find(id).orElseThrow();
    }

    // ---- paying an invoice

    /**
     * The open order of a SENT or OVERDUE invoice addressed to the caller (or to a student the guardian is linked
     * to); 403 for its issuer and staff, 404 for anyone else, 409 when it is not payable.
     */
    UUID payableOrder(CurrentUser user, UUID id) {
        BillingDocument invoice = answerable(user, DocumentType.INVOICE, store.find(id));
        if (invoice.status() != DocumentStatus.SENT && invoice.status() != DocumentStatus.OVERDUE) {
            throw illegal(invoice, "paid");
        }
        // sending an invoice opens its order, so a SENT or OVERDUE one has it
        return Objects.requireNonNull(invoice.orderId());
    }
}
