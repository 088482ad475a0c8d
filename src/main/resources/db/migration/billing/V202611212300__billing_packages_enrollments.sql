-- Billing: lesson packages (a tutor's offer of N lessons at a discount, bought as credits), course-pack enrollments
-- with their lessons, and enrollment refund requests. Money moves only through the ledger; these tables hold the
-- business state and its append-only histories.

-- A tutor's package offer: N lessons of one subject and length for a price below N single lessons.
CREATE TABLE package_offers
(
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL,
    tutor_id         UUID        NOT NULL,
    subject_id       UUID        NOT NULL,
    level            TEXT,
    lessons          INT         NOT NULL CHECK (lessons BETWEEN 2 AND 50),
    duration_minutes INT         NOT NULL CHECK (duration_minutes > 0),
    discount_bps     INT         NOT NULL CHECK (discount_bps BETWEEN 0 AND 5000),
    list_amount      BIGINT      NOT NULL CHECK (list_amount > 0),
    price_amount     BIGINT      NOT NULL CHECK (price_amount > 0 AND price_amount <= list_amount),
    currency         CHAR(3)     NOT NULL,
    active           BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL,
    withdrawn_at     TIMESTAMPTZ,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX package_offers_tutor_idx ON package_offers (tenant_id, tutor_id, created_at DESC);
SELECT lyceum_enable_tenant_isolation('package_offers');

-- A purchased package: credits_left never goes below zero (nor above the lessons bought), whatever runs in parallel.
CREATE TABLE packages
(
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL,
    offer_id         UUID        NOT NULL,
    tutor_id         UUID        NOT NULL,
    student_id       UUID        NOT NULL,
    buyer_id         UUID        NOT NULL,
    subject_id       UUID        NOT NULL,
    duration_minutes INT         NOT NULL,
    lessons          INT         NOT NULL CHECK (lessons > 0),
    credits_left     INT         NOT NULL,
    price_amount     BIGINT      NOT NULL CHECK (price_amount > 0),
    currency         CHAR(3)     NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'ACTIVE', 'EXHAUSTED', 'EXPIRED',
                                                            'REFUNDED', 'CANCELLED')),
    order_id         UUID,
    paid_at          TIMESTAMPTZ,
    expires_at       TIMESTAMPTZ,
    version          BIGINT      NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id),
    CONSTRAINT packages_credits_in_range CHECK (credits_left BETWEEN 0 AND lessons),
    FOREIGN KEY (tenant_id, offer_id) REFERENCES package_offers (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, buyer_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX packages_student_idx ON packages (tenant_id, student_id, created_at DESC);
CREATE INDEX packages_tutor_idx ON packages (tenant_id, tutor_id, created_at DESC);
CREATE INDEX packages_expiry_idx ON packages (expires_at) WHERE status IN ('ACTIVE', 'EXHAUSTED');
SELECT lyceum_enable_tenant_isolation('packages');

-- Each credit spent on a booking; one credit per booking. restored_at is set when a cancellation gives it back.
CREATE TABLE package_credit_uses
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    package_id   UUID        NOT NULL,
    booking_id   UUID        NOT NULL,
    value_amount BIGINT      NOT NULL CHECK (value_amount >= 0),
    used_at      TIMESTAMPTZ NOT NULL,
    restored_at  TIMESTAMPTZ,
    FOREIGN KEY (tenant_id, package_id) REFERENCES packages (tenant_id, id),
    UNIQUE (tenant_id, booking_id)
);
CREATE INDEX package_credit_uses_package_idx ON package_credit_uses (tenant_id, package_id);
SELECT lyceum_enable_tenant_isolation('package_credit_uses');

-- Append-only: every change of a package (status, a credit used, restored, expired, refunded) with actor and reason.
CREATE TABLE package_history
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    package_id   UUID        NOT NULL,
    event        TEXT        NOT NULL,
    from_status  TEXT,
    to_status    TEXT        NOT NULL,
    credits_left INT         NOT NULL,
    actor_id     UUID,
    actor_role   TEXT        NOT NULL,
    reason       TEXT,
    details      JSONB,
    occurred_at  TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, package_id) REFERENCES packages (tenant_id, id)
);
CREATE INDEX package_history_package_idx ON package_history (tenant_id, package_id, occurred_at);
SELECT lyceum_enable_tenant_isolation('package_history');

-- A student's enrollment in a course pack. At most one live (PENDING or ACTIVE) enrollment per student and pack.
CREATE TABLE enrollments
(
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL,
    course_pack_id   UUID        NOT NULL,
    tutor_id         UUID        NOT NULL,
    student_id       UUID        NOT NULL,
    enrolled_by      UUID        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'COMPLETED', 'CANCELLED')),
    payment_status   TEXT        NOT NULL CHECK (payment_status IN ('PENDING', 'PAID', 'PARTIALLY_REFUNDED',
                                                                    'REFUNDED', 'NOT_PAID')),
    refund_status    TEXT        NOT NULL CHECK (refund_status IN ('NOT_REQUESTED', 'ELIGIBLE', 'PROCESSED',
                                                                   'INELIGIBLE', 'PENDING_REVIEW')),
    price_amount     BIGINT      NOT NULL CHECK (price_amount >= 0),
    currency         CHAR(3)     NOT NULL,
    refunded_amount  BIGINT      NOT NULL DEFAULT 0 CHECK (refunded_amount BETWEEN 0 AND price_amount),
    lessons          INT         NOT NULL CHECK (lessons > 0),
    order_id         UUID,
    payment_deadline TIMESTAMPTZ NOT NULL,
    enrolled_at      TIMESTAMPTZ,
    completed_at     TIMESTAMPTZ,
    cancelled_at     TIMESTAMPTZ,
    cancel_reason    TEXT,
    version          BIGINT      NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, enrolled_by) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX enrollments_one_live_idx ON enrollments (tenant_id, student_id, course_pack_id)
    WHERE status IN ('PENDING', 'ACTIVE');
CREATE INDEX enrollments_student_idx ON enrollments (tenant_id, student_id, created_at DESC);
CREATE INDEX enrollments_pack_idx ON enrollments (tenant_id, course_pack_id, status);
CREATE INDEX enrollments_tutor_idx ON enrollments (tenant_id, tutor_id, created_at DESC);
CREATE INDEX enrollments_pending_idx ON enrollments (payment_deadline) WHERE status = 'PENDING';
SELECT lyceum_enable_tenant_isolation('enrollments');

-- The lesson bookings of an enrollment, with each lesson's share of the pack price (the shares sum to the price).
CREATE TABLE enrollment_lessons
(
    tenant_id     UUID        NOT NULL,
    enrollment_id UUID        NOT NULL,
    booking_id    UUID        NOT NULL,
    position      INT         NOT NULL CHECK (position > 0),
    starts_at     TIMESTAMPTZ NOT NULL,
    share_amount  BIGINT      NOT NULL CHECK (share_amount >= 0),
    PRIMARY KEY (tenant_id, booking_id),
    UNIQUE (tenant_id, enrollment_id, position),
    FOREIGN KEY (tenant_id, enrollment_id) REFERENCES enrollments (tenant_id, id)
);
SELECT lyceum_enable_tenant_isolation('enrollment_lessons');

-- Append-only: every status change of an enrollment with actor and reason.
CREATE TABLE enrollment_history
(
    id            UUID PRIMARY KEY,
    tenant_id     UUID        NOT NULL,
    enrollment_id UUID        NOT NULL,
    from_status   TEXT,
    to_status     TEXT        NOT NULL,
    actor_id      UUID,
    actor_role    TEXT        NOT NULL,
    reason        TEXT,
    details       JSONB,
    occurred_at   TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, enrollment_id) REFERENCES enrollments (tenant_id, id)
);
CREATE INDEX enrollment_history_idx ON enrollment_history (tenant_id, enrollment_id, occurred_at);
SELECT lyceum_enable_tenant_isolation('enrollment_history');

-- One refund request per enrollment (the unique key settles parallel requests).
CREATE TABLE refund_requests
(
    id                     UUID PRIMARY KEY,
    tenant_id              UUID        NOT NULL,
    enrollment_id          UUID        NOT NULL,
    requested_by           UUID        NOT NULL,
    status                 TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'AUTO_APPROVED')),
    reason                 TEXT        NOT NULL,
    first_lesson_completed BOOLEAN     NOT NULL,
    amount                 BIGINT CHECK (amount >= 0),
    currency               CHAR(3)     NOT NULL,
    refund_id              UUID,
    admin_note             TEXT,
    processed_by           UUID,
    requested_at           TIMESTAMPTZ NOT NULL,
    processed_at           TIMESTAMPTZ,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, enrollment_id),
    FOREIGN KEY (tenant_id, enrollment_id) REFERENCES enrollments (tenant_id, id)
);
SELECT lyceum_enable_tenant_isolation('refund_requests');

DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON package_history, enrollment_history FROM ${appRole}';
    END IF;
END
$$;
