package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.CoursePackStore.MaterialRow;
import io.lyceum.catalog.CoursePackStore.PackFields;
import io.lyceum.catalog.CoursePackStore.PackRow;
import io.lyceum.platform.FileStorage;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TutorId;
import io.lyceum.tenancy.TenantContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Course packs and their materials: tutors' CRUD on their own packs, publication (approved tutors only), the public
 * catalog, admin removal, and the material access rule (owning tutor, admins, enrolled students; everyone else 404).
 * Enrollments belong to billing and are asked through the optional {@link CoursePackEnrollments} SPI.
 */
@Service
class CoursePacks {

    private static final Logger log = LoggerFactory.getLogger(CoursePacks.class);

    /**
     * The most materials one pack holds: its material lists answer whole (a tutor reorders them as one list), so
     * adding one more is refused rather than the list being paged.
     */
    static final int MAX_MATERIALS = 100;

    private final CoursePackStore store;
    private final TutorProfileStore profiles;
    private final ObjectProvider<CoursePackEnrollments> enrollments;
    private final FileStorage storage;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final CourseMaterialProperties properties;
    private final Clock clock;

    CoursePacks(
            CoursePackStore store,
            TutorProfileStore profiles,
            ObjectProvider<CoursePackEnrollments> enrollments,
            FileStorage storage,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            CourseMaterialProperties properties,
            Clock clock) {
        this.store = store;
        this.profiles = profiles;
        this.enrollments = enrollments;
        this.storage = storage;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    static LyceumException packNotFound() {
        return LyceumException.notFound("pack.not_found", "No such course pack.");
    }

    static LyceumException materialNotFound() {
        return LyceumException.notFound("material.not_found", "No such material.");
    }

    // ---- tutor's own packs

    PackRow create(CurrentUser tutor, PackFields fields) {
        PackFields checked = check(fields);
        UUID id = Ids.newId();
        return transactions.execute(status -> {
            store.insert(id, tutor.userId().value(), checked, clock.instant());
            return store.find(id).orElseThrow();
        });
    }

    PageResponse<PackRow> mine(CurrentUser tutor, PageQuery page) {
        return PageResponse.of(
                store.listOfTutor(tutor.userId().value(), page.size(), page.offset()),
                page,
                store.countOfTutor(tutor.userId().value()));
    }

    PackRow own(CurrentUser tutor, UUID id) {
        return store.find(id)
                .filter(p -> p.tutorId().equals(tutor.userId().value()))
                .orElseThrow(CoursePacks::packNotFound);
    }

    /** Locks the tutor's own pack and checks the expected version (from If-Match) when one was sent. */
    private PackRow lockOwn(CurrentUser tutor, UUID id, @Nullable Long expectedVersion) {
        PackRow pack = store.lock(id)
                .filter(p -> p.tutorId().equals(tutor.userId().value()))
                .orElseThrow(CoursePacks::packNotFound);
        if (expectedVersion != null && expectedVersion != pack.version()) {
            throw new LyceumException(
                    ErrorKind.PRECONDITION_FAILED,
                    "pack.version_mismatch",
                    "The course pack changed since you read it (now version " + pack.version() + ").");
        }
        return pack;
    }

    private static void requireActive(PackRow pack) {
        if (pack.moderationStatus() == ModerationStatus.REMOVED) {
            throw LyceumException.conflict("pack.removed", "An admin removed this course pack; it cannot be changed.");
        }
    }

    PackRow update(CurrentUser tutor, UUID id, PackFields fields, @Nullable Long expectedVersion) {
        PackFields checked = check(fields);
        return transactions.execute(status -> {
            requireActive(lockOwn(tutor, id, expectedVersion));
            store.update(id, checked, clock.instant());
            return store.find(id).orElseThrow();
        });
    }

    PackRow publish(CurrentUser tutor, UUID id, boolean published, @Nullable Long expectedVersion) {
        return transactions.execute(status -> {
            PackRow pack = lockOwn(tutor, id, expectedVersion);
            requireActive(pack);
            if (published && !profiles.isApproved(tutor.userId().value())) {
                throw LyceumException.conflict(
                        "pack.tutor_not_approved", "Only tutors with an approved profile may publish course packs.");
            }
            if (published
                    && pack.schedulingType() == SchedulingType.STRICT
                    && pack.fixedDates().stream().anyMatch(d -> !d.isAfter(clock.instant()))) {
                throw LyceumException.conflict(
                        "pack.dates_passed", "Some fixed dates have passed; update the dates before publishing.");
            }
            if (pack.published() != published) {
                store.setPublished(id, published, clock.instant());
            }
            return store.find(id).orElseThrow();
        });
    }

    void delete(CurrentUser tutor, UUID id, @Nullable Long expectedVersion) {
        List<String> keys = transactions.execute(status -> {
            lockOwn(tutor, id, expectedVersion);
            if (hasActiveEnrollments(id)) {
                throw LyceumException.conflict(
                        "pack.has_enrollments", "Students are enrolled in this course pack; it cannot be deleted.");
            }
            List<String> storageKeys = store.materials(id).stream()
                    .map(MaterialRow::storageKey)
                    .filter(k -> k != null)
                    .toList();
            store.delete(id);
            return storageKeys;
        });
        keys.forEach(this::deleteQuietly);
    }

    private boolean hasActiveEnrollments(UUID packId) {
        CoursePackEnrollments spi = enrollments.getIfAvailable();
        return spi != null && spi.hasActiveEnrollments(packId);
    }

    // ---- public catalog

    PageResponse<PackRow> publicList(
            @Nullable UUID categoryId, @Nullable Level level, @Nullable UUID tutorId, PageQuery page) {
        return PageResponse.of(
                store.listPublic(categoryId, level, tutorId, page.size(), page.offset()),
                page,
                store.countPublic(categoryId, level, tutorId));
    }

    PackRow publicPack(UUID id) {
        return store.findPublic(id).orElseThrow(CoursePacks::packNotFound);
    }

    // ---- admin

    PackRow any(UUID id) {
        return store.find(id).orElseThrow(CoursePacks::packNotFound);
    }

    PackRow remove(CurrentUser admin, UUID id, String reason) {
        return transactions.execute(status -> {
            PackRow pack = store.lock(id).orElseThrow(CoursePacks::packNotFound);
            if (pack.moderationStatus() == ModerationStatus.REMOVED) {
                throw LyceumException.conflict("pack.already_removed", "This course pack was already removed.");
            }
            Instant now = clock.instant();
            store.markRemoved(id, reason.trim(), admin.userId().value(), now);
            events.publishEvent(new CoursePackRemoved(
                    CoursePackId.of(id),
                    TenantContext.require(),
                    TutorId.of(pack.tutorId()),
                    reason.trim(),
                    admin.userId().value(),
                    now));
            events.publishEvent(io.lyceum.platform.AdministrativeAction.of(
                    TenantContext.require().value(),
                    admin.userId().value(),
                    "COURSE_PACK_REMOVED",
                    "COURSE_PACK",
                    id,
                    java.util.Map.of("moderationStatus", pack.moderationStatus().name()),
                    java.util.Map.of(
                            "moderationStatus",
                            ModerationStatus.REMOVED.name(),
                            "tutorId",
                            pack.tutorId().toString()),
                    reason.trim(),
                    now));
            return store.find(id).orElseThrow();
        });
    }

    // ---- materials

    /** The pack if the caller may read its materials: the owning tutor, an admin, or an enrolled student. */
    PackRow readablePack(CurrentUser reader, UUID packId) {
        PackRow pack = store.find(packId).orElseThrow(CoursePacks::packNotFound);
        if (pack.tutorId().equals(reader.userId().value()) || reader.isStaff()) {
            return pack;
        }
        CoursePackEnrollments spi = enrollments.getIfAvailable();
        if (spi != null && spi.isEnrolled(packId, reader.userId().value())) {
            return pack;
        }
        throw packNotFound();
    }

    List<MaterialRow> materials(UUID packId) {
        return store.materials(packId);
    }

    MaterialRow material(UUID packId, UUID materialId) {
        return store.material(packId, materialId).orElseThrow(CoursePacks::materialNotFound);
    }

    Optional<FileStorage.StoredContent> open(MaterialRow material) {
        if (material.storageKey() == null) {
            return Optional.empty();
        }
        var content = storage.get(material.storageKey());
        if (content.isEmpty()) {
            log.warn("Material {} is missing from file storage", material.id());
        }
        return content;
    }

    /** Adds a link (LINK, or VIDEO by URL). */
    MaterialRow addLink(
            CurrentUser tutor, UUID packId, MaterialKind kind, String title, @Nullable String description, String url) {
        if (kind != MaterialKind.LINK && kind != MaterialKind.VIDEO) {
            throw LyceumException.invalid(
                    "material.invalid",
                    "FILE and DOCUMENT materials are uploaded as multipart/form-data.",
                    List.of(new FieldError("kind", "must be LINK or VIDEO for a URL")));
        }
        String checkedUrl = checkUrl(url);
        own(tutor, packId);
        Instant now = clock.instant();
        MaterialRow row = new MaterialRow(
                Ids.newId(),
                packId,
                kind,
                title.trim(),
                blankToNull(description),
                checkedUrl,
                null,
                null,
                null,
                null,
                null,
                0,
                now,
                now);
        return insert(tutor, row);
    }

    /** Adds a link into this application (another module's page, such as a course), by its site path. */
    MaterialRow addSiteLink(
            CurrentUser tutor, UUID packId, String title, @Nullable String description, String sitePath) {
        if (sitePath == null || !sitePath.matches("/[A-Za-z0-9/_-]{1,500}")) {
            throw LyceumException.invalid(
                    "material.invalid",
                    "A site link is a path such as /courses/{id}/learn.",
                    List.of(new FieldError("url", "must be a site path")));
        }
        own(tutor, packId);
        Instant now = clock.instant();
        String shortTitle = title.length() > 200 ? title.substring(0, 200) : title;
        MaterialRow row = new MaterialRow(
                Ids.newId(),
                packId,
                MaterialKind.LINK,
                shortTitle.trim(),
                blankToNull(description),
                sitePath,
                null,
                null,
                null,
                null,
                null,
                0,
                now,
                now);
        return insert(tutor, row);
    }

    /** Uploads a file (FILE, DOCUMENT, or VIDEO as MP4); {@code declaredSize} is the upload's size or -1. */
    MaterialRow upload(
            CurrentUser tutor,
            UUID packId,
            MaterialKind kind,
            String title,
            @Nullable String description,
            @Nullable String fileName,
            long declaredSize,
            InputStream content) {
        if (kind == MaterialKind.LINK) {
            throw LyceumException.invalid(
                    "material.invalid",
                    "A LINK material has a url, not a file.",
                    List.of(new FieldError("kind", "must be FILE, DOCUMENT or VIDEO for an upload")));
        }
        own(tutor, packId);
        requireRoomForMaterial(packId); // before storing the file; checked again under the pack's lock
        long max = properties.materialMaxBytes();
        if (declaredSize > max) {
            throw tooLarge(max);
        }
        byte[] head;
        try {
            head = content.readNBytes(MaterialFormat.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean complete = head.length < MaterialFormat.HEAD_BYTES;
        if (head.length > max) {
            throw tooLarge(max);
        }
        MaterialFormat format = MaterialFormat.detect(head, complete)
                .filter(f -> f.allowedFor(kind))
                .orElseThrow(() -> LyceumException.invalid(
                        "material.unsupported_type",
                        "This file type is not accepted for a " + kind + " material.",
                        List.of(new FieldError("file", allowedTypes(kind)))));
        UUID id = Ids.newId();
        String key =
                "materials/" + TenantContext.require().value() + "/" + packId + "/" + id + "." + format.extension();
        InputStream whole = new LimitedInputStream(
                new SequenceInputStream(new ByteArrayInputStream(head), content), max, () -> tooLarge(max));
        FileStorage.StoredObject stored;
        try {
            stored = storage.put(key, whole, format.contentType());
        } catch (RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
        Instant now = clock.instant();
        MaterialRow row = new MaterialRow(
                id,
                packId,
                kind,
                title.trim(),
                blankToNull(description),
                null,
                key,
                format.contentType(),
                stored.size(),
                stored.sha256(),
                safeFileName(fileName, format),
                0,
                now,
                now);
        try {
            return insert(tutor, row);
        } catch (RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
    }

    private static String allowedTypes(MaterialKind kind) {
        return switch (kind) {
            case VIDEO -> "must be an MP4 video";
            case DOCUMENT -> "must be a PDF, Word (.docx) or plain text document";
            default -> "must be a PDF, PNG, JPEG, MP4, Word (.docx), ZIP or plain text file";
        };
    }

    private MaterialRow insert(CurrentUser tutor, MaterialRow row) {
        try {
            return transactions.execute(status -> {
                requireActive(lockOwn(tutor, row.packId(), null));
                // counted under the pack's row lock, so parallel additions cannot pass the limit together
                requireRoomForMaterial(row.packId());
                store.insertMaterial(row);
                store.touch(row.packId(), row.createdAt());
                return store.material(row.packId(), row.id()).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            throw titleTaken();
        }
    }

    MaterialRow updateMaterial(
            CurrentUser tutor,
            UUID packId,
            UUID materialId,
            String title,
            @Nullable String description,
            @Nullable String url) {
        try {
            return transactions.execute(status -> {
                requireActive(lockOwn(tutor, packId, null));
                MaterialRow material = material(packId, materialId);
                String newUrl = material.url();
                if (material.storageKey() == null) {
                    newUrl = url == null ? material.url() : checkUrl(url);
                } else if (url != null) {
                    throw LyceumException.invalid(
                            "material.invalid",
                            "An uploaded material has no url; delete it and add a link instead.",
                            List.of(new FieldError("url", "must be absent for an uploaded file")));
                }
                store.updateMaterial(materialId, title.trim(), blankToNull(description), newUrl, clock.instant());
                store.touch(packId, clock.instant());
                return material(packId, materialId);
            });
        } catch (DuplicateKeyException e) {
            throw titleTaken();
        }
    }

    void deleteMaterial(CurrentUser tutor, UUID packId, UUID materialId) {
        Optional<String> key = transactions.execute(status -> {
            lockOwn(tutor, packId, null);
            MaterialRow material = material(packId, materialId);
            store.deleteMaterial(materialId);
            store.touch(packId, clock.instant());
            return Optional.ofNullable(material.storageKey());
        });
        key.ifPresent(this::deleteQuietly);
    }

    List<MaterialRow> reorder(CurrentUser tutor, UUID packId, List<UUID> ids) {
        return transactions.execute(status -> {
            lockOwn(tutor, packId, null);
            List<MaterialRow> current = store.materials(packId);
            var expected = new HashSet<UUID>();
            current.forEach(m -> expected.add(m.id()));
            if (ids.size() != current.size() || !expected.equals(new HashSet<>(ids))) {
                throw LyceumException.invalid(
                        "material.invalid_order",
                        "Send every material id of the pack exactly once, in the new order.",
                        List.of(new FieldError(
                                "ids", "must list each of the pack's " + current.size() + " materials exactly once")));
            }
            for (int i = 0; i < ids.size(); i++) {
                store.setPosition(ids.get(i), i + 1);
            }
            store.touch(packId, clock.instant());
            return store.materials(packId);
        });
    }

    // ---- checks

    /** The payment provider's largest single charge, in minor units (Stripe: 99,999,999). */
    static final long MAX_PRICE = 99_999_999;

    private PackFields check(PackFields f) {
        var errors = new ArrayList<FieldError>();
        try {
            io.lyceum.shared.Money.currency(f.priceCurrency());
        } catch (LyceumException e) {
            errors.add(new FieldError("price.currency", "must be an ISO 4217 currency code"));
        }
        if (f.priceAmount() < 0 || f.priceAmount() > MAX_PRICE) {
            errors.add(new FieldError("price.amount", "must be between 0 and " + MAX_PRICE));
        }
        if (!store.categoryExists(f.categoryId())) {
            errors.add(new FieldError("categoryId", "no such category"));
        }
        List<Instant> dates = f.fixedDates();
        if (f.schedulingType() == SchedulingType.STRICT) {
            Instant now = clock.instant();
            if (dates.isEmpty()) {
                errors.add(new FieldError("fixedDates", "are required for STRICT scheduling"));
            } else if (dates.size() != f.numberOfLessons()) {
                errors.add(new FieldError("fixedDates", "must list one date per lesson (" + f.numberOfLessons() + ")"));
            }
            if (dates.stream().anyMatch(d -> !d.isAfter(now))) {
                errors.add(new FieldError("fixedDates", "must be in the future"));
            }
            if (new HashSet<>(dates).size() != dates.size()) {
                errors.add(new FieldError("fixedDates", "must not repeat a date"));
            }
        } else if (!dates.isEmpty()) {
            errors.add(new FieldError("fixedDates", "are only allowed with STRICT scheduling"));
        }
        if (!errors.isEmpty()) {
            throw LyceumException.invalid("pack.invalid", "The course pack is not valid.", errors);
        }
        return new PackFields(
                f.title().trim(),
                blankToNull(f.description()),
                f.categoryId(),
                f.level(),
                f.priceAmount(),
                f.priceCurrency(),
                f.numberOfLessons(),
                f.lessonMinutes(),
                f.schedulingType(),
                dates.stream().sorted().toList(),
                f.preliminaryMeetingRequired(),
                f.maxCompletionDays());
    }

    private static String checkUrl(String url) {
        FieldError error = new FieldError("url", "must be an absolute https URL");
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw LyceumException.invalid("material.invalid", "A link needs an https URL.", List.of(error));
        }
        try {
            URI uri = new URI(url.trim());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw LyceumException.invalid("material.invalid", "A link needs an https URL.", List.of(error));
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw LyceumException.invalid("material.invalid", "A link needs an https URL.", List.of(error));
        }
    }

    private static String safeFileName(@Nullable String fileName, MaterialFormat format) {
        String base = fileName == null ? "" : fileName.replaceAll(".*[/\\\\]", "");
        base = base.replaceAll("[^A-Za-z0-9._ -]", "_").trim();
        if (base.length() > 120) {
            base = base.substring(0, 120);
        }
        if (base.isEmpty() || base.startsWith(".")) {
            base = "material";
        }
        String extension = "." + format.extension();
        return base.toLowerCase(Locale.ROOT).endsWith(extension) ? base : base + extension;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private void requireRoomForMaterial(UUID packId) {
        if (store.materialCount(packId) >= MAX_MATERIALS) {
            throw LyceumException.conflict(
                    "material.limit_reached", "A course pack holds at most " + MAX_MATERIALS + " materials.");
        }
    }

    private static LyceumException titleTaken() {
        return LyceumException.conflict("material.title_taken", "This pack already has a material with this title.");
    }

    private static LyceumException tooLarge(long max) {
        String limit = max % (1024 * 1024) == 0 ? (max / (1024 * 1024)) + " MB" : max + " bytes";
        return new LyceumException(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "material.too_large",
                "A material file may be at most " + limit + ".",
                List.of(new FieldError("file", "must be at most " + limit)));
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            log.warn("Could not delete material file {}: {}", key, e.getMessage());
        }
    }

    /** Fails with the given error once more than {@code max} bytes were read. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {

        private final long max;
        private final java.util.function.Supplier<LyceumException> error;
        private long count;

        LimitedInputStream(InputStream in, long max, java.util.function.Supplier<LyceumException> error) {
            super(in);
            this.max = max;
            this.error = error;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw error.get();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (count += n) > max) {
                throw error.get();
            }
            return n;
        }
    }
}
