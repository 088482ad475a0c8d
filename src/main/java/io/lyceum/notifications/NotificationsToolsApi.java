package io.lyceum.notifications;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.PageQuery;
import tools.jackson.databind.JsonNode;

/**
 * What the agents module's tools may ask of notifications: the REST route's own code under the caller's security
 * context (the result is the route's JSON body as a tree, shaped as the API document describes the route).
 */
public interface NotificationsToolsApi {

    /** {@code GET /api/v1/notifications}: the caller's notifications, newest first; {@code unread} only the unread. */
    JsonNode myNotifications(CurrentUser caller, boolean unread, PageQuery page);
}
