package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.TutorPhotoStore.Photo;
import io.lyceum.shared.ETags;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/tutors")
@Tag(name = "Catalog: tutor photo")
class TutorPhotoController {

    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final TutorPhotos photos;

    TutorPhotoController(TutorPhotos photos) {
        this.photos = photos;
    }

    record PhotoView(UUID id, String url, String contentType, long size, Instant updatedAt) {

        static PhotoView of(Photo photo) {
            return new PhotoView(
                    photo.id(),
                    TutorSummaries.photoUrl(photo.tutorId()),
                    photo.contentType(),
                    photo.sizeBytes(),
                    photo.createdAt());
        }
    }

    @PutMapping(value = "/me/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('TUTOR')")
    @Operation(
            summary = "Upload or replace my profile photo",
            description = "TUTOR only. Multipart field `file`: a PNG, JPEG or WebP image of at most 5 MB, recognised "
                    + "by its content (else 422 `photo.unsupported_type`; larger is 413 `photo.too_large`). Not a "
                    + "material section: once the profile is APPROVED the photo is public at once.")
    PhotoView upload(
            @AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file) {
        if (file == null) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Send the image in the multipart field 'file'.",
                    List.of(new FieldError("file", "is required")));
        }
        try (InputStream content = file.getInputStream()) {
            return PhotoView.of(photos.upload(user, file.getSize(), content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DeleteMapping("/me/photo")
    @PreAuthorize("hasRole('TUTOR')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove my profile photo", description = "TUTOR only. Succeeds also when there is none.")
    void delete(@AuthenticationPrincipal CurrentUser user) {
        photos.remove(user);
    }

    @GetMapping("/{id}/photo")
    @Operation(
            summary = "A tutor's profile photo",
            description = "Public. The image of an APPROVED tutor with its detected content type, an `ETag` (send "
                    + "`If-None-Match` for a 304) and `Cache-Control: public, max-age=300`. 404 `tutor.not_found` "
                    + "unless the tutor is APPROVED, 404 `photo.not_found` when there is no photo.")
    ResponseEntity<Resource> photo(
            @PathVariable UUID id,
            @RequestHeader(value = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
        Photo photo = photos.publicPhoto(id);
        if (ETags.matches(ifNoneMatch, photo.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(photo.etag())
                    .cacheControl(CACHE)
                    .varyBy("X-Tenant")
                    .build();
        }
        var content = photos.open(photo);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .contentLength(content.size())
                .eTag(photo.etag())
                .cacheControl(CACHE)
                .varyBy("X-Tenant")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(content.stream()));
    }
}
