-- A tutor's standing as other modules report it through CatalogApi (issue 18): the review aggregates (reviews module)
-- and the credibility score (trust module). Kept in a table of its own because a tutor's search row is deleted while
-- the profile is not APPROVED and rebuilt on approval; a BEFORE INSERT trigger copies the standing into the new row.
CREATE TABLE tutor_standing
(
    tutor_id        UUID PRIMARY KEY,
    tenant_id       UUID          NOT NULL,
    rating_count    INT           NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    rating          NUMERIC(3, 2) CHECK (rating BETWEEN 1 AND 5),
    bayesian_rating NUMERIC(4, 3) CHECK (bayesian_rating BETWEEN 1 AND 5),
    trust_score     NUMERIC(5, 2) CHECK (trust_score BETWEEN 0 AND 100),
    updated_at      TIMESTAMPTZ   NOT NULL
);
SELECT lyceum_enable_tenant_isolation('tutor_standing');

ALTER TABLE tutor_search
    ADD COLUMN bayesian_rating NUMERIC(4, 3);

-- The blend the default sort ("recommended") orders by, in [0, 1]: 70 % the credibility score, 30 % the Bayesian
-- rating, each neutral (0.5) while unknown. A stored column so the sort without free text can walk an index.
ALTER TABLE tutor_search
    ADD COLUMN recommendation NUMERIC GENERATED ALWAYS AS (
        0.7 * coalesce(trust_score / 100, 0.5) + 0.3 * coalesce((bayesian_rating - 1) / 4, 0.5)) STORED;
CREATE INDEX tutor_search_recommended_idx ON tutor_search (tenant_id, recommendation DESC, approved_at DESC, tutor_id);

CREATE FUNCTION catalog_tutor_search_standing() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    SELECT s.rating, s.rating_count, s.bayesian_rating, s.trust_score
    INTO NEW.rating, NEW.rating_count, NEW.bayesian_rating, NEW.trust_score
    FROM tutor_standing s
    WHERE s.tutor_id = NEW.tutor_id;
    IF NOT FOUND THEN
        NEW.rating_count := 0;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER tutor_search_standing
    BEFORE INSERT
    ON tutor_search
    FOR EACH ROW
EXECUTE FUNCTION catalog_tutor_search_standing();
