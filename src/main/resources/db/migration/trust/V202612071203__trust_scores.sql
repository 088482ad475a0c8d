-- Credibility scores (issue 18, seed 000's CaaS): the latest score of each tutor and client with its breakdown, and
-- the recalculation queue, one row per subject however many inputs changed (the primary key deduplicates; enqueueing
-- is INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE trust_scores
(
    tenant_id    UUID        NOT NULL,
    subject_kind TEXT        NOT NULL CHECK (subject_kind IN ('TUTOR', 'CLIENT')),
    subject_id   UUID        NOT NULL,
    score        SMALLINT    NOT NULL CHECK (score BETWEEN 0 AND 100),
    components   JSONB       NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, subject_kind, subject_id)
);
SELECT lyceum_enable_tenant_isolation('trust_scores');

CREATE TABLE trust_recalculation_queue
(
    tenant_id    UUID        NOT NULL,
    subject_kind TEXT        NOT NULL CHECK (subject_kind IN ('TUTOR', 'CLIENT')),
    subject_id   UUID        NOT NULL,
    reason       TEXT        NOT NULL CHECK (length(reason) <= 100),
    enqueued_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, subject_kind, subject_id)
);
CREATE INDEX trust_recalculation_queue_order_idx ON trust_recalculation_queue (tenant_id, enqueued_at);
SELECT lyceum_enable_tenant_isolation('trust_recalculation_queue');
