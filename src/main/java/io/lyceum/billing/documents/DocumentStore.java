package io.lyceum.billing.documents;

import io.lyceum.billing.TenantRows;
import io.lyceum.billing.documents.BillingDocument.Line;
import io.lyceum.billing.ledger.Ledger;
import io.lyceum.platform.SqlValues;
import io.lyceum.shared.Ids;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Quotes, invoices, their lines, number counters and history. Everything but {@link #tenantIds()} runs in the bound
 * tenant (row-level security).
 */
@Repository
class DocumentStore {

    private static final String COLUMNS = """
            id, type, status, number, issuer_id, issuer_kind, recipient_id, billing_name, billing_address,
            billing_email, notes, currency, tax_rate_bps, subtotal, tax, total, due_date, valid_until, quote_id,
            converted_to, order_id, issued_at, responded_at, paid_at, cancelled_at, version, created_at,
            updated_at""";

    /** What a document says, as its issuer wrote it (amounts computed by the caller). */
    record Content(
            UUID recipientId,
            @Nullable String billingName,
            @Nullable String billingAddress,
            @Nullable String billingEmail,
            @Nullable String notes,
            Currency currency,
            int taxRateBps,
            @Nullable LocalDate dueDate,
            @Nullable LocalDate validUntil,
            List<LineContent> lines) {}

    record LineContent(
            String description,
            long quantityHundredths,
            long unitPrice,
            @Nullable UUID bookingId,
            @Nullable UUID enrollmentId) {

        long amount() {
            return DocumentTotals.lineAmount(quantityHundredths, unitPrice);
        }
    }

    /** Which documents a caller may list: all of the tenant (staff), those they issued, or those addressed to them. */
    record Scope(
            boolean all, @Nullable UUID issuerId, @Nullable List<UUID> recipientIds) {}

    record HistoryEntry(
            @Nullable DocumentStatus fromStatus,
            DocumentStatus toStatus,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            Instant occurredAt) {}

    private final JdbcClient jdbc;

    DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }

    void insert(
            UUID id,
            DocumentType type,
            UUID issuerId,
            IssuerKind issuerKind,
            Content content,
            DocumentTotals totals,
            @Nullable UUID quoteId,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO billing_documents (id, tenant_id, type, status, issuer_id, issuer_kind,
                            recipient_id, billing_name, billing_address, billing_email, notes, currency, tax_rate_bps,
                            subtotal, tax, total, due_date, valid_until, quote_id, created_at, updated_at)
                        VALUES (:id, :t, :type, 'DRAFT', :issuer, :issuerKind, :recipient, :billingName,
                            :billingAddress, :billingEmail, :notes, :currency, :taxRate, :subtotal, :tax, :total,
                            :dueDate, :validUntil, :quote, :now, :now)
                        """)
                .param("id", id)
                .param("t", tenant())
                .param("type", type.name())
                .param("issuer", issuerId)
                .param("issuerKind", issuerKind.name())
                .param("quote", quoteId)
                .params(contentParams(content, totals))
                .param("now", utc(now))
                .update();
        insertLines(id, content.lines());
    }

    /** Replaces a draft's content and lines and raises its version. */
    void replaceContent(UUID id, Content content, DocumentTotals totals, Instant now) {
        jdbc.sql("""
                        UPDATE billing_documents SET recipient_id = :recipient, billing_name = :billingName,
                            billing_address = :billingAddress, billing_email = :billingEmail, notes = :notes,
                            currency = :currency, tax_rate_bps = :taxRate, subtotal = :subtotal, tax = :tax,
                            total = :total, due_date = :dueDate, valid_until = :validUntil,
                            version = version + 1, updated_at = :now
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("id", id)
                .param("t", tenant())
                .params(contentParams(content, totals))
                .param("now", utc(now))
                .update();
        jdbc.sql("DELETE FROM billing_document_lines WHERE tenant_id = :t AND document_id = :id")
                .param("t", tenant())
                .param("id", id)
                .update();
        insertLines(id, content.lines());
    }

    private static Map<String, Object> contentParams(Content content, DocumentTotals totals) {
        Map<String, Object> params = new HashMap<>();
        params.put("recipient", content.recipientId());
        params.put("billingName", content.billingName());
        params.put("billingAddress", content.billingAddress());
        params.put("billingEmail", content.billingEmail());
        params.put("notes", content.notes());
        params.put("currency", content.currency().getCurrencyCode());
        params.put("taxRate", content.taxRateBps());
        params.put("subtotal", totals.subtotal());
        params.put("tax", totals.tax());
        params.put("total", totals.total());
        params.put("dueDate", content.dueDate());
        params.put("validUntil", content.validUntil());
        return params;
    }

    private void insertLines(UUID documentId, List<LineContent> lines) {
        for (int i = 0; i < lines.size(); i++) {
            LineContent line = lines.get(i);
            jdbc.sql("""
                            INSERT INTO billing_document_lines (id, tenant_id, document_id, position, description,
                                quantity_hundredths, unit_price, amount, booking_id, enrollment_id)
                            VALUES (:id, :t, :doc, :position, :description, :quantity, :unitPrice, :amount,
                                :booking, :enrollment)
                            """)
                    .param("id", Ids.newId())
                    .param("t", tenant())
                    .param("doc", documentId)
                    .param("position", i)
                    .param("description", line.description())
                    .param("quantity", line.quantityHundredths())
                    .param("unitPrice", line.unitPrice())
                    .param("amount", line.amount())
                    .param("booking", line.bookingId())
                    .param("enrollment", line.enrollmentId())
                    .update();
        }
    }

    Optional<BillingDocument> find(UUID id) {
        return TenantRows.byId(jdbc, COLUMNS, "billing_documents", id, TenantRows.Mode.READ, this::map)
                .map(this::withLines);
    }

    /** Locks the document for the rest of the caller's transaction. */
    Optional<BillingDocument> lock(UUID id) {
        return TenantRows.byId(jdbc, COLUMNS, "billing_documents", id, TenantRows.Mode.LOCK, this::map)
                .map(this::withLines);
    }

    PageResponse<BillingDocument> page(DocumentType type, Scope scope, List<DocumentStatus> statuses, PageQuery page) {
        var where = new StringBuilder("tenant_id = :t AND type = :type");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("t", tenant());
        params.put("type", type.name());
        if (!scope.all()) {
            if (scope.issuerId() != null) {
                where.append(" AND issuer_id = :issuer");
                params.put("issuer", scope.issuerId());
            } else {
                // a recipient never sees drafts
                where.append(" AND recipient_id IN (:recipients) AND status <> 'DRAFT'");
                params.put("recipients", scope.recipientIds());
            }
        }
        if (statuses != null && !statuses.isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.put("statuses", statuses.stream().map(Enum::name).toList());
        }
        long total = jdbc.sql("SELECT count(*) FROM billing_documents WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        List<BillingDocument> content = jdbc.sql("SELECT " + COLUMNS + " FROM billing_documents WHERE " + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::map)
                .list();
        return PageResponse.of(withLines(content), page, total);
    }

    /**
     * Takes the next number of the type and year: creates the counter row when it is the first, locks it
     * {@code FOR UPDATE} (so concurrent issuers queue here) and raises it, all in the caller's transaction. A rollback
     * gives the number back, so numbers have no gaps.
     */
    int nextNumber(DocumentType type, int year) {
        jdbc.sql("""
                        INSERT INTO billing_document_counters (tenant_id, type, year, last_number)
                        VALUES (:t, :type, :year, 0)
                        ON CONFLICT (tenant_id, type, year) DO NOTHING
                        """)
                .param("t", tenant())
                .param("type", type.name())
                .param("year", year)
                .update();
        int last = jdbc.sql("""
                        SELECT last_number FROM billing_document_counters
                        WHERE tenant_id = :t AND type = :type AND year = :year FOR UPDATE
                        """)
                .param("t", tenant())
                .param("type", type.name())
                .param("year", year)
                .query(Integer.class)
                .single();
        int next = Math.addExact(last, 1);
        jdbc.sql("""
                        UPDATE billing_document_counters SET last_number = :next
                        WHERE tenant_id = :t AND type = :type AND year = :year
                        """)
                .param("t", tenant())
                .param("type", type.name())
                .param("year", year)
                .param("next", next)
                .update();
        return next;
    }

    /** A locked draft becomes SENT with its number (and, for an invoice, its due date and order). */
    void markSent(
            UUID id,
            String number,
            int year,
            int sequence,
            @Nullable LocalDate dueDate,
            @Nullable LocalDate validUntil,
            @Nullable UUID orderId,
            Instant now) {
        jdbc.sql("""
                        UPDATE billing_documents SET status = 'SENT', number = :number, number_year = :year,
                            number_seq = :seq, due_date = :dueDate, valid_until = :validUntil, order_id = :order,
                            issued_at = :now, version = version + 1, updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND status = 'DRAFT'
                        """)
                .param("t", tenant())
                .param("id", id)
                .param("number", number)
                .param("year", year)
                .param("seq", sequence)
                .param("dueDate", dueDate)
                .param("validUntil", validUntil)
                .param("order", orderId)
                .param("now", utc(now))
                .update();
    }

    /** Moves a locked document to {@code next}, stamping the time column the state has, if any. */
    void updateStatus(UUID id, DocumentStatus next, Instant now) {
        String stamp =
                switch (next) {
                    case ACCEPTED, REJECTED -> ", responded_at = :now";
                    case PAID -> ", paid_at = :now";
                    case CANCELLED -> ", cancelled_at = :now";
                    default -> "";
                };
        jdbc.sql("UPDATE billing_documents SET status = :status, version = version + 1, updated_at = :now" + stamp
                        + " WHERE tenant_id = :t AND id = :id")
                .param("t", tenant())
                .param("id", id)
                .param("status", next.name())
                .param("now", utc(now))
                .update();
    }

    void markConverted(UUID quoteId, UUID invoiceId, Instant now) {
        jdbc.sql("""
                        UPDATE billing_documents SET converted_to = :invoice, version = version + 1, updated_at = :now
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("t", tenant())
                .param("id", quoteId)
                .param("invoice", invoiceId)
                .param("now", utc(now))
                .update();
    }

    void appendHistory(
            UUID documentId,
            @Nullable DocumentStatus from,
            DocumentStatus to,
            @Nullable UUID actorId,
            String actorRole,
            @Nullable String reason,
            Instant at) {
        jdbc.sql("""
                        INSERT INTO billing_document_history (id, tenant_id, document_id, from_status, to_status,
                            actor_id, actor_role, reason, occurred_at)
                        VALUES (:id, :t, :doc, :from, :to, :actor, :role, :reason, :at)
                        """)
                .param("id", Ids.newId())
                .param("t", tenant())
                .param("doc", documentId)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("actor", actorId)
                .param("role", actorRole)
                .param("reason", reason)
                .param("at", utc(at))
                .update();
    }

    /** One page of a document's history, oldest first. */
    PageResponse<HistoryEntry> history(UUID documentId, PageQuery page) {
        long total = jdbc.sql(
                        "SELECT count(*) FROM billing_document_history WHERE tenant_id = :t AND document_id = :doc")
                .param("t", tenant())
                .param("doc", documentId)
                .query(Long.class)
                .single();
        List<HistoryEntry> rows = jdbc.sql("""
                        SELECT from_status, to_status, actor_id, actor_role, reason, occurred_at
                        FROM billing_document_history WHERE tenant_id = :t AND document_id = :doc
                        ORDER BY occurred_at, id LIMIT :limit OFFSET :offset
                        """)
                .param("t", tenant())
                .param("doc", documentId)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, n) -> new HistoryEntry(
                        rs.getString("from_status") == null
                                ? null
                                : DocumentStatus.valueOf(rs.getString("from_status")),
                        DocumentStatus.valueOf(rs.getString("to_status")),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_role"),
                        rs.getString("reason"),
                        SqlValues.requiredInstant(rs, "occurred_at")))
                .list();
        return PageResponse.of(rows, page, total);
    }

    /**
     * SENT invoices whose due date is before {@code today}, or SENT quotes whose valid-until is, claimed with
     * {@code FOR UPDATE SKIP LOCKED}: a document someone is changing right now waits for the next run.
     */
    /**
     * SENT invoices due between {@code today} and {@code latest} (inclusive) whose recipient was not reminded yet, issued
     * before {@code issuedBefore} (an invoice sent in the last day has just told its due date).
     */
    List<BillingDocument> claimDueSoon(LocalDate today, LocalDate latest, Instant issuedBefore, int limit) {
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM billing_documents WHERE tenant_id = :t AND type = 'INVOICE'"
                        + " AND status = 'SENT' AND due_soon_notified_at IS NULL AND due_date >= :today"
                        + " AND due_date <= :latest AND issued_at <= :issuedBefore ORDER BY due_date, id"
                        + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("t", tenant())
                .param("today", today)
                .param("latest", latest)
                .param("issuedBefore", utc(issuedBefore))
                .param("limit", limit)
                .query(this::map)
                .list()
                .stream()
                .map(this::withLines)
                .toList();
    }

    void markDueSoonNotified(UUID id, Instant now) {
        jdbc.sql("UPDATE billing_documents SET due_soon_notified_at = :now WHERE tenant_id = :t AND id = :id")
                .param("now", utc(now))
                .param("t", tenant())
                .param("id", id)
                .update();
    }

    List<BillingDocument> claimLapsed(DocumentType type, LocalDate today, int limit) {
        String column = type == DocumentType.INVOICE ? "due_date" : "valid_until";
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM billing_documents WHERE tenant_id = :t AND type = :type"
                        + " AND status = 'SENT' AND " + column + " < :today ORDER BY " + column + ", id"
                        + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("t", tenant())
                .param("type", type.name())
                .param("today", today)
                .param("limit", limit)
                .query(this::map)
                .list()
                .stream()
                .map(this::withLines)
                .toList();
    }

    /**
     * The commission tier for a tutor who has taught {@code hours}: the configured tier with the highest threshold at
     * or below it; empty when the tenant configured none.
     */
    Optional<Ledger.AppliedCommission> commissionTier(long hours) {
        return jdbc.sql("""
                        SELECT name, rate_bps FROM commission_tiers WHERE tenant_id = :t AND min_hours <= :hours
                        ORDER BY min_hours DESC LIMIT 1
                        """)
                .param("t", tenant())
                .param("hours", hours)
                .query((rs, n) -> new Ledger.AppliedCommission(rs.getString("name"), rs.getInt("rate_bps")))
                .optional();
    }

    // ---- mapping

    private BillingDocument withLines(BillingDocument document) {
        return withLines(List.of(document)).getFirst();
    }

    private List<BillingDocument> withLines(List<BillingDocument> documents) {
        if (documents.isEmpty()) {
            return documents;
        }
        Map<UUID, List<Line>> byDocument = new HashMap<>();
        jdbc.sql("""
                        SELECT document_id, id, position, description, quantity_hundredths, unit_price, amount,
                               booking_id, enrollment_id
                        FROM billing_document_lines WHERE tenant_id = :t AND document_id IN (:ids)
                        ORDER BY document_id, position
                        """)
                .param("t", tenant())
                .param("ids", documents.stream().map(BillingDocument::id).toList())
                .query(rs -> {
                    byDocument
                            .computeIfAbsent(rs.getObject("document_id", UUID.class), id -> new ArrayList<>())
                            .add(new Line(
                                    rs.getObject("id", UUID.class),
                                    rs.getInt("position"),
                                    rs.getString("description"),
                                    rs.getLong("quantity_hundredths"),
                                    rs.getLong("unit_price"),
                                    rs.getLong("amount"),
                                    rs.getObject("booking_id", UUID.class),
                                    rs.getObject("enrollment_id", UUID.class)));
                });
        return documents.stream()
                .map(d -> d.withLines(byDocument.getOrDefault(d.id(), List.of())))
                .toList();
    }

    private BillingDocument map(ResultSet rs, int row) throws SQLException {
        return new BillingDocument(
                rs.getObject("id", UUID.class),
                DocumentType.valueOf(rs.getString("type")),
                DocumentStatus.valueOf(rs.getString("status")),
                rs.getString("number"),
                rs.getObject("issuer_id", UUID.class),
                IssuerKind.valueOf(rs.getString("issuer_kind")),
                rs.getObject("recipient_id", UUID.class),
                rs.getString("billing_name"),
                rs.getString("billing_address"),
                rs.getString("billing_email"),
                rs.getString("notes"),
                Currency.getInstance(rs.getString("currency")),
                rs.getInt("tax_rate_bps"),
                rs.getLong("subtotal"),
                rs.getLong("tax"),
                rs.getLong("total"),
                date(rs, "due_date"),
                date(rs, "valid_until"),
                rs.getObject("quote_id", UUID.class),
                rs.getObject("converted_to", UUID.class),
                rs.getObject("order_id", UUID.class),
                SqlValues.instant(rs, "issued_at"),
                SqlValues.instant(rs, "responded_at"),
                SqlValues.instant(rs, "paid_at"),
                SqlValues.instant(rs, "cancelled_at"),
                rs.getLong("version"),
                SqlValues.requiredInstant(rs, "created_at"),
                SqlValues.requiredInstant(rs, "updated_at"),
                List.of());
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
