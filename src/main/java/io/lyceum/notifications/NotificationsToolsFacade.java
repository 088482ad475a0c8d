package io.lyceum.notifications;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import org.springframework.stereotype.Service;

/** Notifications' route for the agents' tools: the controller's own method, called through its proxy. */
@Service
class NotificationsToolsFacade implements NotificationsToolsApi {

    private final NotificationController notifications;

    NotificationsToolsFacade(NotificationController notifications) {
        this.notifications = notifications;
    }

    @Override
    public Object myNotifications(CurrentUser caller, boolean unread, PageQuery page) {
        return notifications.list(caller, unread, page);
    }
}
