package io.lyceum.messaging;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the agents module's tools may ask of messaging. Each method runs the REST route's own code under the caller's
 * security context, so it answers what the route answers (each result is the route's JSON body as a tree, shaped as the API document describes the route) and
 * refuses what the route refuses, with the same problem codes.
 */
public interface MessagingToolsApi {

    /** {@code GET /api/v1/messages/threads}: the caller's conversations, latest first. */
    JsonNode conversations(CurrentUser caller, PageQuery page);

    /** {@code GET /api/v1/messages/threads/{id}}: a page of a conversation's messages, newest first. */
    JsonNode conversation(CurrentUser caller, UUID conversationId, @Nullable Long before, int limit);

    /** {@code POST /api/v1/messages}: a text message into a conversation or to a person. */
    JsonNode send(CurrentUser caller, @Nullable UUID conversationId, @Nullable UUID recipientId, String body);
}
