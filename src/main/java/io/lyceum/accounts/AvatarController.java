package io.lyceum.accounts;

import io.lyceum.platform.ImageFormat;
import io.lyceum.shared.ETags;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Profile")
class AvatarController {

    static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final AvatarService avatars;

    AvatarController(AvatarService avatars) {
        this.avatars = avatars;
    }

    record AvatarView(UUID id, String url, String contentType, long size, Instant updatedAt) {

        static AvatarView of(Avatar avatar) {
            return new AvatarView(
                    avatar.id(),
                    "/api/v1/users/" + avatar.userId() + "/avatar",
                    avatar.contentType(),
                    avatar.sizeBytes(),
                    avatar.createdAt());
        }
    }

    @PutMapping(value = "/me/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Upload or replace own avatar",
            description = "Any signed-in user. Multipart field `file`: a PNG, JPEG, WebP or GIF image of at most 5 MB. "
                    + "The type is recognised from the content, not the file name or declared type: anything else is "
                    + "422 `avatar.unsupported_type`; a larger file is 413 `avatar.too_large`. The previous avatar is "
                    + "deleted.")
    AvatarView upload(
            @AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "file", required = false) MultipartFile file) {
        if (file == null) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Send the image in the multipart field 'file'.",
                    List.of(new FieldError("file", "is required")));
        }
        try (InputStream content = file.getInputStream()) {
            return AvatarView.of(avatars.upload(user, file.getSize(), content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/{id}/avatar")
    @Operation(
            summary = "A user's avatar image",
            description = "Public within the tenant (no sign-in needed). Answers with the image's detected content "
                    + "type, an `ETag` (send `If-None-Match` for a 304) and `Cache-Control`. 404 `avatar.not_found` "
                    + "when the user has none, or is not a user of this tenant.")
    ResponseEntity<Resource> avatar(@PathVariable UUID id, HttpServletRequest request) {
        Avatar avatar = avatars.avatarOf(id).orElseThrow(AvatarController::notFound);
        if (ETags.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), avatar.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(avatar.etag())
                    .cacheControl(CACHE)
                    .varyBy("X-Tenant")
                    .build();
        }
        var content = avatars.open(avatar).orElseThrow(AvatarController::notFound);
        String extension = ImageFormat.ofContentType(avatar.contentType())
                .map(ImageFormat::extension)
                .orElse("img");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(avatar.contentType()))
                .contentLength(content.size())
                .eTag(avatar.etag())
                .cacheControl(CACHE)
                .varyBy("X-Tenant")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename("avatar." + extension)
                                .build()
                                .toString())
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(content.stream()));
    }

    @DeleteMapping("/me/avatar")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Remove own avatar",
            description = "Any signed-in user. Deletes the image; succeeds also when there is none.")
    void delete(@AuthenticationPrincipal CurrentUser user) {
        avatars.remove(user);
    }

    private static LyceumException notFound() {
        return LyceumException.notFound("avatar.not_found", "This user has no avatar.");
    }
}
