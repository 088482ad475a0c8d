package io.lyceum.admin;

import io.lyceum.shared.PageQuery;
import org.springframework.stereotype.Service;

/** The admin desk's route for the agents' tools: the controller's own method, called through its security proxy. */
@Service
class AdminToolsFacade implements AdminToolsApi {

    private final AdminReportController reports;

    AdminToolsFacade(AdminReportController reports) {
        this.reports = reports;
    }

    @Override
    public Object reportsQueue(PageQuery page) {
        return reports.list(null, null, null, null, null, null, page);
    }
}
