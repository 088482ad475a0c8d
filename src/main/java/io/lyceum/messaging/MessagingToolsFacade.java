package io.lyceum.messaging;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Messaging's routes for the agents' tools: the controller's own methods, called through its security proxy. */
@Service
class MessagingToolsFacade implements MessagingToolsApi {

    private final MessagingController messages;

    MessagingToolsFacade(MessagingController messages) {
        this.messages = messages;
    }

    @Override
    public Object conversations(CurrentUser caller, PageQuery page) {
        return messages.threads(caller, page);
    }

    @Override
    public Object conversation(CurrentUser caller, UUID conversationId, Long before, int limit) {
        return messages.history(caller, conversationId, before, null, limit, null);
    }

    @Override
    public Object send(CurrentUser caller, UUID conversationId, UUID recipientId, String body) {
        return messages.send(
                caller,
                new MessagingController.SendRequest(
                        conversationId, recipientId, "text", body, null, null, null, null, null));
    }
}
