-- Free text that is cheap and says what docs/search.md promises (issues 12 and 15):
-- * terms: the searchable words of a tutor's row, now with the names of the subjects they teach (q=mathematics finds
--   a Mathematics tutor), kept by a BEFORE trigger on tutor_search (generated columns cannot read other rows);
-- * tutor_search_words: the distinct words of a tenant's searchable rows, a small table that typos are corrected
--   against (pg_trgm's "similar words" pattern) before the full-text match, instead of a trigram scan of every row.

ALTER TABLE tutor_search
    ADD COLUMN terms TSVECTOR NOT NULL DEFAULT ''::TSVECTOR;
CREATE INDEX tutor_search_terms_idx ON tutor_search USING gin (terms);

CREATE FUNCTION catalog_tutor_search_terms() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.terms := setweight(to_tsvector('simple', lyceum_search_text(NEW.name)), 'A')
        || setweight(to_tsvector('simple', lyceum_search_text(NEW.headline)), 'B')
        || setweight(to_tsvector('simple', lyceum_search_text(
                (SELECT string_agg(s.name, ' ') FROM subjects s WHERE s.id = ANY (NEW.subject_ids)))), 'B')
        || setweight(to_tsvector('simple', lyceum_search_text(NEW.description)), 'C');
    RETURN NEW;
END
$$;

CREATE TRIGGER tutor_search_terms
    BEFORE INSERT OR UPDATE
    ON tutor_search
    FOR EACH ROW
EXECUTE FUNCTION catalog_tutor_search_terms();

CREATE TABLE tutor_search_words
(
    tenant_id UUID NOT NULL,
    word      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, word)
);
CREATE INDEX tutor_search_words_trgm_idx ON tutor_search_words USING gin (word gin_trgm_ops);
SELECT lyceum_enable_tenant_isolation('tutor_search_words');

-- Words are only added: a word no row uses any more corrects a typo to a word that then matches nothing, which is
-- what the search would answer anyway. Words of one or two letters and numbers are no typo candidates.
CREATE FUNCTION catalog_remember_search_words() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO tutor_search_words (tenant_id, word)
    SELECT NEW.tenant_id, w
    FROM unnest(tsvector_to_array(NEW.terms)) w
    WHERE length(w) BETWEEN 3 AND 40
      AND w !~ '^[0-9]'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER tutor_search_words_on_insert
    AFTER INSERT
    ON tutor_search
    FOR EACH ROW
EXECUTE FUNCTION catalog_remember_search_words();

CREATE TRIGGER tutor_search_words_on_update
    AFTER UPDATE
    ON tutor_search
    FOR EACH ROW
    WHEN (OLD.terms IS DISTINCT FROM NEW.terms)
EXECUTE FUNCTION catalog_remember_search_words();

-- A renamed subject: the rows of the tutors teaching it take the new name (the BEFORE trigger recomputes terms).
CREATE FUNCTION catalog_subject_renamed() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE tutor_search SET subject_ids = subject_ids WHERE subject_ids @> ARRAY [NEW.id];
    IF FOUND THEN
        PERFORM catalog_bump_search_version(NEW.tenant_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER subjects_tutor_search_terms
    AFTER UPDATE OF name
    ON subjects
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION catalog_subject_renamed();

-- The text of q as a tsquery over terms, every word that no row of the tenant uses replaced by "the word or its
-- nearest known word" (trigram similarity over the small words table, through its index). Only plain words of three
-- letters or more are corrected. Negated words are left alone: "-physics" must not let "physics" back in through a
-- similar word.
CREATE FUNCTION catalog_search_query(tenant UUID, q TEXT) RETURNS TSQUERY
    LANGUAGE plpgsql
    STABLE
AS $$
DECLARE
    rewritten TEXT := websearch_to_tsquery('simple', lyceum_search_text(q))::TEXT;
    lexeme    TEXT;
    nearest   TEXT;
BEGIN
    FOR lexeme IN
        SELECT DISTINCT m[1] FROM regexp_matches(rewritten, '(?:^|[^!])''([^'']+)''', 'g') AS m
        LOOP
            IF length(lexeme) < 3 OR lexeme !~ '^[a-z]+$'
                OR EXISTS (SELECT 1 FROM tutor_search_words w WHERE w.tenant_id = tenant AND w.word = lexeme) THEN
                CONTINUE;
            END IF;
            SELECT w.word INTO nearest
            FROM tutor_search_words w
            WHERE w.tenant_id = tenant
              AND w.word % lexeme
              AND abs(length(w.word) - length(lexeme)) <= 2
            ORDER BY similarity(w.word, lexeme) DESC, w.word
            LIMIT 1;
            IF nearest IS NOT NULL THEN
                rewritten := regexp_replace(
                        rewritten,
                        '(^|[^!])''' || lexeme || '''',
                        '\1( ''' || lexeme || ''' | ''' || nearest || ''' )',
                        'g');
            END IF;
        END LOOP;
    RETURN rewritten::TSQUERY;
END
$$;

-- Backfill, tenant by tenant (row-level security applies to the migration's connection too).
DO
$$
    DECLARE
        tenant UUID;
    BEGIN
        FOR tenant IN SELECT id FROM tenants
            LOOP
                PERFORM set_config('lyceum.tenant_id', tenant::TEXT, TRUE);
                UPDATE tutor_search SET subject_ids = subject_ids WHERE tenant_id = tenant;
                IF FOUND THEN
                    PERFORM catalog_bump_search_version(tenant);
                END IF;
            END LOOP;
        PERFORM set_config('lyceum.tenant_id', '', TRUE);
    END
$$;
