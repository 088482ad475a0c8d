package io.lyceum.learning;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.CatalogApi;
import io.lyceum.learning.CourseStore.ContentRow;
import io.lyceum.learning.CourseStore.CourseRow;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.CoursePackId;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading courses and the access rule: the owner (a tutor) sees everything, answers included; a learner sees a
 * PUBLISHED course that is PUBLIC, or that is for the owner's students and the owner has taught them; everyone else
 * gets 404 {@code course.not_found}.
 */
@Service
class Courses {

    private final CourseStore store;
    private final SchedulingApi scheduling;
    private final CatalogApi catalog;
    private final CourseHistory history;
    private final TransactionTemplate transactions;

    Courses(
            CourseStore store,
            SchedulingApi scheduling,
            CatalogApi catalog,
            CourseHistory history,
            TransactionTemplate transactions) {
        this.store = store;
        this.scheduling = scheduling;
        this.catalog = catalog;
        this.history = history;
        this.transactions = transactions;
    }

    static LyceumException notFound() {
        return LyceumException.notFound("course.not_found", "No such course.");
    }

    /** A course with its contents, and whether the reader owns it (owners see answers). */
    record Loaded(CourseRow course, List<ContentRow> contents, boolean owner) {}

    Loaded read(CurrentUser user, UUID courseId) {
        CourseRow course = store.course(courseId).orElseThrow(Courses::notFound);
        boolean owner = course.ownerId().equals(user.userId().value());
        if (!owner && !mayLearn(user.userId().value(), course)) {
            throw notFound();
        }
        return new Loaded(course, store.contents(courseId), owner);
    }

    CourseRow own(CurrentUser user, UUID courseId) {
        return store.course(courseId)
                .filter(c -> c.ownerId().equals(user.userId().value()))
                .orElseThrow(Courses::notFound);
    }

    boolean mayLearn(UUID learnerId, CourseRow course) {
        if (!course.status().equals("READY") || !course.publication().equals("PUBLISHED")) {
            return false;
        }
        return course.visibility().equals("PUBLIC")
                || scheduling.hasTaught(TutorId.of(course.ownerId()), UserId.of(learnerId));
    }

    PageResponse<CourseRow> mine(CurrentUser user, PageQuery query) {
        return PageResponse.of(
                store.coursesOwnedBy(user.userId().value(), query.size(), query.page() * query.size()),
                query,
                store.countOwnedBy(user.userId().value()));
    }

    /**
     * Adds the course to one of the tutor's course packs as a material (a link to the course's page). The course must
     * be ready; the pack must be the tutor's (catalog answers 404 {@code pack.not_found} otherwise).
     */
    UUID addToCoursePack(CurrentUser tutor, UUID courseId, @Nullable UUID packId) {

        CourseRow course = own(tutor, courseId);
        if (!course.status().equals("READY")) {
            throw new LyceumException(
                    ErrorKind.CONFLICT, "course.not_ready", "Only a generated course can become a material.");
        }
        if (packId == null) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "Name the course pack.",
                    List.of(new FieldError("coursePackId", "is required")));
        }
        // the material and its history entry commit together
        return transactions.execute(status -> {
            UUID material = catalog.addCourseMaterial(
                    tutor.userId().asTutor(),
                    CoursePackId.of(packId),
                    course.title(),
                    course.summary().length() > 2000 ? course.summary().substring(0, 1999) + "…" : course.summary(),
                    "/courses/" + courseId + "/learn");
            String state = CourseHistory.state(course);
            history.record(
                    courseId,
                    state,
                    state,
                    tutor,
                    null,
                    Map.of("action", "ADDED_TO_COURSE_PACK", "coursePackId", packId, "materialId", material));
            return material;
        });
    }
}
