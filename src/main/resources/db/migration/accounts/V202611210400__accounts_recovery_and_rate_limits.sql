-- Mobile numbers are stored in E.164 (+ and 7 to 15 digits); the API validates the same shape.
ALTER TABLE users
    ADD CONSTRAINT users_mobile_e164 CHECK (mobile IS NULL OR mobile ~ '^\+[1-9][0-9]{6,14}$');

-- Token buckets of the rate limiter (Bucket4j, PostgreSQL advisory-lock proxy manager), shared by every instance.
-- Not tenant data: a bucket is keyed by rule and caller (user id or client address), whatever the tenant.
-- id: rule, limit and caller; state: Bucket4j's serialized bucket; expires_at: epoch milliseconds after which the
-- bucket is full again and may be deleted; explicit_lock: the advisory-lock id of the row, for the cleanup query.
CREATE TABLE rate_limit_buckets
(
    id            TEXT PRIMARY KEY,
    state         BYTEA  NOT NULL,
    expires_at    BIGINT,
    explicit_lock BIGINT
);
CREATE INDEX rate_limit_buckets_expires_at_idx ON rate_limit_buckets (expires_at);
