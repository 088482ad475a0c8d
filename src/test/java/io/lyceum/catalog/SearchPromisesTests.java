package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.testsupport.DemoApiTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What docs/search.md promises of free text and filters, on the demo marketplace: subject names are searched, typos of
 * a letter or two are forgiven, a negated word excludes, and a subject with a level means that subject taught at that
 * level.
 */
class SearchPromisesTests extends DemoApiTestBase {

    private List<String> names(String query) {
        return api().get("/api/v1/tutors?size=50&" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("content.fullName", String.class);
    }

    private String subjectId(String name) {
        return api().get("/api/v1/subjects?q=" + name)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("content.find { it.name == '" + name + "' }.id");
    }

    @Test
    void subjectNamesAreSearched() {
        // James O'Connor teaches GCSE mathematics; his texts only say "maths"
        assertThat(names("q=mathematics")).contains("James O'Connor", "Priya Raman");
        assertThat(names("q=piano")).isNotEmpty().doesNotContain("James O'Connor");
    }

    @Test
    void typosOfOneOrTwoLettersAreForgiven() {
        assertThat(names("q=physcs")).contains("James O'Connor", "Priya Raman");
        assertThat(names("q=phsics")).contains("James O'Connor");
        assertThat(names("q=chemestry")).isNotEmpty().isEqualTo(names("q=chemistry"));
        // a word that resembles nothing finds nothing
        assertThat(names("q=xylophonist")).isEmpty();
    }

    @Test
    void aNegatedWordExcludes() {
        assertThat(names("q=physics")).contains("James O'Connor", "Priya Raman");
        // James's headline has "experiments"; Priya teaches physics but never mentions them
        assertThat(names("q=physics -experiments")).contains("Priya Raman").doesNotContain("James O'Connor");
        // the negated word is not brought back by a similar one
        assertThat(names("q=physics -experiment")).contains("James O'Connor");
        assertThat(names("q=-physics")).doesNotContain("James O'Connor", "Priya Raman");
    }

    @Test
    void subjectAndLevelMatchTheSameTaughtSubject() {
        String maths = subjectId("Mathematics");
        // both teach mathematics, only Priya at A-level (James teaches physics at A-level and maths at GCSE)
        assertThat(names("subjectId=" + maths)).contains("Priya Raman", "James O'Connor");
        assertThat(names("subjectId=" + maths + "&level=A_LEVEL"))
                .contains("Priya Raman")
                .doesNotContain("James O'Connor");
        assertThat(names("subjectId=" + maths + "&level=GCSE")).contains("Priya Raman", "James O'Connor");
        assertThat(names("level=A_LEVEL")).contains("James O'Connor");
    }

    @Test
    void pagesAndSortsOfOneSearchShareItsCounts() {
        var first = api().get("/api/v1/tutors?q=physics&size=1&page=0")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        var second = api().get("/api/v1/tutors?q=physics&size=1&page=1&sort=rating")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getLong("page.totalElements")).isGreaterThanOrEqualTo(2);
        assertThat(second.getLong("page.totalElements")).isEqualTo(first.getLong("page.totalElements"));
        assertThat(second.getList("facets.subjects")).isEqualTo(first.getList("facets.subjects"));
    }
}
