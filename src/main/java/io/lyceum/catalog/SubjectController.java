package io.lyceum.catalog;

import io.lyceum.catalog.SubjectCatalog.Category;
import io.lyceum.catalog.SubjectCatalog.Subject;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Catalog: subjects and categories")
class SubjectController {

    private final SubjectCatalog catalog;

    SubjectController(SubjectCatalog catalog) {
        this.catalog = catalog;
    }

    record CategoryRequest(
            @NotBlank @Size(max = 100) String name,

            @Size(max = 100)
            @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lowercase words joined by -")
            @Nullable
            String slug,

            @Min(0) @Max(10_000) @Nullable Integer position) {}

    record SubjectRequest(
            @NotNull UUID categoryId,
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(max = 6) List<@NotNull Level> levels,
            @Nullable Boolean active) {}

    @GetMapping("/categories")
    @Operation(summary = "List categories", description = "Public. Ordered by position, then name. Paged.")
    PageResponse<Category> categories(PageQuery query) {
        return catalog.categories(query.requireSortable(java.util.Set.of()));
    }

    @GetMapping("/categories/{id}")
    @Operation(summary = "One category", description = "Public.")
    Category category(@PathVariable UUID id) {
        return catalog.category(id);
    }

    @PostMapping("/categories")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Create a category",
            description =
                    "ADMIN or OWNER. Names are unique per tenant, case-insensitively (409 `category.name_taken`).")
    Category createCategory(@Valid @RequestBody CategoryRequest body) {
        return catalog.createCategory(body.name(), body.slug(), body.position() == null ? 0 : body.position());
    }

    @PutMapping("/categories/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Update a category", description = "ADMIN or OWNER.")
    Category updateCategory(@PathVariable UUID id, @Valid @RequestBody CategoryRequest body) {
        return catalog.updateCategory(id, body.name(), body.slug(), body.position() == null ? 0 : body.position());
    }

    @DeleteMapping("/categories/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Delete a category",
            description = "ADMIN or OWNER. A category that still has subjects is 409 `category.in_use`.")
    void deleteCategory(@PathVariable UUID id) {
        catalog.deleteCategory(id);
    }

    @GetMapping("/subjects")
    @Operation(
            summary = "List subjects",
            description = "Public. Paged, sorted by name (sort=name,desc for reverse). Filters: categoryId, q (part "
                    + "of the name, case-insensitive), active.")
    PageResponse<Subject> subjects(
            @RequestParam(required = false) @Nullable UUID categoryId,
            @RequestParam(required = false) @Size(max = 100) @Nullable String q,
            @RequestParam(required = false) @Nullable Boolean active,
            PageQuery query) {
        return catalog.subjects(categoryId, q, active, query.requireSortable(Set.of("name")));
    }

    @GetMapping("/subjects/{id}")
    @Operation(summary = "One subject", description = "Public.")
    Subject subject(@PathVariable UUID id) {
        return catalog.subject(id);
    }

    @PostMapping("/subjects")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Create a subject",
            description = "ADMIN or OWNER. Levels from PRIMARY, GCSE, A_LEVEL, IB, UNIVERSITY, ADULT. Names are unique "
                    + "per tenant (409 `subject.name_taken`).")
    Subject createSubject(@Valid @RequestBody SubjectRequest body) {
        return catalog.createSubject(
                body.categoryId(), body.name(), body.levels(), body.active() == null || body.active());
    }

    @PutMapping("/subjects/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Update a subject", description = "ADMIN or OWNER.")
    Subject updateSubject(@PathVariable UUID id, @Valid @RequestBody SubjectRequest body) {
        return catalog.updateSubject(
                id, body.categoryId(), body.name(), body.levels(), body.active() == null || body.active());
    }

    @DeleteMapping("/subjects/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Delete a subject",
            description = "ADMIN or OWNER. A subject used by any tutor profile is 409 `subject.in_use` (deactivate it "
                    + "instead).")
    void deleteSubject(@PathVariable UUID id) {
        catalog.deleteSubject(id);
    }
}
