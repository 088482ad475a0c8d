package io.lyceum.catalog;

import io.lyceum.catalog.ProfileDocument.TeachingMode;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.tenancy.TenantContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public tutor search over {@code tutor_search} (kept in step with the published profiles by a database trigger,
 * see the migration), with facet counts and an in-process cache per tenant keyed by the tenant's search version.
 */
@Service
class TutorSearch {

    static final Set<String> SORTS = Set.of("recommended", "relevance", "rating", "price", "newest", "trustScore");

    /** Upper bounds of the price bands in major units of the tutor's own currency; the last band is open. */
    static final List<Integer> BAND_LIMITS = List.of(20, 40, 60);

    static final List<String> BANDS = List.of("<20", "20-40", "40-60", "60+");

    /** Cached results per tenant at most; the whole tenant cache is dropped when it grows beyond. */
    static final int MAX_CACHED_PER_TENANT = 2_000;

    record SearchHit(
            UUID tutorId,
            String fullName,
            String headline,
            List<UUID> subjectIds,
            List<String> levels,
            List<String> languages,
            @Nullable TeachingMode teachingMode,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "the lowest price of 60 minutes among the tutor's offers matching the"
                            + " subjectId and level filters (all offers without them): a booking of that"
                            + " subject and level for 60 minutes charges exactly this")
            @Nullable
            Money priceFrom,

            @Nullable BigDecimal rating,
            int ratingCount,
            Instant approvedAt,
            @Nullable Money displayPrice) {

        /** This hit with its from price shown in another currency (null: no rate to convert with). */
        SearchHit withDisplayPrice(@Nullable Money price) {
            return new SearchHit(
                    tutorId,
                    fullName,
                    headline,
                    subjectIds,
                    levels,
                    languages,
                    teachingMode,
                    priceFrom,
                    rating,
                    ratingCount,
                    approvedAt,
                    price);
        }
    }

    record SubjectFacet(UUID subjectId, @Nullable String name, long count) {}

    record LevelFacet(Level level, long count) {}

    /** A price band; {@code min} inclusive and {@code max} exclusive, in major units; {@code max} null when open. */
    record PriceBandFacet(String band, int min, @Nullable Integer max, long count) {}

    record Facets(List<SubjectFacet> subjects, List<LevelFacet> levels, List<PriceBandFacet> priceBands) {}

    record SearchResult(List<SearchHit> content, PageResponse.PageMetadata page, Facets facets) {}

    /**
     * A search answer with the version of the tenant's searchable set it was computed from (for the ETag); no ETag
     * ({@code null}) when the answer must not be cached.
     */
    record Answer(SearchResult result, @Nullable String etag) {}

    /** One tenant's cached answers at one version: pages by filters, page and sort; counts by filters alone. */
    private record TenantCache(long version, Cache pages, Cache counts) {

        int size() {
            return ((ConcurrentMapCache) pages).getNativeCache().size()
                    + ((ConcurrentMapCache) counts).getNativeCache().size();
        }

        void clear() {
            pages.clear();
            counts.clear();
        }
    }

    /** The total and the facets of one set of filters: the same for every page and sort. */
    private record Counts(long total, Facets facets) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final List<SearchFilter> filters;
    private final Map<UUID, TenantCache> caches = new ConcurrentHashMap<>();

    TutorSearch(
            DataSource dataSource,
            @Value("${lyceum.search.statement-timeout:2s}") Duration statementTimeout,
            JsonMapper json,
            ObjectProvider<SearchFilter> extraFilters) {
        // a search statement that outlives the timeout is cancelled (by the driver, no extra statement) and the
        // request shed with 503 by SearchBulkhead, rather than holding a connection and a core for seconds
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout((int) Math.max(1, (statementTimeout.toMillis() + 999) / 1000));
        this.jdbc = JdbcClient.create(template);
        this.json = json;
        List<SearchFilter> all = new ArrayList<>(builtInFilters());
        extraFilters.orderedStream().forEach(all::add);
        this.filters = List.copyOf(all);
    }

    /**
     * The free text as a tsquery, its typos corrected against the tenant's distinct words (see the migration
     * {@code catalog_search_terms_and_words}); a scalar subquery, so PostgreSQL computes it once per statement and
     * matches it through the GIN index on {@code terms}.
     */
    static final String QUERY = "(SELECT catalog_search_query(:t, :q))";

    // ---- the built-in filters

    private record Filter(
            @Nullable String facet, java.util.function.BiFunction<SearchCriteria, Map<String, Object>, String> sql)
            implements SearchFilter {
        @Override
        public @Nullable String condition(SearchCriteria c, Map<String, Object> params) {
            return sql.apply(c, params);
        }
    }

    private static List<SearchFilter> builtInFilters() {
        return List.of(
                new Filter(SearchFilter.SUBJECT, (c, p) -> {
                    if (c.subjectId() == null) return null;
                    p.put("subjectId", c.subjectId());
                    return "ts.subject_ids @> ARRAY[CAST(:subjectId AS uuid)]";
                }),
                new Filter(SearchFilter.LEVEL, (c, p) -> {
                    if (c.level() == null) return null;
                    p.put("level", c.level().name());
                    return "ts.levels @> ARRAY[CAST(:level AS text)]";
                }),
                new Filter(SearchFilter.SUBJECT, (c, p) -> {
                    // subject and level together: one offer of that subject at that level, the one priced
                    if (c.subjectId() == null || c.level() == null) return null;
                    return priceExpression(c, p) + " IS NOT NULL";
                }),
                new Filter(SearchFilter.PRICE, (c, p) -> {
                    if (c.minPrice() == null) return null;
                    p.put("minPrice", c.minPrice());
                    return priceExpression(c, p) + " >= :minPrice";
                }),
                new Filter(SearchFilter.PRICE, (c, p) -> {
                    if (c.maxPrice() == null) return null;
                    p.put("maxPrice", c.maxPrice());
                    return priceExpression(c, p) + " <= :maxPrice";
                }),
                new Filter(null, (c, p) -> {
                    if (c.currency() == null) return null;
                    p.put("currency", c.currency());
                    return "ts.currency = :currency";
                }),
                new Filter(null, (c, p) -> {
                    if (c.language() == null) return null;
                    p.put("language", c.language());
                    return "ts.languages @> ARRAY[CAST(:language AS text)]";
                }),
                new Filter(null, (c, p) -> {
                    if (c.teachingMode() == null) return null;
                    p.put("mode", c.teachingMode().name());
                    // a tutor teaching both ways matches either mode
                    return c.teachingMode() == TeachingMode.BOTH
                            ? "ts.teaching_mode = 'BOTH'"
                            : "ts.teaching_mode IN (:mode, 'BOTH')";
                }),
                new Filter(null, (c, p) -> {
                    if (c.minRating() == null) return null;
                    p.put("minRating", c.minRating());
                    // unrated tutors (rating NULL) never satisfy a minimum rating
                    return "ts.rating >= :minRating";
                }),
                new Filter(null, (c, p) -> {
                    if (c.q() == null) return null;
                    p.put("q", c.q());
                    return "ts.terms @@ " + QUERY;
                }));
    }

    /**
     * The price a hit shows, filters and sorts on: the lowest price of 60 minutes among the tutor's offers of the
     * searched subject and level (either may be absent), which is what a 60-minute booking of that offer charges.
     */
    static String priceExpression(SearchCriteria c, Map<String, Object> params) {
        if (c.subjectId() == null && c.level() == null) {
            return "ts.min_price";
        }
        if (c.subjectId() != null) params.put("priceSubject", c.subjectId());
        if (c.level() != null) params.put("priceLevel", c.level().name());
        return "catalog_offer_price(ts.offers, "
                + (c.subjectId() == null ? "NULL" : "CAST(:priceSubject AS uuid)") + ", "
                + (c.level() == null ? "NULL" : "CAST(:priceLevel AS text)") + ")";
    }

    // ---- searching

    /**
     * The search answer for the current tenant, from the cache when the tenant's searchable set is unchanged. A search
     * for free time bypasses the cache and has no ETag: its answer changes with every booking and with the clock.
     */
    @Transactional(readOnly = true)
    Answer search(SearchCriteria criteria, PageQuery page) {
        UUID tenant = TenantContext.require().value();
        if (criteria.asksFreeTime()) {
            return new Answer(compute(tenant, criteria, page, null), null);
        }
        long version = jdbc.sql("SELECT coalesce((SELECT version FROM tutor_search_state WHERE tenant_id = :t), 0)")
                .param("t", tenant)
                .query(Long.class)
                .single();
        String key = criteria.canonical() + "|" + page.page() + "|" + page.size() + "|" + page.sort();
        String etag = "\"ts-" + version + "-" + digest(tenant + "|" + key) + "\"";
        TenantCache tenantCache = caches.compute(
                tenant,
                (t, existing) -> existing != null && existing.version() == version
                        ? existing
                        : new TenantCache(
                                version,
                                new ConcurrentMapCache("tutor-search-" + t),
                                new ConcurrentMapCache("tutor-search-counts-" + t)));
        if (tenantCache.size() > MAX_CACHED_PER_TENANT) {
            tenantCache.clear();
        }
        String countsKey = criteria.canonical();
        // the loader never answers null, so neither does the cache
        SearchResult result = Objects.requireNonNull(tenantCache.pages().get(key, () -> {
            Counts known = tenantCache.counts().get(countsKey, Counts.class);
            SearchResult computed = compute(tenant, criteria, page, known);
            if (known == null) {
                tenantCache.counts().put(countsKey, new Counts(computed.page().totalElements(), computed.facets()));
            }
            return computed;
        }));
        return new Answer(result, etag);
    }

    /** Drops every cached search (all tenants). */
    void evictAll() {
        caches.clear();
    }

    /** One row of the statistics: the total, or one facet value and its count. */
    private record Stat(
            String kind, @Nullable String key, @Nullable String name, long count) {

        /** The facet value counted; every row but the total has one. */
        String requiredKey() {
            return Objects.requireNonNull(key, "the total has no key");
        }
    }

    /** The columns a hit is made of ({@link #hit}), with its price as the search computes it. */
    private static String hitColumns(String price) {
        return "ts.tutor_id, ts.name, ts.headline, ts.subject_ids, ts.levels, ts.languages, ts.teaching_mode, " + price
                + " AS price, ts.currency, ts.rating, ts.rating_count, ts.approved_at";
    }

    /**
     * The columns a free-text search keeps of each candidate, beyond the facets' own (subjects, levels, price): those
     * of a hit and those the sorts read ({@link #order}); a new sort on another column adds it here.
     */
    static final String BASE_TEXT_COLUMNS = "ts.tutor_id, ts.name, ts.headline, ts.languages, ts.teaching_mode,"
            + " ts.currency, ts.rating, ts.rating_count, ts.approved_at, ts.trust_score, ts.bayesian_rating,"
            + " ts.recommendation, ts.terms";

    private List<Stat> stats(String text) {
        List<Stat> stats = new ArrayList<>();
        for (JsonNode row : json.readTree(text)) {
            stats.add(new Stat(
                    row.get(0).asString(),
                    row.get(1).isNull() ? null : row.get(1).asString(),
                    row.get(2).isNull() ? null : row.get(2).asString(),
                    row.get(3).asLong()));
        }
        return stats;
    }

    /**
     * One statement for the page and, unless {@code known} (the counts of the same filters, cached whatever the page
     * and sort), the total and every facet over a materialised candidate set: the free-text condition is evaluated
     * once for all of them. Filters narrowing a facet become flags on the candidates instead of conditions, so each
     * facet can be counted without its own filter. With free text the page is cut from the candidates; without, it is
     * read straight from the table, where an index can stop early.
     */
    private SearchResult compute(UUID tenant, SearchCriteria criteria, PageQuery page, @Nullable Counts known) {
        Map<String, Object> params = new HashMap<>();
        params.put("t", tenant);
        List<String> all = new ArrayList<>(List.of("ts.tenant_id = :t"));
        List<String> common = new ArrayList<>(List.of("ts.tenant_id = :t"));
        Map<String, List<String>> facetConditions = new HashMap<>();
        for (String facet : List.of(SearchFilter.SUBJECT, SearchFilter.LEVEL, SearchFilter.PRICE)) {
            facetConditions.put(facet, new ArrayList<>(List.of("TRUE")));
        }
        for (SearchFilter filter : filters) {
            String condition = filter.condition(criteria, params);
            if (condition == null) continue;
            all.add(condition);
            List<String> own = filter.facet() == null ? null : facetConditions.get(filter.facet());
            (own == null ? common : own).add(condition);
        }
        String where = String.join(" AND ", all);
        String price = priceExpression(criteria, params);

        params.put("limit", page.size());
        params.put("offset", page.offset());
        if (known != null) {
            List<SearchHit> hits = jdbc.sql(
                            "SELECT %s FROM tutor_search ts WHERE %s ORDER BY %s LIMIT :limit OFFSET :offset"
                                    .formatted(hitColumns(price), where, order(criteria, page, price)))
                    .params(params)
                    .query(TutorSearch::hit)
                    .list();
            PageResponse<SearchHit> paged = PageResponse.of(hits, page, known.total());
            return new SearchResult(paged.content(), paged.page(), known.facets());
        }

        boolean text = criteria.q() != null;
        String pageSource = text
                ? ("SELECT %s FROM base ts WHERE m_subject AND m_level AND m_price"
                                + " ORDER BY %s LIMIT :limit OFFSET :offset")
                        .formatted(hitColumns("ts.price"), order(criteria, page, "ts.price"))
                : "SELECT %s FROM tutor_search ts WHERE %s ORDER BY %s LIMIT :limit OFFSET :offset"
                        .formatted(hitColumns(price), where, order(criteria, page, price));
        List<Stat> stats = new ArrayList<>();
        List<SearchHit> hits = new ArrayList<>();
        jdbc.sql("""
                        WITH base AS MATERIALIZED (
                            SELECT %s ts.subject_ids, ts.levels, %s AS price, %s AS band,
                                   (%s) AS m_subject, (%s) AS m_level, (%s) AS m_price
                            FROM tutor_search ts WHERE %s),
                        stats AS (
                            SELECT jsonb_agg(jsonb_build_array(kind, key, name, n)) AS stats FROM (
                                SELECT 'total' AS kind, NULL AS key, NULL AS name, count(*) AS n
                                FROM base WHERE m_subject AND m_level AND m_price
                                UNION ALL
                                SELECT 'subject', sid::text, (SELECT s.name FROM subjects s WHERE s.id = sid), count(*)
                                FROM base CROSS JOIN LATERAL unnest(base.subject_ids) AS sid
                                WHERE m_level AND m_price GROUP BY sid
                                UNION ALL
                                SELECT 'level', lvl, NULL, count(*)
                                FROM base CROSS JOIN LATERAL unnest(base.levels) AS lvl
                                WHERE m_subject AND m_price GROUP BY lvl
                                UNION ALL
                                SELECT 'band', band::text, NULL, count(*)
                                FROM base WHERE price IS NOT NULL AND m_subject AND m_level GROUP BY band) counted)
                        SELECT stats.stats::text AS stats, hits.*
                        FROM stats LEFT JOIN (SELECT page.*, row_number() OVER () AS ord FROM (%s) page) hits ON TRUE
                        ORDER BY hits.ord
                        """.formatted(
                                text ? BASE_TEXT_COLUMNS + "," : "",
                                price,
                                bandSql(price),
                                String.join(" AND ", facetConditions.get(SearchFilter.SUBJECT)),
                                String.join(" AND ", facetConditions.get(SearchFilter.LEVEL)),
                                String.join(" AND ", facetConditions.get(SearchFilter.PRICE)),
                                String.join(" AND ", common),
                                pageSource))
                .params(params)
                .query(rs -> {
                    if (stats.isEmpty()) {
                        stats.addAll(stats(rs.getString("stats")));
                    }
                    if (rs.getObject("tutor_id") != null) {
                        hits.add(hit(rs, hits.size()));
                    }
                });

        long total = 0;
        List<SubjectFacet> subjects = new ArrayList<>();
        Map<String, Long> levelCounts = new HashMap<>();
        Map<Integer, Long> bandCounts = new HashMap<>();
        for (Stat stat : stats) {
            switch (stat.kind()) {
                case "total" -> total = stat.count();
                case "subject" ->
                    subjects.add(new SubjectFacet(UUID.fromString(stat.requiredKey()), stat.name(), stat.count()));
                case "level" -> levelCounts.put(stat.requiredKey(), stat.count());
                default -> bandCounts.put(Integer.parseInt(stat.requiredKey()), stat.count());
            }
        }
        subjects.sort(Comparator.comparingLong(SubjectFacet::count)
                .reversed()
                .thenComparing(SubjectFacet::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(SubjectFacet::subjectId));
        List<LevelFacet> levels = Arrays.stream(Level.values())
                .filter(l -> levelCounts.containsKey(l.name()))
                .map(l -> new LevelFacet(l, levelCounts.getOrDefault(l.name(), 0L)))
                .toList();
        List<PriceBandFacet> bands = new ArrayList<>();
        for (int i = 0; i < BANDS.size(); i++) {
            bands.add(new PriceBandFacet(
                    BANDS.get(i),
                    i == 0 ? 0 : BAND_LIMITS.get(i - 1),
                    i < BAND_LIMITS.size() ? BAND_LIMITS.get(i) : null,
                    bandCounts.getOrDefault(i, 0L)));
        }
        PageResponse<SearchHit> paged = PageResponse.of(hits, page, total);
        return new SearchResult(
                paged.content(), paged.page(), new Facets(List.copyOf(subjects), levels, List.copyOf(bands)));
    }

    /** The major-unit factor of a row's currency (fraction digits from the JDK). */
    private static final String FACTOR_SQL =
            "CASE " + fractionCase(0, "1") + fractionCase(3, "1000") + fractionCase(4, "10000") + "ELSE 100 END";

    /** The band index (0..3) of a row's price, in major units of its currency. */
    private static String bandSql(String price) {
        String factor = FACTOR_SQL;
        StringBuilder band = new StringBuilder("CASE ");
        for (int i = 0; i < BAND_LIMITS.size(); i++) {
            band.append("WHEN ")
                    .append(price)
                    .append(" < ")
                    .append(BAND_LIMITS.get(i))
                    .append(" * (")
                    .append(factor)
                    .append(") THEN ")
                    .append(i)
                    .append(' ');
        }
        return band.append("ELSE ").append(BAND_LIMITS.size()).append(" END").toString();
    }

    private static String fractionCase(int digits, String factor) {
        String codes = Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() == digits)
                .map(Currency::getCurrencyCode)
                .filter(code -> code.matches("[A-Z]{3}"))
                .sorted()
                .map(code -> "'" + code + "'")
                .collect(Collectors.joining(","));
        return codes.isEmpty() ? "" : "WHEN ts.currency IN (" + codes + ") THEN " + factor + " ";
    }

    /** Major-unit factor of a currency, as the band SQL computes it. */
    static long minorPerMajor(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return digits == 0 ? 1 : digits == 3 ? 1000 : digits == 4 ? 10000 : 100;
    }

    private static String order(SearchCriteria criteria, PageQuery page, String price) {
        String tieBreak = "ts.approved_at DESC, ts.tutor_id";
        String sort =
                page.sort().isEmpty() ? "recommended" : page.sort().getFirst().field();
        boolean ascending = !page.sort().isEmpty() && page.sort().getFirst().ascending();
        return switch (sort) {
            // the text's relevance weighted by the tutor's standing: a neutral standing (0.5) keeps the relevance
            // as it is, the best standing raises it by half, the worst halves it; without text, the standing alone
            case "recommended" ->
                criteria.q() == null
                        ? "ts.recommendation DESC, " + tieBreak
                        : "ts_rank(ts.terms, " + QUERY + ") * (0.5 + ts.recommendation) DESC, " + tieBreak;
            case "relevance" -> criteria.q() == null ? tieBreak : "ts_rank(ts.terms, " + QUERY + ") DESC, " + tieBreak;
            // the Bayesian average, so one 5-star review does not outrank fifty 4.9 ones
            case "rating" -> "ts.bayesian_rating DESC NULLS LAST, ts.rating_count DESC, " + tieBreak;
            case "price" -> price + (ascending ? " ASC" : " DESC") + " NULLS LAST, " + tieBreak;
            case "trustScore" -> "ts.trust_score DESC NULLS LAST, " + tieBreak;
            default -> tieBreak;
        };
    }

    private static SearchHit hit(ResultSet rs, int n) throws SQLException {
        long price = rs.getLong("price");
        Money from = rs.wasNull() ? null : Money.of(price, rs.getString("currency"));
        String mode = rs.getString("teaching_mode");
        return new SearchHit(
                rs.getObject("tutor_id", UUID.class),
                rs.getString("name"),
                rs.getString("headline"),
                List.of((UUID[]) array(rs.getArray("subject_ids"))),
                List.of((String[]) array(rs.getArray("levels"))),
                List.of((String[]) array(rs.getArray("languages"))),
                mode == null ? null : TeachingMode.valueOf(mode),
                from,
                rs.getBigDecimal("rating"),
                rs.getInt("rating_count"),
                rs.getObject("approved_at", OffsetDateTime.class).toInstant(),
                null);
    }

    private static Object array(Array array) throws SQLException {
        return array.getArray();
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
