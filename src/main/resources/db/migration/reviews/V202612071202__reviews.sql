-- Reviews of lessons (issue 18): one per booking, written by the student or their guardian after a completed lesson,
-- within the review window. Blind (as Sharetribe): a review is visible to the public and to the tutor from
-- visible_from on, which is the end of the window, or the moment both sides have reviewed (the tutor's private rating
-- of the student below), whichever comes first. counted: the tutor's aggregates include it (set by the reveal sweep
-- or at once when both sides have reviewed).
CREATE TABLE reviews
(
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL,
    booking_id       UUID        NOT NULL,
    tutor_id         UUID        NOT NULL,
    student_id       UUID        NOT NULL,
    author_id        UUID        NOT NULL,
    -- the reviewer as the public sees them (first name and initial), fixed when written
    author_name      TEXT        NOT NULL CHECK (length(author_name) <= 120),
    rating           SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body             TEXT        NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at       TIMESTAMPTZ NOT NULL,
    edited_at        TIMESTAMPTZ,
    window_closes_at TIMESTAMPTZ NOT NULL,
    visible_from     TIMESTAMPTZ NOT NULL CHECK (visible_from <= window_closes_at),
    counted          BOOLEAN     NOT NULL DEFAULT FALSE,
    reply_body       TEXT CHECK (length(reply_body) BETWEEN 1 AND 3000),
    replied_at       TIMESTAMPTZ,
    hidden_at        TIMESTAMPTZ,
    hidden_by        UUID,
    hidden_reason    TEXT CHECK (length(hidden_reason) BETWEEN 1 AND 1000),
    CONSTRAINT reviews_one_per_booking UNIQUE (tenant_id, booking_id),
    CONSTRAINT reviews_reply_once CHECK ((reply_body IS NULL) = (replied_at IS NULL)),
    CONSTRAINT reviews_hidden_with_reason CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX reviews_tutor_idx ON reviews (tenant_id, tutor_id, created_at DESC);
CREATE INDEX reviews_student_idx ON reviews (tenant_id, student_id);
CREATE INDEX reviews_unrevealed_idx ON reviews (visible_from) WHERE NOT counted;
SELECT lyceum_enable_tenant_isolation('reviews');

-- The tutor's private rating of the student of a lesson: an input to the client's credibility score, never shown to
-- the public nor to the student.
CREATE TABLE student_ratings
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL,
    booking_id UUID        NOT NULL,
    tutor_id   UUID        NOT NULL,
    student_id UUID        NOT NULL,
    rating     SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    note       TEXT CHECK (length(note) <= 2000),
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT student_ratings_one_per_booking UNIQUE (tenant_id, booking_id)
);
CREATE INDEX student_ratings_student_idx ON student_ratings (tenant_id, student_id);
SELECT lyceum_enable_tenant_isolation('student_ratings');
