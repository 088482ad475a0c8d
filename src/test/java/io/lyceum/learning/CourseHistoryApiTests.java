package io.lyceum.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.http.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit trail of a course: who generated it, who edited its outline, what changed and when. */
class CourseHistoryApiTests extends ApiTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void everySavedOutlineEditIsRecordedWithItsAuthorChangesAndImpactsAndNothingElseIs() {
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID courseId = CourseApiTests.generated(tutor, Samples.PHOTOSYNTHESIS);
        JsonPath course = tutor.api().get("/api/v1/courses/" + courseId).jsonPath();
        int version = course.getInt("version");

        List<Map<String, Object>> sections = CourseApiTests.editable(course);
        Map<String, Object> removed = sections.removeLast();
        String renamedId = (String) sections.getFirst().get("id");
        String oldTitle = (String) sections.getFirst().get("title");
        sections.getFirst().put("title", "Why plants need light");
        Collections.swap(sections, 0, 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> quiz = sections.stream()
                .flatMap(section -> ((List<Map<String, Object>>) section.get("quizzes")).stream())
                .findFirst()
                .orElseThrow();
        quiz.put("question", "Plants capture light with _____.");
        quiz.put("type", "CLOZE");
        quiz.put("answer", "chlorophyll");
        Map<String, Object> edit = Map.of("sections", sections, "publication", "PUBLISHED", "visibility", "PUBLIC");

        // neither a dry run nor a refused edit leaves a trace
        put(tutor, courseId, version, edit, true).then().statusCode(200).body("saved", equalTo(false));
        put(tutor, courseId, version - 1, edit, false)
                .then()
                .statusCode(412)
                .body("code", equalTo("course.version_mismatch"));
        assertThat(actions(tutor, courseId)).containsExactly("GENERATION_REQUESTED", "GENERATED");

        put(tutor, courseId, version, edit, false).then().statusCode(200).body("saved", equalTo(true));

        JsonPath history = tutor.api()
                .get("/api/v1/courses/" + courseId + "/history")
                .then()
                .statusCode(200)
                .body("page.totalElements", equalTo(3))
                .extract()
                .jsonPath();
        assertThat(history.getString("content[0].from")).isNull();
        assertThat(history.getString("content[0].to")).isEqualTo("PROCESSING");
        assertThat(history.getString("content[0].actorId"))
                .isEqualTo(tutor.userId().toString());
        assertThat(history.getString("content[1].from")).isEqualTo("PROCESSING");
        assertThat(history.getString("content[1].to")).isEqualTo("DRAFT");
        assertThat(history.getString("content[1].actorRole")).isEqualTo("SYSTEM");
        assertThat(history.getString("content[1].actorId")).isNull();

        String edited = "content[2]";
        assertThat(history.getString(edited + ".from")).isEqualTo("DRAFT");
        assertThat(history.getString(edited + ".to")).isEqualTo("PUBLISHED");
        assertThat(history.getString(edited + ".actorId"))
                .isEqualTo(tutor.userId().toString());
        assertThat(history.getString(edited + ".actorRole")).isEqualTo("TUTOR");
        assertThat(history.getString(edited + ".at")).isNotBlank();
        assertThat(history.getInt(edited + ".details.version")).isEqualTo(version + 1);
        List<Map<String, Object>> changes = history.getList(edited + ".details.changes");
        assertThat(changes)
                .anySatisfy(c -> {
                    assertThat(c.get("change")).isEqualTo("section.renamed");
                    assertThat(c.get("id")).isEqualTo(renamedId);
                    assertThat(c.get("from")).isEqualTo(oldTitle);
                    assertThat(c.get("title")).isEqualTo("Why plants need light");
                })
                .anySatisfy(c -> {
                    assertThat(c.get("change")).isEqualTo("section.removed");
                    assertThat(c.get("id")).isEqualTo(removed.get("id"));
                })
                .anySatisfy(c -> {
                    assertThat(c.get("change")).isEqualTo("quiz.edited");
                    assertThat(c.get("id")).isEqualTo(quiz.get("id"));
                    assertThat((List<Object>) c.get("fields")).contains("question", "answer");
                })
                .anySatisfy(c -> assertThat(c.get("change")).isEqualTo("sections.reordered"))
                .anySatisfy(c -> {
                    assertThat(c.get("change")).isEqualTo("course.publication");
                    assertThat(c.get("from")).isEqualTo("DRAFT");
                    assertThat(c.get("to")).isEqualTo("PUBLISHED");
                });
        assertThat(history.getList(edited + ".details.impacts", String.class)).contains("section.removed_with_quizzes");

        // only the owner reads it
        SignedIn stranger = Accounts.newUser("TUTOR");
        stranger.api()
                .get("/api/v1/courses/" + courseId + "/history")
                .then()
                .statusCode(404)
                .body("code", equalTo("course.not_found"));
        tutor.api()
                .get("/api/v1/courses/" + UUID.randomUUID() + "/history")
                .then()
                .statusCode(404)
                .body("code", equalTo("course.not_found"));
    }

    @Test
    void concurrentEditsWithTheSameETagLeaveExactlyOneHistoryEntry() throws Exception {
        SignedIn tutor = Accounts.newUser("TUTOR");
        UUID courseId = CourseApiTests.generated(tutor, Samples.QUADRATICS);
        JsonPath course = tutor.api().get("/api/v1/courses/" + courseId).jsonPath();
        int version = course.getInt("version");
        List<Integer> statuses = new ArrayList<>(io.lyceum.testsupport.Parallel.run(4, i -> {
            List<Map<String, Object>> sections = CourseApiTests.editable(course);
            sections.getFirst().put("title", "Title by editor " + i);
            return put(tutor, courseId, version, Map.of("sections", sections), false)
                    .statusCode();
        }));
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(actions(tutor, courseId)).containsExactly("GENERATION_REQUESTED", "GENERATED", "OUTLINE_EDITED");
    }

    private static io.lyceum.testsupport.http.Response put(
            SignedIn tutor, UUID courseId, int version, Map<String, Object> edit, boolean dryRun) {
        return tutor.api()
                .contentType("application/json")
                .header("If-Match", "\"" + version + "\"")
                .queryParam("dryRun", dryRun)
                .body(edit)
                .put("/api/v1/courses/outline/" + courseId);
    }

    private static List<String> actions(SignedIn tutor, UUID courseId) {
        return tutor.api()
                .get("/api/v1/courses/" + courseId + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content.details.action", String.class);
    }
}
