package io.lyceum.scheduling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lyceum.catalog.LessonQuote;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The serialised answers of the available-slots route, reused while nothing they depend on changes (issue 15). The key
 * is the whole query as read from the database ({@link AvailableSlots.Found}: the schedule with its version, windows
 * and overrides, the busy intervals, the grid-rounded bounds) and the quote, so a booking, a schedule change or a new
 * price gives a new key and never a stale answer; building and serialising some 600 slots is most of the route's
 * work otherwise. The ETag is a digest of the answer's bytes, for If-None-Match. Bounded by the answers' total size.
 */
@Component
class SlotAnswers {

    private static final long MAX_BYTES = 16L * 1024 * 1024;

    /** The JSON of one answer and its strong ETag. */
    record Answer(byte[] json, String etag) {}

    private record Key(AvailableSlots.Found found, @Nullable LessonQuote quote) {}

    private final Cache<Key, Answer> answers = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .<Key, Answer>weigher((key, answer) -> answer.json().length)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private final JsonMapper json;

    SlotAnswers(JsonMapper json) {
        this.json = json;
    }

    /** The answer to the query, built by {@code body} only when no equal query was answered before. */
    Answer answer(AvailableSlots.Found found, @Nullable LessonQuote quote, Supplier<Object> body) {
        return answers.get(new Key(found, quote), key -> {
            byte[] bytes = json.writeValueAsBytes(body.get());
            return new Answer(bytes, etag(bytes));
        });
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
