package io.lyceum.accounts;

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
 * Users' avatars. The image goes to {@link FileStorage} under a key we generate, the metadata to the database; a new
 * avatar replaces the old one, whose file is deleted once the replacement is committed. Changes of one user's avatar
 * are serialised on the user's row, so parallel uploads leave exactly one image behind.
 */
@Service
class AvatarService {

    static final long MAX_BYTES = 5L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(AvatarService.class);

    private final AvatarStore avatars;
    private final UserStore users;
    private final FileStorage storage;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AvatarService(
            AvatarStore avatars, UserStore users, FileStorage storage, TransactionTemplate transactions, Clock clock) {
        this.avatars = avatars;
        this.users = users;
        this.storage = storage;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Stores a new avatar for the caller; {@code declaredSize} is the upload's size when known, else -1. */
    Avatar upload(CurrentUser current, long declaredSize, InputStream content) {
        byte[] bytes = BoundedRead.readAtMost(content, declaredSize, MAX_BYTES, AvatarService::tooLarge);
        ImageFormat format = ImageFormat.detect(bytes)
                .orElseThrow(() -> LyceumException.invalid(
                        "avatar.unsupported_type",
                        "The file is not a PNG, JPEG, WebP or GIF image.",
                        List.of(new FieldError("file", "must be a PNG, JPEG, WebP or GIF image"))));
        // dimensions checked before decoding; re-encoded so no metadata (EXIF GPS positions) is published
        bytes = ImageSanitizer.clean(bytes, format);
        UUID id = Ids.newId();
        String key = "avatars/" + TenantContext.require().value() + "/" + id + "." + format.extension();
        var stored = storage.put(key, bytes, format.contentType());
        Avatar avatar = new Avatar(
                id,
                current.userId().value(),
                key,
                format.contentType(),
                stored.size(),
                stored.sha256(),
                clock.instant());
        Optional<Avatar> previous;
        try {
            previous = transactions.execute(status -> {
                avatars.lockUser(current.userId().value())
                        .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
                return avatars.replace(avatar);
            });
        } catch (RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
        previous.ifPresent(old -> deleteQuietly(old.storageKey()));
        return avatar;
    }

    /** The avatar of a user of the current tenant, if they have one and their account is in use. */
    Optional<Avatar> avatarOf(UUID userId) {
        return users.findById(userId)
                .filter(user -> user.status() != UserStatus.ARCHIVED && user.status() != UserStatus.DELETED)
                .flatMap(user -> avatars.find(userId));
    }

    Optional<FileStorage.StoredContent> open(Avatar avatar) {
        var content = storage.get(avatar.storageKey());
        if (content.isEmpty()) {
            log.warn("Avatar {} of user {} is missing from file storage", avatar.id(), avatar.userId());
        }
        return content;
    }

    /** Removes the caller's avatar; nothing happens when there is none. */
    void remove(CurrentUser current) {
        Optional<String> key = transactions.execute(status -> {
            avatars.lockUser(current.userId().value());
            return avatars.delete(current.userId().value());
        });
        key.ifPresent(this::deleteQuietly);
    }

    /** Deletes a stored image; a failure leaves an orphaned file, which is logged but does not fail the caller. */
    void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (RuntimeException e) {
            log.warn("Could not delete avatar file {}: {}", key, e.getMessage());
        }
    }

    private static LyceumException tooLarge() {
        return new LyceumException(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "avatar.too_large",
                "An avatar may be at most 5 MB.",
                List.of(new FieldError("file", "must be at most 5 MB")));
    }
}
