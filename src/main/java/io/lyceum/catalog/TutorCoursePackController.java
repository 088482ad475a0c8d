package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.CoursePackViews.LinkRequest;
import io.lyceum.catalog.CoursePackViews.MaterialUpdate;
import io.lyceum.catalog.CoursePackViews.MaterialView;
import io.lyceum.catalog.CoursePackViews.PackRequest;
import io.lyceum.catalog.CoursePackViews.PackView;
import io.lyceum.platform.BoundedList;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/tutors/me/course-packs")
@PreAuthorize("hasRole('TUTOR')")
@Tag(name = "Catalog: my course packs")
class TutorCoursePackController {

    private static final String IF_MATCH =
            " Optional If-Match with the ETag from GET: 412 `pack.version_mismatch` when " + "the pack changed since.";

    // a link (JSON) and a file (multipart) are added at one path: the API document shows them as one operation
    private static final String ADD_MATERIAL = "tutorCoursePackAddMaterial";
    private static final String ADD_MATERIAL_SUMMARY = "Add a material: a link (JSON) or a file (multipart)";
    private static final String ADD_MATERIAL_DESCRIPTION = "TUTOR only, own packs. The material goes last; titles are "
            + "unique per pack (409 `material.title_taken`). A link: JSON with kind LINK or VIDEO and an https `url`. "
            + "A file: multipart fields `kind` (FILE, DOCUMENT or VIDEO), `title`, optional `description`, and "
            + "`file`. The type is recognised from the content: FILE accepts PDF, PNG, JPEG, MP4, Word (.docx), ZIP "
            + "and plain text; DOCUMENT PDF, .docx and text; VIDEO MP4. Anything else is 422 "
            + "`material.unsupported_type`; a file over `lyceum.catalog.material-max-bytes` (20 MB) is 413 "
            + "`material.too_large`.";

    private final CoursePacks packs;

    TutorCoursePackController(CoursePacks packs) {
        this.packs = packs;
    }

    private static ResponseEntity<PackView> withEtag(HttpStatus status, CoursePackStore.PackRow pack) {
        return ResponseEntity.status(status)
                .eTag(CoursePackViews.etag(pack.version()))
                .body(PackView.of(pack));
    }

    @PostMapping
    @Operation(
            summary = "Create a course pack",
            description =
                    "TUTOR only. Starts unpublished. STRICT scheduling needs `fixedDates`: one future instant per "
                            + "lesson; FLEXIBLE takes none. Invalid input is 422 with errors[].")
    ResponseEntity<PackView> create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PackRequest body) {
        return withEtag(HttpStatus.CREATED, packs.create(user, body.fields()));
    }

    @GetMapping
    @Operation(summary = "My course packs", description = "TUTOR only. Paged, newest first, all states.")
    PageResponse<PackView> mine(@AuthenticationPrincipal CurrentUser user, PageQuery query) {
        return packs.mine(user, query.requireSortable(java.util.Set.of())).map(PackView::of);
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One of my course packs",
            description = "TUTOR only; another tutor's pack is 404. ETag = version.")
    ResponseEntity<PackView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return withEtag(HttpStatus.OK, packs.own(user, id));
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Replace a course pack's fields",
            description = "TUTOR only, own packs. A removed pack is 409 `pack.removed`." + IF_MATCH)
    ResponseEntity<PackView> update(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Valid @RequestBody PackRequest body,
            @Parameter(description = "ETag from GET") @RequestHeader(value = "If-Match", required = false) @Nullable
                    String ifMatch) {
        return withEtag(HttpStatus.OK, packs.update(user, id, body.fields(), CoursePackViews.version(ifMatch)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete a course pack",
            description = "TUTOR only, own packs. Deletes the pack, its materials and their files for good. A pack "
                    + "with active enrollments is 409 `pack.has_enrollments`." + IF_MATCH)
    void delete(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @Parameter(description = "ETag from GET") @RequestHeader(value = "If-Match", required = false) @Nullable
                    String ifMatch) {
        packs.delete(user, id, CoursePackViews.version(ifMatch));
    }

    @PostMapping("/{id}/publish")
    @Operation(
            summary = "Publish a course pack",
            description = "TUTOR only, own packs. The tutor's profile must be APPROVED (409 "
                    + "`pack.tutor_not_approved`); a removed pack is 409 `pack.removed`; a STRICT pack whose dates "
                    + "have passed is 409 `pack.dates_passed`." + IF_MATCH)
    ResponseEntity<PackView> publish(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        return withEtag(HttpStatus.OK, packs.publish(user, id, true, CoursePackViews.version(ifMatch)));
    }

    @PostMapping("/{id}/unpublish")
    @Operation(summary = "Unpublish a course pack", description = "TUTOR only, own packs." + IF_MATCH)
    ResponseEntity<PackView> unpublish(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestHeader(value = "If-Match", required = false) @Nullable String ifMatch) {
        return withEtag(HttpStatus.OK, packs.publish(user, id, false, CoursePackViews.version(ifMatch)));
    }

    // ---- materials

    @GetMapping("/{id}/materials")
    @Operation(summary = "Materials of my course pack", description = "TUTOR only, own packs. In order.")
    @BoundedList(CoursePacks.MAX_MATERIALS)
    List<MaterialView> materials(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        packs.own(user, id);
        return packs.materials(id).stream().map(MaterialView::of).toList();
    }

    @GetMapping("/{id}/materials/{materialId}")
    @Operation(summary = "One material of my course pack", description = "TUTOR only, own packs.")
    MaterialView material(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID materialId) {
        packs.own(user, id);
        return MaterialView.of(packs.material(id, materialId));
    }

    @PostMapping(value = "/{id}/materials", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = ADD_MATERIAL, summary = ADD_MATERIAL_SUMMARY, description = ADD_MATERIAL_DESCRIPTION)
    MaterialView addLink(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody LinkRequest body) {
        return MaterialView.of(packs.addLink(user, id, body.kind(), body.title(), body.description(), body.url()));
    }

    @PostMapping(value = "/{id}/materials", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = ADD_MATERIAL, summary = ADD_MATERIAL_SUMMARY, description = ADD_MATERIAL_DESCRIPTION)
    MaterialView upload(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable MaterialKind kind,
            @RequestParam(required = false) @Nullable String title,
            @RequestParam(required = false) @Nullable String description,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file) {
        var errors = new java.util.ArrayList<FieldError>();
        if (kind == null) {
            errors.add(new FieldError("kind", "is required"));
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            errors.add(new FieldError("title", "is required, at most 200 characters"));
        }
        if (description != null && description.length() > 2000) {
            errors.add(new FieldError("description", "must be at most 2000 characters"));
        }
        if (file == null || file.isEmpty()) {
            errors.add(new FieldError("file", "is required"));
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("request.validation_failed", "The upload is not valid.", errors);
        }
        // each of them was listed as an error above when absent
        MaterialKind checkedKind = Objects.requireNonNull(kind);
        String checkedTitle = Objects.requireNonNull(title);
        MultipartFile checkedFile = Objects.requireNonNull(file);
        try (InputStream content = checkedFile.getInputStream()) {
            return MaterialView.of(packs.upload(
                    user,
                    id,
                    checkedKind,
                    checkedTitle,
                    description,
                    checkedFile.getOriginalFilename(),
                    checkedFile.getSize(),
                    content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PutMapping("/{id}/materials/order")
    @Operation(
            summary = "Reorder materials",
            description = "TUTOR only, own packs. Body: every material id of the pack exactly once, in the new order "
                    + "(else 422 `material.invalid_order`). Answers the materials in order.")
    @BoundedList(CoursePacks.MAX_MATERIALS)
    List<MaterialView> reorder(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestBody @NotNull @Size(max = CoursePacks.MAX_MATERIALS) List<@NotNull UUID> ids) {
        return packs.reorder(user, id, ids).stream().map(MaterialView::of).toList();
    }

    @PutMapping("/{id}/materials/{materialId}")
    @Operation(
            summary = "Update a material",
            description = "TUTOR only, own packs. Title and description; `url` only for link materials (https).")
    MaterialView updateMaterial(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @PathVariable UUID materialId,
            @Valid @RequestBody MaterialUpdate body) {
        return MaterialView.of(
                packs.updateMaterial(user, id, materialId, body.title(), body.description(), body.url()));
    }

    @DeleteMapping("/{id}/materials/{materialId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a material", description = "TUTOR only, own packs. Deletes its file too.")
    void deleteMaterial(
            @AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID materialId) {
        packs.deleteMaterial(user, id, materialId);
    }
}
