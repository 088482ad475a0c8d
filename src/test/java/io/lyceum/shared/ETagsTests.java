package io.lyceum.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** If-None-Match against an entity tag: lists, weak tags and the wildcard. */
class ETagsTests {

    @Test
    void matchesTheTagInAListWeaklyOrTheWildcard() {
        assertThat(ETags.matches("\"a1\"", "\"a1\"")).isTrue();
        assertThat(ETags.matches("\"x\", W/\"a1\"", "\"a1\"")).isTrue();
        assertThat(ETags.matches(" * ", "\"a1\"")).isTrue();
    }

    @Test
    void doesNotMatchAnotherTagOrNoHeader() {
        assertThat(ETags.matches(null, "\"a1\"")).isFalse();
        assertThat(ETags.matches("\"a\"", "\"a1\"")).isFalse();
        assertThat(ETags.matches("\"a12\"", "\"a1\"")).isFalse();
    }
}
