-- Quotes and invoices (TutorCruncher-style agency accounting): documents with line items, a tax rate, gapless
-- numbers per tenant, type and year, and an append-only history of their state changes.

-- One row per quote or invoice. Totals are computed by the server from the lines (never taken from the client) and
-- stored so lists and the PDF read them as issued.
CREATE TABLE billing_documents
(
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL REFERENCES tenants (id),
    type            TEXT        NOT NULL CHECK (type IN ('QUOTE', 'INVOICE')),
    status          TEXT        NOT NULL,
    number          TEXT,
    number_year     INT,
    number_seq      INT CHECK (number_seq > 0),
    issuer_id       UUID        NOT NULL,
    issuer_kind     TEXT        NOT NULL CHECK (issuer_kind IN ('AGENCY', 'TUTOR')),
    recipient_id    UUID        NOT NULL,
    billing_name    TEXT,
    billing_address TEXT,
    billing_email   TEXT,
    notes           TEXT,
    currency        CHAR(3)     NOT NULL,
    tax_rate_bps    INT         NOT NULL CHECK (tax_rate_bps BETWEEN 0 AND 10000),
    subtotal        BIGINT      NOT NULL CHECK (subtotal >= 0),
    tax             BIGINT      NOT NULL CHECK (tax >= 0),
    total           BIGINT      NOT NULL CHECK (total = subtotal + tax),
    due_date        DATE,
    valid_until     DATE,
    quote_id        UUID,
    converted_to    UUID,
    order_id        UUID,
    issued_at       TIMESTAMPTZ,
    responded_at    TIMESTAMPTZ,
    paid_at         TIMESTAMPTZ,
    cancelled_at    TIMESTAMPTZ,
    version         BIGINT      NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, issuer_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, recipient_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, quote_id) REFERENCES billing_documents (tenant_id, id),
    CHECK ((type = 'QUOTE' AND status IN ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED')
                AND due_date IS NULL AND quote_id IS NULL AND order_id IS NULL)
        OR (type = 'INVOICE' AND status IN ('DRAFT', 'SENT', 'PAID', 'OVERDUE', 'CANCELLED')
                AND valid_until IS NULL AND converted_to IS NULL)),
    -- a draft has no number; every issued document has exactly one (a draft invoice cancelled never got one)
    CHECK ((status = 'DRAFT') = (number IS NULL) OR status = 'CANCELLED'),
    CHECK ((number IS NULL) = (number_seq IS NULL) AND (number IS NULL) = (number_year IS NULL))
);
CREATE UNIQUE INDEX billing_documents_number_idx ON billing_documents (tenant_id, type, number) WHERE number IS NOT NULL;
CREATE UNIQUE INDEX billing_documents_seq_idx ON billing_documents (tenant_id, type, number_year, number_seq)
    WHERE number_seq IS NOT NULL;
-- a quote converts to one invoice only
CREATE UNIQUE INDEX billing_documents_quote_idx ON billing_documents (tenant_id, quote_id) WHERE quote_id IS NOT NULL;
CREATE INDEX billing_documents_issuer_idx ON billing_documents (tenant_id, type, issuer_id, created_at DESC);
CREATE INDEX billing_documents_recipient_idx ON billing_documents (tenant_id, type, recipient_id, created_at DESC);
CREATE INDEX billing_documents_due_idx ON billing_documents (tenant_id, due_date) WHERE status = 'SENT' AND type = 'INVOICE';
CREATE INDEX billing_documents_valid_idx ON billing_documents (tenant_id, valid_until) WHERE status = 'SENT' AND type = 'QUOTE';
SELECT lyceum_enable_tenant_isolation('billing_documents');

-- Line items. quantity is in hundredths (1.5 hours = 150); amount = quantity * unit_price / 100 rounded half-even.
CREATE TABLE billing_document_lines
(
    id                  UUID PRIMARY KEY,
    tenant_id           UUID    NOT NULL,
    document_id         UUID    NOT NULL,
    position            INT     NOT NULL CHECK (position >= 0),
    description         TEXT    NOT NULL,
    quantity_hundredths BIGINT  NOT NULL CHECK (quantity_hundredths > 0),
    unit_price          BIGINT  NOT NULL CHECK (unit_price >= 0),
    amount              BIGINT  NOT NULL CHECK (amount >= 0),
    booking_id          UUID,
    enrollment_id       UUID,
    FOREIGN KEY (tenant_id, document_id) REFERENCES billing_documents (tenant_id, id) ON DELETE CASCADE,
    UNIQUE (document_id, position)
);
CREATE INDEX billing_document_lines_doc_idx ON billing_document_lines (tenant_id, document_id, position);
SELECT lyceum_enable_tenant_isolation('billing_document_lines');

-- The last number given per tenant, document type and year. Issuing locks the row FOR UPDATE and takes the next
-- number in the issuing transaction: a rollback gives the number back, so numbers have no gaps (a sequence would
-- leave one).
CREATE TABLE billing_document_counters
(
    tenant_id   UUID NOT NULL REFERENCES tenants (id),
    type        TEXT NOT NULL CHECK (type IN ('QUOTE', 'INVOICE')),
    year        INT  NOT NULL,
    last_number INT  NOT NULL CHECK (last_number >= 0),
    PRIMARY KEY (tenant_id, type, year)
);
SELECT lyceum_enable_tenant_isolation('billing_document_counters');

-- Append-only history of every document state change, with actor and reason.
CREATE TABLE billing_document_history
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    document_id UUID        NOT NULL,
    from_status TEXT,
    to_status   TEXT        NOT NULL,
    actor_id    UUID,
    actor_role  TEXT        NOT NULL,
    reason      TEXT,
    occurred_at TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, document_id) REFERENCES billing_documents (tenant_id, id)
);
CREATE INDEX billing_document_history_doc_idx ON billing_document_history (tenant_id, document_id, occurred_at);
SELECT lyceum_enable_tenant_isolation('billing_document_history');

DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON billing_document_history FROM ${appRole}';
    END IF;
END
$$;
