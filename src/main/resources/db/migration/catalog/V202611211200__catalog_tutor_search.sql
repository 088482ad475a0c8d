-- Public tutor search: a denormalised, tenant-isolated table with one row per APPROVED tutor, kept in step with
-- tutor_profiles by a trigger (same transaction as the write that changes the published version or the status).
-- Free text uses full-text search over unaccented text plus trigram word similarity for typo tolerance.
-- unaccent and pg_trgm are trusted extensions (PostgreSQL 13+): the schema owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (it reads a dictionary chosen by search_path); this wrapper names the dictionary
-- explicitly so that it may be declared IMMUTABLE and used in generated columns and indexes.
CREATE FUNCTION lyceum_unaccent(value TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT unaccent('unaccent'::regdictionary, value) $$;

-- The searchable text: lower-case, accents removed.
CREATE FUNCTION lyceum_search_text(value TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(lyceum_unaccent(coalesce(value, ''))) $$;

CREATE TABLE tutor_search
(
    tutor_id      UUID PRIMARY KEY,
    tenant_id     UUID        NOT NULL,
    name          TEXT        NOT NULL,
    headline      TEXT        NOT NULL DEFAULT '',
    description   TEXT        NOT NULL DEFAULT '',
    subject_ids   UUID[]      NOT NULL DEFAULT '{}',
    levels        TEXT[]      NOT NULL DEFAULT '{}',
    -- the tutor's "from" price: the lowest price of their subject offers, in that offer's currency
    min_price     BIGINT,
    currency      CHAR(3),
    languages     TEXT[]      NOT NULL DEFAULT '{}',
    teaching_mode TEXT,
    -- no reviews exist yet: NULL means unrated (sorts last, excluded by a minRating filter)
    rating        NUMERIC(3, 2),
    rating_count  INT         NOT NULL DEFAULT 0,
    -- filled by the trust issue; NULL sorts neutrally (last, ties broken by newest)
    trust_score   NUMERIC,
    approved_at   TIMESTAMPTZ NOT NULL,
    published_version BIGINT  NOT NULL,
    search_text   TEXT GENERATED ALWAYS AS (lyceum_search_text(name || ' ' || headline || ' ' || description)) STORED,
    document      TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', lyceum_search_text(name)), 'A')
            || setweight(to_tsvector('simple', lyceum_search_text(headline)), 'B')
            || setweight(to_tsvector('simple', lyceum_search_text(description)), 'C')) STORED
);
CREATE INDEX tutor_search_document_idx ON tutor_search USING gin (document);
CREATE INDEX tutor_search_trgm_idx ON tutor_search USING gin (search_text gin_trgm_ops);
CREATE INDEX tutor_search_subjects_idx ON tutor_search USING gin (subject_ids);
CREATE INDEX tutor_search_levels_idx ON tutor_search USING gin (levels);
CREATE INDEX tutor_search_languages_idx ON tutor_search USING gin (languages);
CREATE INDEX tutor_search_price_idx ON tutor_search (tenant_id, min_price);
CREATE INDEX tutor_search_newest_idx ON tutor_search (tenant_id, approved_at DESC, tutor_id);
SELECT lyceum_enable_tenant_isolation('tutor_search');

-- One counter per tenant, bumped whenever the tenant's searchable set changes: the in-process search cache and the
-- search ETags are keyed by it, so every application instance sees a change at once.
CREATE TABLE tutor_search_state
(
    tenant_id UUID PRIMARY KEY,
    version   BIGINT NOT NULL
);
SELECT lyceum_enable_tenant_isolation('tutor_search_state');

CREATE FUNCTION catalog_bump_search_version(tenant UUID) RETURNS void
    LANGUAGE sql
AS $$
INSERT INTO tutor_search_state (tenant_id, version) VALUES (tenant, 1)
ON CONFLICT (tenant_id) DO UPDATE SET version = tutor_search_state.version + 1
$$;

-- (Re)builds the search row of one tutor from the published profile, or removes it unless APPROVED.
CREATE FUNCTION catalog_refresh_tutor_search(tutor UUID) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    p tutor_profiles%ROWTYPE;
BEGIN
    SELECT * INTO p FROM tutor_profiles WHERE tutor_id = tutor;
    IF NOT FOUND OR p.status <> 'APPROVED' OR p.published IS NULL THEN
        DELETE FROM tutor_search WHERE tutor_id = tutor;
        RETURN;
    END IF;
    INSERT INTO tutor_search (tutor_id, tenant_id, name, headline, description, subject_ids, levels, min_price,
                              currency, languages, teaching_mode, approved_at, published_version)
    SELECT p.tutor_id,
           p.tenant_id,
           u.full_name,
           coalesce(p.published -> 'about' ->> 'headline', ''),
           coalesce(p.published -> 'about' ->> 'bio', ''),
           coalesce((SELECT array_agg(DISTINCT (o ->> 'subjectId')::UUID)
                     FROM jsonb_array_elements(p.published -> 'subjects') o), '{}'),
           coalesce((SELECT array_agg(DISTINCT o ->> 'level')
                     FROM jsonb_array_elements(p.published -> 'subjects') o), '{}'),
           cheapest.amount,
           cheapest.currency,
           coalesce((SELECT array_agg(DISTINCT l) FROM jsonb_array_elements_text(p.published -> 'languages') l), '{}'),
           p.published -> 'teaching' ->> 'mode',
           coalesce((SELECT min(h.at) FROM tutor_profile_history h
                     WHERE h.tutor_id = p.tutor_id AND h.to_status = 'APPROVED'), p.updated_at),
           p.published_version
    FROM users u
             LEFT JOIN LATERAL (SELECT (o -> 'price' ->> 'amount')::BIGINT AS amount, o -> 'price' ->> 'currency' AS currency
                                FROM jsonb_array_elements(p.published -> 'subjects') o
                                ORDER BY 1, 2
                                LIMIT 1) cheapest ON TRUE
    WHERE u.id = p.tutor_id
    ON CONFLICT (tutor_id) DO UPDATE
        SET name = excluded.name, headline = excluded.headline, description = excluded.description,
            subject_ids = excluded.subject_ids, levels = excluded.levels, min_price = excluded.min_price,
            currency = excluded.currency, languages = excluded.languages, teaching_mode = excluded.teaching_mode,
            published_version = excluded.published_version;
END
$$;

CREATE FUNCTION catalog_tutor_profile_changed() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM tutor_search WHERE tutor_id = OLD.tutor_id;
        PERFORM catalog_bump_search_version(OLD.tenant_id);
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status
        AND NEW.published IS NOT DISTINCT FROM OLD.published THEN
        RETURN NULL; -- a draft-only edit: nothing the public sees changed
    END IF;
    IF TG_OP = 'INSERT' AND NEW.status <> 'APPROVED' THEN
        RETURN NULL;
    END IF;
    PERFORM catalog_refresh_tutor_search(NEW.tutor_id);
    PERFORM catalog_bump_search_version(NEW.tenant_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER tutor_profiles_search
    AFTER INSERT OR UPDATE OR DELETE
    ON tutor_profiles
    FOR EACH ROW
EXECUTE FUNCTION catalog_tutor_profile_changed();

-- Backfill the profiles approved before this migration, tenant by tenant (row-level security applies to the
-- migration's connection too, so each tenant is set for the duration of its loop step).
DO
$$
    DECLARE
        tenant UUID;
    BEGIN
        FOR tenant IN SELECT id FROM tenants
            LOOP
                PERFORM set_config('lyceum.tenant_id', tenant::TEXT, TRUE);
                PERFORM catalog_refresh_tutor_search(p.tutor_id)
                FROM tutor_profiles p
                WHERE p.tenant_id = tenant AND p.status = 'APPROVED';
                IF FOUND THEN
                    PERFORM catalog_bump_search_version(tenant);
                END IF;
            END LOOP;
        PERFORM set_config('lyceum.tenant_id', '', TRUE);
    END
$$;

-- A tutor's name lives in accounts' users table: keep the search row's copy in step when it changes.
CREATE FUNCTION catalog_tutor_renamed() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE tutor_search SET name = NEW.full_name WHERE tutor_id = NEW.id;
    IF FOUND THEN
        PERFORM catalog_bump_search_version(NEW.tenant_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_tutor_search_name
    AFTER UPDATE OF full_name
    ON users
    FOR EACH ROW
    WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name)
EXECUTE FUNCTION catalog_tutor_renamed();
