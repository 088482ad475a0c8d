package io.lyceum.messaging;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Messaging's routes for the agents' tools: the controller's own methods, called through its security proxy. */
@Service
class MessagingToolsFacade implements MessagingToolsApi {

    private final MessagingController messages;

    private final JsonMapper json;

    MessagingToolsFacade(MessagingController messages, JsonMapper json) {
        this.json = json;
        this.messages = messages;
    }

    @Override
    public JsonNode conversations(CurrentUser caller, PageQuery page) {
        return json.valueToTree(messages.threads(caller, page));
    }

    @Override
    public JsonNode conversation(CurrentUser caller, UUID conversationId, @Nullable Long before, int limit) {
        return json.valueToTree(messages.history(caller, conversationId, before, null, limit, null));
    }

    @Override
    public JsonNode send(CurrentUser caller, @Nullable UUID conversationId, @Nullable UUID recipientId, String body) {

        return json.valueToTree(messages.send(
                caller,
                new MessagingController.SendRequest(
                        conversationId, recipientId, "text", body, null, null, null, null, null)));
    }
}
