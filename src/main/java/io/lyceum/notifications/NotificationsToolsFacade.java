package io.lyceum.notifications;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Notifications' route for the agents' tools: the controller's own method, called through its proxy. */
@Service
class NotificationsToolsFacade implements NotificationsToolsApi {

    private final NotificationController notifications;

    private final JsonMapper json;

    NotificationsToolsFacade(NotificationController notifications, JsonMapper json) {
        this.json = json;
        this.notifications = notifications;
    }

    @Override
    public JsonNode myNotifications(CurrentUser caller, boolean unread, PageQuery page) {
        return json.valueToTree(notifications.list(caller, unread, page));
    }
}
