package io.lyceum.agents;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import io.lyceum.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's personal API keys. They live with the agents module because they open only its surfaces ({@code /mcp}
 * and the tool gateway); accounts authenticates them through its {@code PersonalKeys} port. Managing keys needs a
 * signed-in session: a key cannot create, list or revoke keys (it is refused on every other route).
 */
@RestController
@RequestMapping("/api/v1/agents/api-keys")
@Tag(name = "Agents: API keys", description = "Personal keys (lyk_...) for MCP clients; see docs/agents.md.")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    record CreateKeyRequest(
            @Schema(description = "a name to recognise the key by, such as the tool it is for")
            @NotBlank
            @Size(max = 100)
            String name,

            @Schema(description = "READ_ONLY: only tools that read; FULL: every tool the user may use") @NotNull
            ApiKeys.Scope scope) {}

    record CreatedKeyView(
            ApiKeys.KeyView key,

            @Schema(description = "the key itself: shown this once, never again; send it as Authorization: Bearer")
            String secret) {}

    @PostMapping
    @Operation(
            summary = "Create an API key",
            description = "A named key with a scope, for MCP clients and the tool gateway (only those: on any other"
                    + " route it is 401 auth.api_key_not_allowed). The key is in the answer once; only its hash is"
                    + " kept. At most 20 live keys (409 agents.key_limit_reached).")
    @ApiResponse(responseCode = "201", description = "Created")
    ResponseEntity<CreatedKeyView> create(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CreateKeyRequest body) {
        var created = keys.create(user, body.name(), body.scope());
        return ResponseEntity.created(
                        URI.create("/api/v1/agents/api-keys/" + created.key().id()))
                .body(new CreatedKeyView(created.key(), created.secret()));
    }

    @GetMapping
    @Operation(
            summary = "My API keys",
            description = "Live keys first, newest first, with their last use (recorded at most every few minutes).")
    PageResponse<ApiKeys.KeyView> list(
            @AuthenticationPrincipal CurrentUser user, @Parameter(hidden = true) PageQuery page) {
        return keys.list(user, page.requireSortable(Set.of()));
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Revoke an API key",
            description = "At once: its next request is 401 `auth.invalid_api_key`. Revoking twice is harmless;"
                    + " another user's key is 404 `agents.key_not_found`.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        keys.revoke(user, id);
        return ResponseEntity.noContent().build();
    }
}
