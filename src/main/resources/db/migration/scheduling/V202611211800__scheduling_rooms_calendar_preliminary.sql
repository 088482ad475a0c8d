-- Lesson rooms, the Lessonspace webhook, calendar feeds and invites, preliminary meetings.

-- Which tenant and booking a provider's room belongs to, so that a provider's webhook, which names only its room,
-- can be routed. Not tenant-isolated on purpose: the webhook arrives before any tenant is known. Holds ids only.
CREATE TABLE lesson_room_directory
(
    provider   TEXT        NOT NULL,
    room_id    TEXT        NOT NULL CHECK (length(room_id) <= 200),
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    booking_id UUID        NOT NULL REFERENCES bookings (id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider, room_id)
);

-- Lessonspace webhook events already handled: the primary key makes a replayed event a no-op. Not tenant-isolated
-- (an event may belong to no tenant at all).
CREATE TABLE lessonspace_webhook_events
(
    event_id    TEXT PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 200),
    event_type  TEXT        NOT NULL CHECK (length(event_type) <= 100),
    tenant_id   UUID,
    booking_id  UUID,
    outcome     TEXT        NOT NULL CHECK (outcome IN ('APPLIED', 'IGNORED', 'UNKNOWN_ROOM')),
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX lessonspace_webhook_events_received_idx ON lessonspace_webhook_events (received_at);

-- Secret iCalendar feed addresses. Only the SHA-256 of a token is stored; at most one live feed per user.
CREATE TABLE calendar_feeds
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    user_id      UUID        NOT NULL,
    token_hash   TEXT        NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX calendar_feeds_one_live ON calendar_feeds (tenant_id, user_id) WHERE revoked_at IS NULL;
SELECT lyceum_enable_tenant_isolation('calendar_feeds');

-- The tenant of each live feed token's hash. A calendar client fetching a feed names no tenant, so the token must
-- find it; this directory is not tenant-isolated and holds nothing but hashes and tenant ids. Revoking a feed
-- deletes its row.
CREATE TABLE calendar_feed_directory
(
    token_hash TEXT PRIMARY KEY,
    tenant_id  UUID NOT NULL REFERENCES tenants (id)
);

-- Invite emails already sent, one per booking and triggering event: handling an event twice sends nothing twice.
CREATE TABLE calendar_invites_sent
(
    tenant_id  UUID        NOT NULL,
    booking_id UUID        NOT NULL REFERENCES bookings (id),
    event_key  TEXT        NOT NULL CHECK (length(event_key) <= 100),
    sent_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (booking_id, event_key)
);
SELECT lyceum_enable_tenant_isolation('calendar_invites_sent');

-- Screening meetings a student asks for before enrolling in a course pack that requires one (seed 002). One per
-- student and pack unless the student cancelled it; a rejection is final. No foreign key to course_packs: a tutor
-- may delete a pack, and its meetings stay as history.
CREATE TABLE preliminary_meetings
(
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL,
    course_pack_id   UUID        NOT NULL,
    tutor_id         UUID        NOT NULL,
    student_id       UUID        NOT NULL,
    requested_by     UUID        NOT NULL,
    state            TEXT        NOT NULL CHECK (state IN ('REQUESTED', 'APPROVED', 'REJECTED', 'CANCELLED')),
    message          TEXT CHECK (length(message) <= 2000),
    starts_at        TIMESTAMPTZ,
    duration_minutes INT CHECK (duration_minutes BETWEEN 10 AND 240),
    meeting_url      TEXT CHECK (length(meeting_url) <= 2000),
    rejection_reason TEXT CHECK (length(rejection_reason) <= 1000),
    decided_by       UUID,
    decided_at       TIMESTAMPTZ,
    version          BIGINT      NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id),
    CHECK (state <> 'APPROVED' OR (starts_at IS NOT NULL AND duration_minutes IS NOT NULL AND meeting_url IS NOT NULL)),
    CHECK ((state = 'REJECTED') = (rejection_reason IS NOT NULL))
);
CREATE UNIQUE INDEX preliminary_meetings_one_per_pack ON preliminary_meetings (tenant_id, student_id, course_pack_id)
    WHERE state <> 'CANCELLED';
CREATE INDEX preliminary_meetings_tutor_idx ON preliminary_meetings (tenant_id, tutor_id, created_at DESC);
CREATE INDEX preliminary_meetings_student_idx ON preliminary_meetings (tenant_id, student_id, created_at DESC);
SELECT lyceum_enable_tenant_isolation('preliminary_meetings');
