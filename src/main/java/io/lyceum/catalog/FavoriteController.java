package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.Favorites.FavoriteView;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/favorites")
@PreAuthorize("hasAnyRole('STUDENT', 'GUARDIAN')")
@Tag(name = "Catalog: favorites")
class FavoriteController {

    private final Favorites favorites;

    FavoriteController(Favorites favorites) {
        this.favorites = favorites;
    }

    record AddFavorite(@Nullable UUID tutorId) {}

    @GetMapping
    @Operation(
            summary = "My favorite tutors",
            description = "STUDENT or GUARDIAN. Newest first, paged; each item carries the tutor's public summary. "
                    + "Tutors that are no longer APPROVED (for example suspended) are left out.")
    PageResponse<FavoriteView> list(@AuthenticationPrincipal CurrentUser user, PageQuery query) {
        return favorites.list(user, query.requireSortable(Set.of()));
    }

    @PostMapping
    @Operation(
            summary = "Add a tutor to my favorites",
            description = "STUDENT or GUARDIAN. Body {tutorId}. 201 when added, 200 when it was a favorite already "
                    + "(idempotent). 404 `tutor.not_found` unless the tutor is APPROVED in this tenant.")
    ResponseEntity<FavoriteView> add(@AuthenticationPrincipal CurrentUser user, @RequestBody AddFavorite body) {
        UUID tutorId = body == null ? null : body.tutorId();
        if (tutorId == null) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "The request has invalid fields.",
                    List.of(new FieldError("tutorId", "must not be null")));
        }
        var added = favorites.add(user, tutorId);
        if (added.created()) {
            return ResponseEntity.created(URI.create("/api/v1/favorites/" + tutorId))
                    .body(added.favorite());
        }
        return ResponseEntity.ok(added.favorite());
    }

    @GetMapping("/{tutorId}")
    @Operation(
            summary = "One favorite",
            description = "STUDENT or GUARDIAN. 404 `favorite.not_found` when the tutor is not (or no longer "
                    + "visibly) among the caller's favorites.")
    FavoriteView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID tutorId) {
        return favorites.get(user, tutorId);
    }

    @DeleteMapping("/{tutorId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Remove a tutor from my favorites",
            description = "STUDENT or GUARDIAN. 404 `favorite.not_found` when the tutor is not a favorite.")
    void remove(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID tutorId) {
        favorites.remove(user, tutorId);
    }
}
