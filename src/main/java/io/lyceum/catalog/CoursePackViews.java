package io.lyceum.catalog;

import io.lyceum.catalog.CoursePackStore.MaterialRow;
import io.lyceum.catalog.CoursePackStore.PackFields;
import io.lyceum.catalog.CoursePackStore.PackRow;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Request and response bodies of the course pack routes, and the ETag helpers. */
final class CoursePackViews {

    private CoursePackViews() {}

    record PackRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 5000) @Nullable String description,
            @NotNull UUID categoryId,
            @NotNull Level level,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "the whole course's price; amount 0..99,999,999 minor units")
            @NotNull
            Money price,

            @NotNull @Min(1) @Max(500) Integer numberOfLessons,
            @NotNull @Min(15) @Max(480) Integer lessonMinutes,
            @NotNull SchedulingType schedulingType,
            @Size(max = 500) @Nullable List<@NotNull Instant> fixedDates,
            @Nullable Boolean preliminaryMeetingRequired,
            @Min(1) @Max(3650) @Nullable Integer maxCompletionDays) {

        PackFields fields() {
            return new PackFields(
                    title,
                    description,
                    categoryId,
                    level,
                    price.amount(),
                    price.currencyCode(),
                    numberOfLessons,
                    lessonMinutes,
                    schedulingType,
                    fixedDates == null ? List.of() : fixedDates,
                    Boolean.TRUE.equals(preliminaryMeetingRequired),
                    maxCompletionDays);
        }
    }

    record PackView(
            UUID id,
            UUID tutorId,
            @Nullable String tutorName,
            String title,
            @Nullable String description,
            UUID categoryId,
            Level level,
            Money price,
            int numberOfLessons,
            int lessonMinutes,
            SchedulingType schedulingType,
            List<Instant> fixedDates,
            boolean preliminaryMeetingRequired,
            @Nullable Integer maxCompletionDays,
            boolean published,
            ModerationStatus moderationStatus,
            @Nullable String removalReason,
            @Nullable Instant removedAt,
            long version,
            Instant createdAt,
            Instant updatedAt) {

        static PackView of(PackRow p, @Nullable String tutorName) {
            return new PackView(
                    p.id(),
                    p.tutorId(),
                    tutorName,
                    p.title(),
                    p.description(),
                    p.categoryId(),
                    p.level(),
                    Money.of(p.priceAmount(), p.priceCurrency()),
                    p.numberOfLessons(),
                    p.lessonMinutes(),
                    p.schedulingType(),
                    p.fixedDates(),
                    p.preliminaryMeetingRequired(),
                    p.maxCompletionDays(),
                    p.published(),
                    p.moderationStatus(),
                    p.removalReason(),
                    p.removedAt(),
                    p.version(),
                    p.createdAt(),
                    p.updatedAt());
        }

        static PackView of(PackRow p) {
            return of(p, null);
        }
    }

    record LinkRequest(
            @NotNull MaterialKind kind,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 2000) @Nullable String description,
            @NotBlank @Size(max = 2000) String url) {}

    record MaterialUpdate(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 2000) @Nullable String description,
            @Size(max = 2000) @Nullable String url) {}

    record MaterialView(
            UUID id,
            UUID packId,
            MaterialKind kind,
            String title,
            @Nullable String description,
            @Nullable String url,
            @Nullable String contentUrl,
            @Nullable String contentType,
            @Nullable Long size,
            @Nullable String fileName,
            @Nullable String sha256,
            int position,
            Instant createdAt,
            Instant updatedAt) {

        static MaterialView of(MaterialRow m) {
            return new MaterialView(
                    m.id(),
                    m.packId(),
                    m.kind(),
                    m.title(),
                    m.description(),
                    m.url(),
                    m.storageKey() == null
                            ? null
                            : "/api/v1/course-packs/" + m.packId() + "/materials/" + m.id() + "/content",
                    m.contentType(),
                    m.sizeBytes(),
                    m.fileName(),
                    m.sha256(),
                    m.position(),
                    m.createdAt(),
                    m.updatedAt());
        }
    }

    record RemoveRequest(@NotBlank @Size(max = 2000) String reason) {}

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version in an If-Match header; null when there is none (or it is {@code *}). */
    static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LyceumException(
                    ErrorKind.BAD_REQUEST,
                    "request.invalid_parameter",
                    "If-Match must be the ETag of the course pack.",
                    List.of(new FieldError("If-Match", "must be an ETag such as \"3\"")));
        }
    }
}
