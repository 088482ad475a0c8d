package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the outline editor's form becomes the API's outline edit (no Spring context needed). */
class CoursePagesTests {

    @Test
    @SuppressWarnings("unchecked")
    void sectionsFollowTheirPositionsRemovedOnesAreLeftOutAndQuizzesKeepTheirEdits() {
        Map<String, String> form = new HashMap<>();
        form.put("title", "Photosynthesis");
        form.put("publication", "PUBLISHED");
        form.put("targetMinutes", " 45 ");
        form.put("s.0.id", "a");
        form.put("s.0.title", "First");
        form.put("s.0.position", "3");
        form.put("s.0.q.0.id", "qa");
        form.put("s.0.q.0.type", "MULTIPLE_CHOICE");
        form.put("s.0.q.0.question", "Plants make _____.");
        form.put("s.0.q.0.answer", "glucose");
        form.put("s.0.q.0.options", "glucose\n  oxygen \n\nstarch\n");
        form.put("s.0.q.1.id", "qb");
        form.put("s.0.q.1.remove", "on");
        form.put("s.1.id", "b");
        form.put("s.1.title", "Second");
        form.put("s.1.position", "1");
        form.put("s.1.l.0.id", "lb");
        form.put("s.1.l.0.title", "Light");
        form.put("s.2.id", "c");
        form.put("s.2.title", "Third");
        form.put("s.2.remove", "on");
        form.put("s.3.id", "d");
        form.put("s.3.title", "Fourth");
        form.put("s.3.position", "not a number"); // keeps its place on the page: 4

        Map<String, Object> edit = CoursePages.outlineEdit(form);

        assertThat(edit)
                .containsEntry("title", "Photosynthesis")
                .containsEntry("publication", "PUBLISHED")
                .containsEntry("targetMinutes", 45);
        List<Map<String, Object>> sections = (List<Map<String, Object>>) edit.get("sections");
        assertThat(sections).extracting(s -> s.get("id")).containsExactly("b", "a", "d");
        assertThat((List<Map<String, Object>>) sections.get(0).get("lessons"))
                .containsExactly(Map.of("id", "lb", "title", "Light"));
        List<Map<String, Object>> quizzes =
                (List<Map<String, Object>>) sections.get(1).get("quizzes");
        assertThat(quizzes).hasSize(1);
        assertThat(quizzes.getFirst())
                .containsEntry("id", "qa")
                .containsEntry("answer", "glucose")
                .containsEntry("options", List.of("glucose", "oxygen", "starch"));
    }

    @Test
    void tiesInPositionKeepThePageOrder() {
        Map<String, String> form = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            form.put("s." + i + ".id", "s" + i);
            form.put("s." + i + ".title", "Section " + i);
            form.put("s." + i + ".position", "1");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sections =
                (List<Map<String, Object>>) CoursePages.outlineEdit(form).get("sections");
        assertThat(sections).extracting(s -> s.get("id")).containsExactly("s0", "s1", "s2");
    }
}
