-- One pricing model (issue 12): a tutor's subject offers carry the price of 60 minutes, other lesson lengths are
-- scaled from it, a trial lesson has its own price. The per-length rates of the pricing section are gone: their
-- lengths become the offered lessonLengths, and trialLessonPrice becomes Money ({"amount", "currency"}).
-- The teaching section's "mode" is renamed "teachingMode" (one name everywhere).

-- A stored profile document in the new shape (idempotent: a document already converted is returned unchanged).
CREATE FUNCTION catalog_one_price_document(doc JSONB) RETURNS JSONB
    LANGUAGE sql IMMUTABLE
AS $$
SELECT CASE
           WHEN doc IS NULL THEN NULL
           ELSE doc
               || CASE
                      WHEN jsonb_typeof(doc -> 'pricing') = 'object' AND (doc -> 'pricing') ? 'rates' THEN
                          jsonb_build_object('pricing', jsonb_strip_nulls(jsonb_build_object(
                                  'currency', doc -> 'pricing' -> 'currency',
                                  'lessonLengths',
                                  coalesce((SELECT jsonb_agg(DISTINCT (r ->> 'minutes')::INT)
                                            FROM jsonb_array_elements(doc -> 'pricing' -> 'rates') r), '[60]'),
                                  'trialLessonPrice',
                                  CASE
                                      WHEN jsonb_typeof(doc -> 'pricing' -> 'trialLessonPrice') = 'number' THEN
                                          jsonb_build_object('amount', doc -> 'pricing' -> 'trialLessonPrice',
                                                             'currency', doc -> 'pricing' -> 'currency')
                                      END)))
                      ELSE '{}'::JSONB
                  END
               || CASE
                      WHEN jsonb_typeof(doc -> 'teaching') = 'object' AND (doc -> 'teaching') ? 'mode' THEN
                          jsonb_build_object('teaching', ((doc -> 'teaching') - 'mode')
                              || jsonb_build_object('teachingMode', doc -> 'teaching' -> 'mode'))
                      ELSE '{}'::JSONB
                  END
       END
$$;

-- The searchable offers of a tutor: subject, level and the price of 60 minutes (the tutor's one currency is in
-- tutor_search.currency). Price filters, the price sort, price bands and each hit's price all read them, so a
-- search for a subject and level shows, filters and sorts on the price a booking of that subject and level charges.
ALTER TABLE tutor_search ADD COLUMN offers JSONB NOT NULL DEFAULT '[]';

-- The lowest price of 60 minutes among a tutor's offers of the subject and level (either NULL: any).
CREATE FUNCTION catalog_offer_price(offers JSONB, subject UUID, level TEXT) RETURNS BIGINT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT min((o ->> 'price')::BIGINT)
FROM jsonb_array_elements(offers) o
WHERE (subject IS NULL OR (o ->> 'subjectId')::UUID = subject)
  AND (level IS NULL OR o ->> 'level' = level)
$$;

CREATE OR REPLACE FUNCTION catalog_refresh_tutor_search(tutor UUID) RETURNS void
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
                              currency, offers, languages, teaching_mode, approved_at, published_version)
    SELECT p.tutor_id,
           p.tenant_id,
           u.full_name,
           coalesce(p.published -> 'about' ->> 'headline', ''),
           coalesce(p.published -> 'about' ->> 'bio', ''),
           coalesce((SELECT array_agg(DISTINCT (o ->> 'subjectId')::UUID)
                     FROM jsonb_array_elements(p.published -> 'subjects') o), '{}'),
           coalesce((SELECT array_agg(DISTINCT o ->> 'level')
                     FROM jsonb_array_elements(p.published -> 'subjects') o), '{}'),
           (SELECT min((o -> 'price' ->> 'amount')::BIGINT) FROM jsonb_array_elements(p.published -> 'subjects') o),
           coalesce(p.published -> 'pricing' ->> 'currency',
                    (SELECT o -> 'price' ->> 'currency' FROM jsonb_array_elements(p.published -> 'subjects') o
                     LIMIT 1)),
           coalesce((SELECT jsonb_agg(jsonb_build_object('subjectId', o ->> 'subjectId', 'level', o ->> 'level',
                                                         'price', (o -> 'price' ->> 'amount')::BIGINT))
                     FROM jsonb_array_elements(p.published -> 'subjects') o), '[]'),
           coalesce((SELECT array_agg(DISTINCT l) FROM jsonb_array_elements_text(p.published -> 'languages') l), '{}'),
           coalesce(p.published -> 'teaching' ->> 'teachingMode', p.published -> 'teaching' ->> 'mode'),
           coalesce((SELECT min(h.at) FROM tutor_profile_history h
                     WHERE h.tutor_id = p.tutor_id AND h.to_status = 'APPROVED'), p.updated_at),
           p.published_version
    FROM users u
    WHERE u.id = p.tutor_id
    ON CONFLICT (tutor_id) DO UPDATE
        SET name = excluded.name, headline = excluded.headline, description = excluded.description,
            subject_ids = excluded.subject_ids, levels = excluded.levels, min_price = excluded.min_price,
            currency = excluded.currency, offers = excluded.offers, languages = excluded.languages,
            teaching_mode = excluded.teaching_mode, published_version = excluded.published_version;
END
$$;

-- Convert every stored profile and rebuild the search rows, tenant by tenant (row-level security applies to the
-- migration's connection too). The profile trigger refreshes the search row of each converted published version;
-- rows whose documents were already in the new shape are refreshed explicitly for their offers.
DO
$$
    DECLARE
        tenant UUID;
    BEGIN
        FOR tenant IN SELECT id FROM tenants
            LOOP
                PERFORM set_config('lyceum.tenant_id', tenant::TEXT, TRUE);
                UPDATE tutor_profiles
                SET draft     = catalog_one_price_document(draft),
                    published = catalog_one_price_document(published)
                WHERE tenant_id = tenant;
                PERFORM catalog_refresh_tutor_search(p.tutor_id)
                FROM tutor_profiles p
                WHERE p.tenant_id = tenant AND p.status = 'APPROVED';
                PERFORM catalog_bump_search_version(tenant);
            END LOOP;
        PERFORM set_config('lyceum.tenant_id', '', TRUE);
    END
$$;

DROP FUNCTION catalog_one_price_document(JSONB);
