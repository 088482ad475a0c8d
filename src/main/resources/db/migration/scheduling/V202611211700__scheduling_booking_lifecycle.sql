-- Bookings' lifecycle: the cancellation and reschedule policy of a tenant, a tutor's overrides of it, the terms
-- frozen on each booking when it is placed, and one trial lesson per student and tutor.

-- The tenant's policy; a tenant without a row uses the defaults of lyceum.scheduling.bookings.default-policy.
CREATE TABLE scheduling_policies
(
    tenant_id               UUID PRIMARY KEY REFERENCES tenants (id),
    free_cancellation_hours INT         NOT NULL CHECK (free_cancellation_hours BETWEEN 0 AND 720),
    late_fee_percent        INT         NOT NULL CHECK (late_fee_percent BETWEEN 0 AND 100),
    reschedule_until_hours  INT         NOT NULL CHECK (reschedule_until_hours BETWEEN 0 AND 720),
    max_reschedules         INT         NOT NULL CHECK (max_reschedules BETWEEN 0 AND 20),
    version                 BIGINT      NOT NULL DEFAULT 1,
    updated_by              UUID,
    updated_at              TIMESTAMPTZ NOT NULL
);
SELECT lyceum_enable_tenant_isolation('scheduling_policies');

-- A tutor's overrides of the tenant's policy; a null field inherits the tenant's value.
CREATE TABLE tutor_cancellation_policies
(
    tutor_id                UUID PRIMARY KEY,
    tenant_id               UUID        NOT NULL,
    free_cancellation_hours INT CHECK (free_cancellation_hours BETWEEN 0 AND 720),
    late_fee_percent        INT CHECK (late_fee_percent BETWEEN 0 AND 100),
    reschedule_until_hours  INT CHECK (reschedule_until_hours BETWEEN 0 AND 720),
    max_reschedules         INT CHECK (max_reschedules BETWEEN 0 AND 20),
    version                 BIGINT      NOT NULL DEFAULT 1,
    updated_at              TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id)
);
SELECT lyceum_enable_tenant_isolation('tutor_cancellation_policies');

-- confirmation_required: whether the tutor had to confirm when the booking was placed (a paid booking moves to
-- REQUESTED rather than CONFIRMED when its payment arrives). cancellation_policy: the effective policy when the
-- booking was placed; later policy changes do not alter the terms of existing bookings.
ALTER TABLE bookings
    ADD COLUMN confirmation_required BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN cancellation_policy   JSONB;

-- One trial lesson per student and tutor; a trial that was cancelled, declined or expired never happened.
CREATE UNIQUE INDEX bookings_one_trial_idx ON bookings (tenant_id, tutor_id, student_id)
    WHERE trial AND state NOT IN ('CANCELLED', 'DECLINED', 'EXPIRED');

-- The listing's "everything of a tenant" order for admins.
CREATE INDEX bookings_tenant_time_idx ON bookings (tenant_id, starts_at);
