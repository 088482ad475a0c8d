package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.TutorPhotoStore.Photo;
import io.lyceum.platform.BoundedRead;
import io.lyceum.platform.FileStorage;
import io.lyceum.platform.ImageFormat;
import io.lyceum.platform.ImageSanitizer;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenantContext;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tutors' profile photos (the photo section). The image goes to {@link FileStorage} under a key we generate, the
 * metadata to {@code tutor_photos}; a new photo replaces the old one, whose file is deleted after the commit. The
 * photo is not a material section: it is public at once, for APPROVED tutors only.
 */
@Service
class TutorPhotos {

    static final long MAX_BYTES = 5L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(TutorPhotos.class);

    private final TutorPhotoStore photos;
    private final TutorProfiles profiles;
    private final FileStorage storage;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TutorPhotos(
            TutorPhotoStore photos,
            TutorProfiles profiles,
            FileStorage storage,
            TransactionTemplate transactions,
            Clock clock) {
        this.photos = photos;
        this.profiles = profiles;
        this.storage = storage;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Stores a new photo for the calling tutor; {@code declaredSize} is the upload's size when known, else -1. */
    Photo upload(CurrentUser tutor, long declaredSize, InputStream content) {
        byte[] bytes = BoundedRead.readAtMost(content, declaredSize, MAX_BYTES, TutorPhotos::tooLarge);
        ImageFormat format = ImageFormat.detect(bytes)
                .filter(detected -> detected != ImageFormat.GIF) // photos are stills: no GIF
                .orElseThrow(() -> LyceumException.invalid(
                        "photo.unsupported_type",
                        "The file is not a PNG, JPEG or WebP image.",
                        List.of(new FieldError("file", "must be a PNG, JPEG or WebP image"))));
        // dimensions checked before decoding; re-encoded so no metadata (EXIF GPS positions) is published
        bytes = ImageSanitizer.clean(bytes, format);
        UUID id = Ids.newId();
        String key = "tutor-photos/" + TenantContext.require().value() + "/" + id + "." + format.extension();
        var stored = storage.put(key, bytes, format.contentType());
        Photo photo = new Photo(
                id, tutor.userId().value(), key, format.contentType(), stored.size(), stored.sha256(), clock.instant());
        Optional<Photo> previous;
        try {
            previous = transactions.execute(status -> {
                photos.lockTutor(tutor.userId().value());
                return photos.replace(photo);
            });
        } catch (RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
        previous.ifPresent(old -> deleteQuietly(old.storageKey()));
        return photo;
    }

    /** Removes the calling tutor's photo; nothing happens when there is none. */
    void remove(CurrentUser tutor) {
        Optional<String> key = transactions.execute(status -> {
            photos.lockTutor(tutor.userId().value());
            return photos.delete(tutor.userId().value());
        });
        key.ifPresent(this::deleteQuietly);
    }

    /** The photo of an APPROVED tutor of the current tenant; 404 for anyone else. */
    Photo publicPhoto(UUID tutorId) {
        profiles.publicProfile(tutorId);
        return photos.find(tutorId).orElseThrow(TutorPhotos::notFound);
    }

    FileStorage.StoredContent open(Photo photo) {
        return storage.get(photo.storageKey()).orElseThrow(() -> {
            log.warn("Photo {} of tutor {} is missing from file storage", photo.id(), photo.tutorId());
            return notFound();
        });
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            log.warn("Could not delete tutor photo file {}: {}", key, e.getMessage());
        }
    }

    static LyceumException notFound() {
        return LyceumException.notFound("photo.not_found", "This tutor has no photo.");
    }

    private static LyceumException tooLarge() {
        return new LyceumException(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "photo.too_large",
                "A photo may be at most 5 MB.",
                List.of(new FieldError("file", "must be at most 5 MB")));
    }
}
