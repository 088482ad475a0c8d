-- Admin user management: the user list filters by partial email and name and searches both with a keyword
-- (ILIKE '%...%'). Trigram indexes serve those substring searches; pg_trgm is a trusted extension, so the schema
-- owner may create it without being a superuser (PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX users_email_trgm_idx ON users USING gin (email_normalized gin_trgm_ops);
CREATE INDEX users_full_name_trgm_idx ON users USING gin (lower(full_name) gin_trgm_ops);
-- the default order of the list, newest first, and the owner count behind the last-owner rule
CREATE INDEX users_created_idx ON users (tenant_id, created_at DESC, id DESC);
CREATE INDEX users_active_owners_idx ON users (tenant_id, id) WHERE role = 'OWNER' AND status = 'ACTIVE';
