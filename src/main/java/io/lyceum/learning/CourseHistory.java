package io.lyceum.learning;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.learning.CourseStore.ContentRow;
import io.lyceum.learning.CourseStore.CourseRow;
import io.lyceum.learning.CourseStore.HistoryRow;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.StateChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A course's audit trail as {@link StateChange}s: generation requested (the tutor), generated or failed (the system),
 * every saved outline edit (the tutor, with what changed and the impacts the edit had) and additions to course packs.
 * The state is the course's status while it is not ready (PROCESSING, FAILED), then its publication (DRAFT,
 * PUBLISHED). Entries are written in the transaction of the change they record.
 */
@Service
class CourseHistory {

    private final CourseStore store;
    private final Clock clock;

    CourseHistory(CourseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    static String state(CourseRow course) {
        return course.status().equals("READY") ? course.publication() : course.status();
    }

    void record(
            UUID courseId,
            @Nullable String from,
            String to,
            @Nullable CurrentUser actor,
            @Nullable String reason,
            Map<String, Object> details) {

        store.insertHistory(
                courseId,
                new HistoryRow(
                        from,
                        to,
                        clock.instant(),
                        actor == null ? null : actor.userId().value(),
                        actor == null ? "SYSTEM" : actor.role().name(),
                        reason,
                        details));
    }

    /** Oldest first; the caller has checked that the reader owns the course. */
    PageResponse<StateChange> read(UUID courseId, PageQuery query) {
        List<StateChange> content = store.history(courseId, query.size(), query.page() * query.size()).stream()
                .map(h -> new StateChange(
                        h.fromState(),
                        h.toState(),
                        h.at(),
                        h.actorId(),
                        h.actorRole(),
                        h.reason(),
                        h.details().isEmpty() ? null : h.details()))
                .toList();
        return PageResponse.of(content, query, store.countHistory(courseId));
    }

    /**
     * What an outline edit changed, item by item: the course's own fields, sections added, removed, renamed or moved,
     * and lessons and quizzes added, removed or edited (with the fields that changed).
     */
    static List<Map<String, Object>> changes(
            CourseRow course,
            List<ContentRow> before,
            List<ContentRow> after,
            String title,
            String summary,
            String publication,
            String visibility,
            int targetMinutes) {
        List<Map<String, Object>> changes = new ArrayList<>();
        field(changes, "title", course.title(), title);
        field(changes, "summary", course.summary(), summary);
        field(changes, "publication", course.publication(), publication);
        field(changes, "visibility", course.visibility(), visibility);
        field(changes, "targetMinutes", course.targetMinutes(), targetMinutes);
        Map<UUID, ContentRow> old = new HashMap<>();
        before.forEach(r -> old.put(r.id(), r));
        Map<UUID, ContentRow> now = new HashMap<>();
        after.forEach(r -> now.put(r.id(), r));
        List<UUID> oldOrder = sectionOrder(before);
        List<UUID> newOrder = sectionOrder(after);
        for (ContentRow row : before) {
            if (!now.containsKey(row.id())) {
                changes.add(item(row.kind().toLowerCase(java.util.Locale.ROOT) + ".removed", row));
            }
        }
        for (ContentRow row : after) {
            ContentRow was = old.get(row.id());
            String kind = row.kind().toLowerCase(java.util.Locale.ROOT);
            if (was == null) {
                changes.add(item(kind + ".added", row));
                continue;
            }
            List<String> fields = new ArrayList<>();
            if (!was.title().equals(row.title()) && !row.kind().equals("QUIZ")) {
                Map<String, Object> renamed = item(kind + ".renamed", row);
                renamed.put("from", was.title());
                changes.add(renamed);
            }
            for (String key : List.of("summary", "text", "type", "question", "options", "answer")) {
                if (!Objects.equals(was.body().get(key), row.body().get(key))) {
                    fields.add(key);
                }
            }
            if (was.minutes() != row.minutes() && row.kind().equals("LESSON")) {
                fields.add("minutes");
            }
            if (!Objects.equals(was.parentId(), row.parentId())) {
                fields.add("section");
            }
            if (!fields.isEmpty()) {
                Map<String, Object> edited = item(kind + ".edited", row);
                edited.put("fields", fields);
                changes.add(edited);
            }
        }
        List<UUID> keptOld = oldOrder.stream().filter(newOrder::contains).toList();
        List<UUID> keptNew = newOrder.stream().filter(oldOrder::contains).toList();
        if (!keptOld.equals(keptNew)) {
            Map<String, Object> moved = new LinkedHashMap<>();
            moved.put("change", "sections.reordered");
            moved.put("from", keptOld);
            moved.put("to", keptNew);
            changes.add(moved);
        }
        return changes;
    }

    private static List<UUID> sectionOrder(List<ContentRow> rows) {
        return rows.stream()
                .filter(r -> r.kind().equals("SECTION"))
                .sorted(java.util.Comparator.comparingInt(ContentRow::sequence))
                .map(ContentRow::id)
                .toList();
    }

    private static Map<String, Object> item(String change, ContentRow row) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("change", change);
        item.put("id", row.id());
        item.put("title", row.title());
        return item;
    }

    private static void field(List<Map<String, Object>> changes, String name, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("change", "course." + name);
            change.put("from", from);
            change.put("to", to);
            changes.add(change);
        }
    }
}
