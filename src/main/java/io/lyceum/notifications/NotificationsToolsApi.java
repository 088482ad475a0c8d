package io.lyceum.notifications;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;

/**
 * What the agents module's tools may ask of notifications: the REST route's own code under the caller's security
 * context (the {@code Object} result is the route's JSON body).
 */
public interface NotificationsToolsApi {

    /** {@code GET /api/v1/notifications}: the caller's notifications, newest first; {@code unread} only the unread. */
    Object myNotifications(CurrentUser caller, boolean unread, PageQuery page);
}
