package io.lyceum.agents;

import static io.lyceum.agents.Schemas.bool;
import static io.lyceum.agents.Schemas.object;
import static io.lyceum.agents.Schemas.page;
import static io.lyceum.agents.Schemas.paged;

import io.lyceum.admin.AdminToolsApi;
import io.lyceum.notifications.NotificationsToolsApi;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Tools over notifications and the admin desk's reports. */
@Component
class DeskTools implements ToolSource {

    private final NotificationsToolsApi notifications;
    private final AdminToolsApi admin;
    private final tools.jackson.databind.json.JsonMapper json;

    DeskTools(NotificationsToolsApi notifications, AdminToolsApi admin, tools.jackson.databind.json.JsonMapper json) {
        this.notifications = notifications;
        this.admin = admin;
        this.json = json;
    }

    @Override
    public List<AgentTool> tools() {
        return List.of(
                new AgentTool(
                        "my_notifications",
                        "notifications",
                        "My notifications",
                        "The caller's notifications, newest first (GET /api/v1/notifications); unread for the unread"
                                + " ones only.",
                        false,
                        object(paged("unread", bool("only unread notifications"))),
                        page("A page of notifications"),
                        (caller, a) ->
                                notifications.myNotifications(caller, Boolean.TRUE.equals(a.bool("unread")), a.page())),
                new AgentTool(
                        "admin_reports_queue",
                        "admin",
                        "Reports to handle",
                        "Admins: the reports queue, oldest first (GET /api/v1/admin/reports). Anyone else is refused"
                                + " with 403 auth.forbidden, as the route refuses them.",
                        false,
                        object(paged()),
                        page("A page of reports"),
                        (caller, a) -> FrontendActions.with(
                                new java.util.LinkedHashMap<>(asMap(admin.reportsQueue(a.page()))),
                                FrontendActions.dataView(
                                        "Reports",
                                        "admin",
                                        "reportsQueue",
                                        "/api/v1/admin/reports",
                                        Map.of(),
                                        List.of(
                                                FrontendActions.column("targetType", "About"),
                                                FrontendActions.column("status", "Status"),
                                                FrontendActions.column("createdAt", "Reported"))))));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object body) {
        return json.convertValue(body, Map.class);
    }
}
