package io.lyceum.catalog;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.ProfileDocument.TeachingMode;
import io.lyceum.catalog.TutorSearch.SearchResult;
import io.lyceum.shared.ETags;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import io.lyceum.shared.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Catalog: tutors")
class TutorSearchController {

    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    static final Duration MAX_FREE_SPAN = Duration.ofDays(14);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private final TutorSearch search;
    private final SearchBulkhead bulkhead;
    private final ExchangeRates rates;
    private final AccountsApi accounts;
    private final SearchCounter counter;

    TutorSearchController(
            TutorSearch search,
            SearchBulkhead bulkhead,
            ExchangeRates rates,
            AccountsApi accounts,
            SearchCounter counter) {
        this.search = search;
        this.counter = counter;
        this.bulkhead = bulkhead;
        this.rates = rates;
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/tutors")
    @Operation(
            summary = "Search approved tutors (public; anyone may call it)",
            description = "Paged; filters subjectId, level (with subjectId: the tutor teaches that subject at that"
                    + " level), minPrice/maxPrice (minor units of the tutor's currency, on each hit's priceFrom: the"
                    + " lowest price of 60 minutes among the tutor's offers of the subjectId and level searched, all"
                    + " offers without them; a 60-minute booking of that offer charges exactly priceFrom), currency, language, teachingMode (ONLINE and IN_PERSON"
                    + " also match BOTH), minRating (unrated tutors excluded), q (free text over name, headline and"
                    + " description, accent-insensitive and typo-tolerant), freeFrom and freeTo (together, ISO"
                    + " instants at most 14 days apart: tutors with a bookable lesson of their shortest length in"
                    + " between, by the same rules as available-slots; such a search is never cached). sort:"
                    + " recommended (default: the text's relevance, with q, weighted by the tutor's standing, a blend"
                    + " of 70 % credibility score and 30 % Bayesian rating, each neutral while unknown), relevance"
                    + " (needs q), newest, rating (Bayesian average, unrated last), trustScore, price,asc|price,desc"
                    + " (on priceFrom). displayPrice is priceFrom converted into the display currency. The response adds"
                    + " facet counts per subject, level and price band. ETag and Cache-Control: public, max-age=30 (a"
                    + " free-time search: no ETag, Cache-Control: no-store). Searches with q or free time beyond the"
                    + " server's capacity are shed: 503 search.busy with Retry-After.")
    ResponseEntity<SearchResult> search(
            @Parameter(hidden = true) PageQuery page,
            @RequestParam(required = false) @Nullable String subjectId,
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable Long minPrice,
            @RequestParam(required = false) @Nullable Long maxPrice,
            @RequestParam(required = false) @Nullable String currency,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(required = false) @Nullable String teachingMode,
            @RequestParam(required = false) @Nullable BigDecimal minRating,
            @RequestParam(required = false) @Nullable String q,
            @Parameter(
                            description = "with freeTo: only tutors with a bookable lesson of their shortest length"
                                    + " inside [freeFrom, freeTo) (ISO instants, at most 14 days apart)")
                    @RequestParam(required = false)
                    @Nullable
                    String freeFrom,
            @RequestParam(required = false) @Nullable String freeTo,
            @Parameter(
                            description = "ISO 4217 currency to show prices in (each hit's displayPrice); default the"
                                    + " signed-in caller's chosen display currency. Filters stay in the tutor's"
                                    + " currency.")
                    @RequestParam(required = false)
                    @Nullable
                    String displayCurrency,
            @Parameter(hidden = true) @AuthenticationPrincipal @Nullable CurrentUser viewer,
            @RequestHeader(value = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
        page.requireSortable(TutorSearch.SORTS);
        if (page.sort().size() > 1) {
            throw PageQuery.invalid("sort", "only one sort criterion is supported");
        }
        SearchCriteria criteria = criteria(
                subjectId, level, minPrice, maxPrice, currency, language, teachingMode, minRating, q, freeFrom, freeTo);
        if (!page.sort().isEmpty() && page.sort().getFirst().field().equals("relevance") && criteria.q() == null) {
            throw PageQuery.invalid("sort", "relevance needs a search text q");
        }
        String target = displayCurrency(displayCurrency, viewer);
        // free text and free time cost the database real work: they go through the bulkhead (503 when it is full)
        TutorSearch.Answer found = criteria.q() != null || criteria.asksFreeTime()
                ? bulkhead.run(() -> search.search(criteria, page))
                : search.search(criteria, page);
        TutorSearch.Answer answer = inDisplayCurrency(found, target);
        counter.searched();
        if (answer.etag() == null) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer.result());
        }
        if (ETags.matches(ifNoneMatch, answer.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(answer.etag())
                    .cacheControl(CACHE)
                    .build();
        }
        return ResponseEntity.ok().eTag(answer.etag()).cacheControl(CACHE).body(answer.result());
    }

    private @Nullable String displayCurrency(@Nullable String requested, @Nullable CurrentUser viewer) {
        if (requested != null && !requested.isBlank()) {
            try {
                return ExchangeRates.currency("displayCurrency", requested);
            } catch (LyceumException e) {
                throw LyceumException.invalid(
                        "request.validation_failed",
                        "The request has invalid fields.",
                        List.of(new FieldError("displayCurrency", "must be an ISO 4217 currency code such as GBP")));
            }
        }
        return viewer == null
                ? null
                : accounts.chosenDisplayCurrency(viewer.userId()).orElse(null);
    }

    /**
     * Each hit's from price converted for display; the cached answer itself stays in the tutors' currencies, and the
     * ETag varies with the currency and the rates used.
     */
    private TutorSearch.Answer inDisplayCurrency(TutorSearch.Answer answer, @Nullable String target) {
        if (target == null) {
            return answer;
        }
        ExchangeRates.Table table = rates.table();
        var result = answer.result();
        var hits = result.content().stream()
                .map(hit -> {
                    Money from = hit.priceFrom();
                    return hit.withDisplayPrice(
                            from == null ? null : table.convert(from, target).orElse(null));
                })
                .toList();
        String cachedEtag = answer.etag();
        String etag = cachedEtag == null
                ? null
                : cachedEtag.substring(0, cachedEtag.length() - 1) + "-" + target + "-" + table.version() + "\"";
        return new TutorSearch.Answer(new TutorSearch.SearchResult(hits, result.page(), result.facets()), etag);
    }

    static SearchCriteria criteria(
            @Nullable String subjectId,
            @Nullable String level,
            @Nullable Long minPrice,
            @Nullable Long maxPrice,
            @Nullable String currency,
            @Nullable String language,
            @Nullable String teachingMode,
            @Nullable BigDecimal minRating,
            @Nullable String q,
            @Nullable String freeFrom,
            @Nullable String freeTo) {
        UUID subject = null;
        if (subjectId != null && !subjectId.isBlank()) {
            try {
                subject = UUID.fromString(subjectId.trim());
            } catch (IllegalArgumentException e) {
                throw badRequest("subjectId", "must be a UUID");
            }
        }
        Level lvl = enumValue(Level.class, "level", level);
        TeachingMode mode = enumValue(TeachingMode.class, "teachingMode", teachingMode);
        List<FieldError> errors = new ArrayList<>();
        if (minPrice != null && minPrice < 0) errors.add(new FieldError("minPrice", "must not be negative"));
        if (maxPrice != null && maxPrice < 0) errors.add(new FieldError("maxPrice", "must not be negative"));
        if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
            errors.add(new FieldError("maxPrice", "must not be below minPrice"));
        }
        String cur = blankToNull(currency);
        if (cur != null) {
            cur = cur.toUpperCase(Locale.ROOT);
            try {
                Money.currency(cur);
            } catch (LyceumException e) {
                errors.add(new FieldError("currency", "must be an ISO 4217 currency code"));
            }
        }
        String lang = blankToNull(language);
        if (lang != null && !LANGUAGES.contains(lang)) {
            errors.add(new FieldError("language", "must be a lowercase ISO 639-1 code such as en"));
        }
        if (minRating != null && (minRating.signum() < 0 || minRating.compareTo(BigDecimal.valueOf(5)) > 0)) {
            errors.add(new FieldError("minRating", "must be between 0 and 5"));
        }
        String text = blankToNull(q);
        if (text != null && text.length() > 200) errors.add(new FieldError("q", "at most 200 characters"));
        Instant from = instant("freeFrom", freeFrom, errors);
        Instant to = instant("freeTo", freeTo, errors);
        if ((blankToNull(freeFrom) == null) != (blankToNull(freeTo) == null)) {
            errors.add(new FieldError(
                    blankToNull(freeFrom) == null ? "freeFrom" : "freeTo", "freeFrom and freeTo come together"));
        } else if (from != null && to != null) {
            if (!from.isBefore(to)) {
                errors.add(new FieldError("freeTo", "must be after freeFrom"));
            } else if (Duration.between(from, to).compareTo(MAX_FREE_SPAN) > 0) {
                errors.add(new FieldError("freeTo", "at most " + MAX_FREE_SPAN.toDays() + " days after freeFrom"));
            }
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("search.invalid_filter", "The search has invalid filters.", errors);
        }
        return new SearchCriteria(subject, lvl, minPrice, maxPrice, cur, lang, mode, minRating, text, from, to);
    }

    /** An ISO-8601 instant (or offset date-time) between 2000 and 2100; null when absent or invalid (then an error). */
    private static @Nullable Instant instant(String field, @Nullable String value, List<FieldError> errors) {
        String v = blankToNull(value);
        if (v == null) return null;
        try {
            Instant instant = OffsetDateTime.parse(v).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                errors.add(new FieldError(field, "must lie between " + EARLIEST + " and " + LATEST));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z"));
            return null;
        }
    }

    private static <E extends Enum<E>> @Nullable E enumValue(Class<E> type, String field, @Nullable String value) {
        String v = blankToNull(value);
        if (v == null) return null;
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .toList();
            throw badRequest(field, "must be one of " + allowed);
        }
    }

    private static LyceumException badRequest(String field, String message) {
        return new LyceumException(
                ErrorKind.BAD_REQUEST,
                "search.invalid_filter",
                "Invalid search filter '" + field + "': " + message + ".",
                List.of(new FieldError(field, message)));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
