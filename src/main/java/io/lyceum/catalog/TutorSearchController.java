package io.lyceum.catalog;

import io.lyceum.catalog.ProfileDocument.TeachingMode;
import io.lyceum.catalog.TutorSearch.SearchResult;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

    private final TutorSearch search;

    TutorSearchController(TutorSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/tutors")
    @Operation(
            summary = "Search approved tutors (public; anyone may call it)",
            description = "Paged; filters subjectId, level, minPrice/maxPrice (minor units of the tutor's currency;"
                    + " the tutor's lowest subject price), currency, language, teachingMode (ONLINE and IN_PERSON"
                    + " also match BOTH), minRating (unrated tutors excluded), q (free text over name, headline and"
                    + " description, accent-insensitive and typo-tolerant). sort: relevance (default with q),"
                    + " newest (default otherwise), rating, trustScore, price,asc|price,desc. The response adds"
                    + " facet counts per subject, level and price band. ETag and Cache-Control: public, max-age=30.")
    ResponseEntity<SearchResult> search(
            @Parameter(hidden = true) PageQuery page,
            @RequestParam(required = false) String subjectId,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) Long minPrice,
            @RequestParam(required = false) Long maxPrice,
            @RequestParam(required = false) String currency,
            @RequestParam(required = false) String language,
            @RequestParam(required = false) String teachingMode,
            @RequestParam(required = false) BigDecimal minRating,
            @RequestParam(required = false) String q,
            @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        page.requireSortable(TutorSearch.SORTS);
        if (page.sort().size() > 1) {
            throw PageQuery.invalid("sort", "only one sort criterion is supported");
        }
        SearchCriteria criteria =
                criteria(subjectId, level, minPrice, maxPrice, currency, language, teachingMode, minRating, q);
        if (!page.sort().isEmpty() && page.sort().getFirst().field().equals("relevance") && criteria.q() == null) {
            throw PageQuery.invalid("sort", "relevance needs a search text q");
        }
        TutorSearch.Answer answer = search.search(criteria, page);
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(answer.etag()) || ifNoneMatch.trim().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(answer.etag())
                    .cacheControl(CACHE)
                    .build();
        }
        return ResponseEntity.ok().eTag(answer.etag()).cacheControl(CACHE).body(answer.result());
    }

    static SearchCriteria criteria(
            String subjectId,
            String level,
            Long minPrice,
            Long maxPrice,
            String currency,
            String language,
            String teachingMode,
            BigDecimal minRating,
            String q) {
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
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("search.invalid_filter", "The search has invalid filters.", errors);
        }
        return new SearchCriteria(subject, lvl, minPrice, maxPrice, cur, lang, mode, minRating, text);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
