package io.lyceum.catalog;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.CoursePackStore.MaterialRow;
import io.lyceum.catalog.CoursePackViews.MaterialView;
import io.lyceum.catalog.CoursePackViews.PackView;
import io.lyceum.platform.BoundedList;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/course-packs")
@Tag(name = "Catalog: course packs")
class PublicCoursePackController {

    private static final String READERS = " Signed-in callers only: the owning tutor, ADMIN/OWNER, and students "
            + "enrolled in the pack; anyone else gets 404 `pack.not_found`.";

    private final CoursePacks packs;
    private final AccountsApi accounts;

    PublicCoursePackController(CoursePacks packs, AccountsApi accounts) {
        this.packs = packs;
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(
            summary = "List published course packs",
            description = "Public. Only published, not removed packs of APPROVED tutors. Paged, newest first. Filters: "
                    + "categoryId, level, tutorId.")
    PageResponse<PackView> list(
            @RequestParam(required = false) @Nullable UUID categoryId,
            @RequestParam(required = false) @Nullable Level level,
            @RequestParam(required = false) @Nullable UUID tutorId,
            PageQuery query) {
        return packs.publicList(categoryId, level, tutorId, query.requireSortable(Set.of()))
                .map(p -> PackView.of(p, TutorProfileController.nameOf(accounts, p.tutorId())));
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One published course pack",
            description = "Public. 404 `pack.not_found` unless published, not removed and the tutor is APPROVED.")
    PackView get(@PathVariable UUID id) {
        var pack = packs.publicPack(id);
        return PackView.of(pack, TutorProfileController.nameOf(accounts, pack.tutorId()));
    }

    @GetMapping("/{id}/materials")
    @Operation(summary = "A course pack's materials, in order", description = READERS)
    @BoundedList(CoursePacks.MAX_MATERIALS)
    List<MaterialView> materials(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        packs.readablePack(user, id);
        return packs.materials(id).stream().map(MaterialView::of).toList();
    }

    @GetMapping("/{id}/materials/{materialId}")
    @Operation(summary = "One material of a course pack", description = READERS)
    MaterialView material(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID materialId) {
        packs.readablePack(user, id);
        return MaterialView.of(packs.material(id, materialId));
    }

    @GetMapping("/{id}/materials/{materialId}/content")
    @Operation(
            summary = "Download an uploaded material",
            description = "Streams the file with its detected content type as an attachment. A link material has no "
                    + "content (404 `material.no_content`; follow its url)." + READERS)
    ResponseEntity<Resource> content(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID materialId) {
        packs.readablePack(user, id);
        MaterialRow material = packs.material(id, materialId);
        var content = packs.open(material)
                .orElseThrow(() ->
                        io.lyceum.shared.LyceumException.notFound("material.no_content", "This material has no file."));
        // a material with stored content is an upload, and every upload records its detected type
        String contentType = Objects.requireNonNull(material.contentType());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(contentType))
                .contentLength(content.size())
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(material.fileName())
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(content.stream()));
    }
}
