package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.CoursePackViews.PackView;
import io.lyceum.catalog.CoursePackViews.RemoveRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/course-packs")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Catalog: course pack moderation")
class AdminCoursePackController {

    private final CoursePacks packs;

    AdminCoursePackController(CoursePacks packs) {
        this.packs = packs;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Any course pack of the tenant", description = "ADMIN or OWNER. Whatever its state.")
    PackView get(@PathVariable UUID id) {
        return PackView.of(packs.any(id));
    }

    @PostMapping("/{id}/remove")
    @Operation(
            summary = "Remove a course pack",
            description = "ADMIN or OWNER. Sets moderationStatus REMOVED (hidden from the public, cannot be published "
                    + "again), emails the tutor and publishes `CoursePackRemoved`, which billing turns into refunds. "
                    + "A reason is required (422). Already removed: 409 `pack.already_removed`.")
    PackView remove(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody RemoveRequest body) {
        return PackView.of(packs.remove(user, id, body.reason()));
    }
}
