package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.TutorId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the agents module's tools (MCP, the tool gateway, the assistant) may ask of the catalog. Each method runs the
 * REST route's own code under the caller's security context, so it answers exactly what the route answers (the
 * {@code Object} results are the routes' JSON bodies) and refuses exactly what the route refuses.
 */
public interface CatalogToolsApi {

    /** The filters of {@code GET /api/v1/tutors}, as the route takes them (text, validated there); each optional. */
    record TutorFilters(
            @Nullable String subjectId,
            @Nullable String level,
            @Nullable Long minPrice,
            @Nullable Long maxPrice,
            @Nullable String currency,
            @Nullable String language,
            @Nullable String teachingMode,
            java.math.@Nullable BigDecimal minRating,
            @Nullable String q,
            @Nullable String freeFrom,
            @Nullable String freeTo,
            @Nullable String displayCurrency) {}

    /** {@code GET /api/v1/tutors}: approved tutors, paged, with facets. */
    JsonNode searchTutors(CurrentUser viewer, TutorFilters filters, PageQuery page);

    /** {@code GET /api/v1/tutors/{id}}: an approved tutor's public profile (404 otherwise). */
    JsonNode tutorProfile(TutorId tutorId);

    /** {@code GET /api/v1/admin/tutors/pending}: profiles waiting for review (admins; 403 for anyone else). */
    JsonNode approvalQueue(PageQuery page);

    /** One subject of the tenant's catalog with the levels it is offered at. */
    record SubjectName(UUID id, String name, List<String> levels) {}

    /**
     * The tenant's active subjects whose name appears in {@code text} (case-insensitive), for matching the words of a
     * sentence to subject ids however large the catalog is; at most 20, longest names first.
     */
    List<SubjectName> subjectsNamedIn(String text);
}
