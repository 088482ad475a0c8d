package io.lyceum.agents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Natural-language tutor search over REST (the same as the find_tutors_by_description tool). */
@RestController
@Tag(name = "Agents: tutor search", description = "Tutor search from a sentence; see docs/agents.md.")
class TutorFinderController {

    private final TutorFinder finder;
    private final JsonMapper json;

    TutorFinderController(TutorFinder finder, JsonMapper json) {
        this.finder = finder;
        this.json = json;
    }

    record FindRequest(
            @Schema(
                    description = "the request, such as 'a patient chemistry tutor for A-level, evenings, under 40"
                            + " pounds'")
            @NotBlank
            @Size(max = 500)
            String query,

            @Schema(description = "IANA zone for times such as 'evenings'; default UTC") @Size(max = 60) @Nullable
            String timeZone) {}

    @PostMapping("/api/v1/agents/tutor-search")
    @Operation(
            summary = "Find tutors from a sentence",
            description = "The sentence becomes GET /api/v1/tutors filters: read by the assistant model when one is"
                    + " configured (parser: model), else, or when the model fails, by built-in rules (parser: rules):"
                    + " a subject of the catalog by name, a level (A-level, GCSE, IB...), a price range with its"
                    + " currency (under 40 pounds, between $20 and $30, €25 max: minor units of that currency), the"
                    + " next matching free time (evenings, Monday mornings, weekends: freeFrom/freeTo in timeZone),"
                    + " and other meaningful words as free text q. The answer has the criteria, what was understood,"
                    + " and the search's page (?page, ?size).")
    Map<String, Object> find(
            @AuthenticationPrincipal CurrentUser user,
            @Valid @RequestBody FindRequest body,
            @Parameter(hidden = true) PageQuery page) {
        return TutorFinder.asMap(
                finder.find(user, body.query(), body.timeZone(), page.requireSortable(Set.of()), "rest"), json);
    }
}
