package io.lyceum.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON paths the tests write mean what they meant with RestAssured's GPath, with its number types. */
class GPathTests {

    private static final String PAGE = """
            {"content": [
               {"id": "a", "kind": "invoice.due", "price": {"amount": 1500, "currency": "EUR"}, "current": false,
                "tags": ["x", "y"], "rate": 1.25, "hint": "ends with 42"},
               {"id": "b", "kind": "lesson", "price": {"amount": 3000000000, "currency": "GBP"}, "current": true,
                "tags": ["z"], "rate": 0.1, "hint": null}
             ],
             "withNull": [{"id": "c"}, null],
             "page": {"totalElements": 2, "big": 123456789012345678901234567890},
             "summary": {"distribution": {"1": 0, "5": 3}},
             "paths": {"/api/v1/x/{id}": {"get": {"description": "reads x"}}},
             "empty": [], "flag": true}
            """;

    private static Object at(String path) {
        return GPath.evaluate(GPath.parse(PAGE), path);
    }

    @Test
    void namesDotsAndIndexesWalkTheDocument() {
        assertThat(at("page.totalElements")).isEqualTo(2);
        assertThat(at("content[0].id")).isEqualTo("a");
        assertThat(at("content[-1].id")).isEqualTo("b");
        assertThat(at("content[7]")).isNull();
        assertThat(at("page.missing")).isNull();
        assertThat(at("summary.distribution.'5'")).isEqualTo(3);
        assertThat(at("paths.'/api/v1/x/{id}'.get.description")).isEqualTo("reads x");
        assertThat(at("")).isInstanceOf(Map.class);
        assertThat(at("$")).isEqualTo(at(""));
    }

    @Test
    void aPropertyOfAListIsTakenFromEachElementSkippingNulls() {
        assertThat(at("content.id")).isEqualTo(List.of("a", "b"));
        assertThat(at("content.price.currency")).isEqualTo(List.of("EUR", "GBP"));
        assertThat(at("content.tags")).isEqualTo(List.of(List.of("x", "y"), List.of("z")));
        assertThat(at("content.tags.flatten()")).isEqualTo(List.of("x", "y", "z"));
        assertThat(at("withNull.id")).isEqualTo(List.of("c"));
        assertThat(at("withNull.size()")).isEqualTo(2);
        assertThat(at("empty.isEmpty()")).isEqualTo(true);
        assertThat(at("summary.distribution.keySet()")).isEqualTo(java.util.Set.of("1", "5"));
    }

    @Test
    void numbersHaveRestAssuredsTypes() {
        assertThat(at("content[0].price.amount")).isEqualTo(1500);
        assertThat(at("content[1].price.amount")).isEqualTo(3_000_000_000L);
        assertThat(at("page.big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(at("content[0].rate")).isEqualTo(1.25f);
        assertThat(at("content.rate")).isEqualTo(List.of(1.25f, 0.1f));
        assertThat(at("flag")).isEqualTo(true);
    }

    @Test
    void findAndFindAllFilterByAConditionOnIt() {
        assertThat(at("content.find { it.kind == 'invoice.due' }.id")).isEqualTo("a");
        assertThat(at("content.find { it.current }.id")).isEqualTo("b");
        assertThat(at("content.find { it.kind == 'none' }")).isNull();
        assertThatThrownBy(() -> at("withNull.find { it.id == 'none' }"))
                .hasMessageContaining("cannot get property 'id' on null");
        assertThat(at("content.findAll { it.price.currency == 'EUR' || it.kind == 'lesson' }.id"))
                .isEqualTo(List.of("a", "b"));
        assertThat(at("content.findAll { it.kind != 'lesson' && !it.current }.size()"))
                .isEqualTo(1);
        assertThat(at("content.find { it.price.amount == 1500 }.id")).isEqualTo("a");
        assertThat(at("content.find { it.hint.endsWith('42') }.id")).isEqualTo("a");
        assertThat(at("content.findAll { it.base == 'EUR' }")).isEqualTo(List.of());
    }

    @Test
    void aPropertyOfNothingAndAnUnknownMethodAreErrors() {
        assertThatThrownBy(() -> at("page.missing.deeper"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot get property 'deeper' on null");
        assertThatThrownBy(() -> at("content.sum()")).hasMessageContaining("unknown method sum()");
        assertThatThrownBy(() -> at("content[0].id)")).hasMessageContaining("unexpected ')'");
    }

    @Test
    void jsonPathConvertsAsRestAssuredDid() {
        JsonPath json = JsonPath.from(PAGE);
        assertThat(json.getString("page.totalElements")).isEqualTo("2");
        assertThat(json.getDouble("content[0].rate")).isEqualTo(1.25);
        assertThat(json.getDouble("content[1].rate")).isEqualTo(0.1);
        assertThat(json.getLong("page.totalElements")).isEqualTo(2L);
        assertThat(json.getInt("content[0].price.amount")).isEqualTo(1500);
        assertThat(json.getList("content.id", String.class)).containsExactly("a", "b");
        assertThat(json.setRootPath("content[1]").getString("kind")).isEqualTo("lesson");
    }
}
