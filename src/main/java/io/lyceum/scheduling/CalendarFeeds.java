package io.lyceum.scheduling;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.UserSummary;
import io.lyceum.scheduling.CalendarFeedStore.Feed;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Secret iCalendar feed addresses: one live token per user, 256 random bits, stored only as its SHA-256. The token
 * alone finds its tenant (through a directory of hashes) and its user, so calendar clients need no credentials. The
 * address is shown once, when the token is issued; rotating issues a new one and kills the old.
 */
@Service
class CalendarFeeds {

    static final String PATH = "/api/v1/calendar/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final CalendarFeedStore store;
    private final AccountsApi accounts;
    private final CalendarProperties properties;
    private final RoomsProperties rooms;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CalendarFeeds(
            CalendarFeedStore store,
            AccountsApi accounts,
            CalendarProperties properties,
            RoomsProperties rooms,
            TransactionTemplate transactions,
            Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.properties = properties;
        this.rooms = rooms;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param url the feed's address: only in the answer that issued the token, null afterwards
     * @param createdAt when the live token was issued
     * @param lastUsedAt when a calendar last fetched it (to the hour)
     */
    record FeedView(
            @Nullable String url,
            Instant createdAt,
            @Nullable Instant lastUsedAt) {}

    /** The user's feed, issuing a token when there is no live one. */
    FeedView show(CurrentUser user, String baseUrl) {
        Optional<Feed> live =
                transactions.execute(status -> store.liveOf(user.userId().value()));
        if (live != null && live.isPresent()) {
            return new FeedView(null, live.get().createdAt(), live.get().lastUsedAt());
        }
        try {
            return transactions.execute(status -> issue(user.userId().value(), baseUrl));
        } catch (DuplicateKeyException e) {
            // a concurrent request issued one first
            Feed feed = transactions
                    .execute(status -> store.liveOf(user.userId().value()))
                    .orElseThrow(() -> e);
            return new FeedView(null, feed.createdAt(), feed.lastUsedAt());
        }
    }

    FeedView rotate(CurrentUser user, String baseUrl) {
        return transactions.execute(status -> {
            store.revoke(user.userId().value(), clock.instant());
            return issue(user.userId().value(), baseUrl);
        });
    }

    /** Revokes the user's feed; true when there was a live one. */
    boolean revoke(CurrentUser user) {
        return Boolean.TRUE.equals(
                transactions.execute(status -> store.revoke(user.userId().value(), clock.instant())));
    }

    private FeedView issue(UUID userId, String baseUrl) {
        String token = SecretTokens.feedToken();
        Instant now = clock.instant();
        store.insert(Ids.newId(), userId, SecretTokens.sha256Hex(token), now);
        String base = properties.publicBaseUrl() != null ? properties.publicBaseUrl() : baseUrl;
        return new FeedView(base + PATH + token + ".ics", now, null);
    }

    /** The iCalendar text of the feed a token opens; 404 {@code calendar.feed_not_found} for a bad or dead token. */
    String render(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw notFound();
        }
        String hash = SecretTokens.sha256Hex(token);
        TenantId tenant = store.tenantOf(hash).orElseThrow(CalendarFeeds::notFound);
        return TenantContext.callAs(
                tenant,
                () -> transactions.execute(status -> {
                    Feed feed = store.liveByHash(hash).orElseThrow(CalendarFeeds::notFound);
                    var texts = new LessonTexts(accounts, rooms.launchLeadTime()).forReader(feed.userId());
                    if (texts.user(feed.userId()).filter(UserSummary::active).isEmpty()) {
                        throw notFound(); // a suspended or archived account's feed goes quiet
                    }
                    Instant now = clock.instant();
                    store.touch(feed.id(), now);
                    var lessons = store
                            .bookingsOf(
                                    feed.userId(),
                                    now.minus(Duration.ofDays(properties.pastDays())),
                                    properties.maxEvents())
                            .stream()
                            .map(b -> texts.lesson(b, feed.userId(), false))
                            .toList();
                    var meetings = store
                            .meetingsOf(
                                    feed.userId(),
                                    now.minus(Duration.ofDays(properties.pastDays())),
                                    properties.maxEvents())
                            .stream()
                            .map(m -> texts.meeting(m, feed.userId()))
                            .toList();
                    return CalendarDocuments.feed("Lyceum lessons", lessons, meetings, now);
                }));
    }

    private static LyceumException notFound() {
        return LyceumException.notFound("calendar.feed_not_found", "No such calendar feed.");
    }
}
