package io.lyceum.admin;

import io.lyceum.shared.PageQuery;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin desk's route for the agents' tools: the controller's own method, called through its security proxy. */
@Service
class AdminToolsFacade implements AdminToolsApi {

    private final AdminReportController reports;

    private final JsonMapper json;

    AdminToolsFacade(AdminReportController reports, JsonMapper json) {
        this.json = json;
        this.reports = reports;
    }

    @Override
    public JsonNode reportsQueue(PageQuery page) {
        return json.valueToTree(reports.list(null, null, null, null, null, null, page));
    }
}
