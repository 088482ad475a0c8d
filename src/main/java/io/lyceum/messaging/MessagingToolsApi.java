package io.lyceum.messaging;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.UUID;

/**
 * What the agents module's tools may ask of messaging. Each method runs the REST route's own code under the caller's
 * security context, so it answers what the route answers (the {@code Object} results are the routes' JSON bodies) and
 * refuses what the route refuses, with the same problem codes.
 */
public interface MessagingToolsApi {

    /** {@code GET /api/v1/messages/threads}: the caller's conversations, latest first. */
    Object conversations(CurrentUser caller, PageQuery page);

    /** {@code GET /api/v1/messages/threads/{id}}: a page of a conversation's messages, newest first. */
    Object conversation(CurrentUser caller, UUID conversationId, Long before, int limit);

    /** {@code POST /api/v1/messages}: a text message into a conversation or to a person. */
    Object send(CurrentUser caller, UUID conversationId, UUID recipientId, String body);
}
