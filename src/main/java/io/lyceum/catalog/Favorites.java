package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.TutorSummaries.TutorSummary;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Students' and guardians' favorite tutors. Only APPROVED tutors can be added or are listed. */
@Service
class Favorites {

    record FavoriteView(UUID tutorId, Instant favoritedAt, TutorSummary tutor) {}

    /** The result of adding: the favorite and whether it was new. */
    record Added(FavoriteView favorite, boolean created) {}

    private final FavoriteStore store;
    private final TutorProfiles profiles;
    private final TutorSummaries summaries;
    private final Clock clock;

    Favorites(FavoriteStore store, TutorProfiles profiles, TutorSummaries summaries, Clock clock) {
        this.store = store;
        this.profiles = profiles;
        this.summaries = summaries;
        this.clock = clock;
    }

    @Transactional
    Added add(CurrentUser user, UUID tutorId) {
        var profile = profiles.publicProfile(tutorId); // 404 unless APPROVED in this tenant
        boolean created = store.add(user.userId().value(), tutorId, clock.instant());
        var favorite = store.findVisible(user.userId().value(), tutorId).orElseThrow(Favorites::notFound);
        return new Added(new FavoriteView(tutorId, favorite.createdAt(), summaries.of(profile)), created);
    }

    @Transactional(readOnly = true)
    FavoriteView get(CurrentUser user, UUID tutorId) {
        var favorite = store.findVisible(user.userId().value(), tutorId).orElseThrow(Favorites::notFound);
        return new FavoriteView(tutorId, favorite.createdAt(), summaries.of(profiles.publicProfile(tutorId)));
    }

    @Transactional(readOnly = true)
    PageResponse<FavoriteView> list(CurrentUser user, PageQuery page) {
        return store.list(user.userId().value(), page)
                .map(f -> new FavoriteView(
                        f.tutorId(), f.createdAt(), summaries.of(profiles.publicProfile(f.tutorId()))));
    }

    @Transactional
    void remove(CurrentUser user, UUID tutorId) {
        if (!store.remove(user.userId().value(), tutorId)) {
            throw notFound();
        }
    }

    private static LyceumException notFound() {
        return LyceumException.notFound("favorite.not_found", "This tutor is not among your favorites.");
    }
}
