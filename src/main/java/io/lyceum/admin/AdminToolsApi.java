package io.lyceum.admin;

import io.lyceum.shared.PageQuery;

/**
 * What the agents module's tools may ask of the admin desk: the REST route's own code under the caller's security
 * context (admins only, as the route), the {@code Object} result being the route's JSON body.
 */
public interface AdminToolsApi {

    /** {@code GET /api/v1/admin/reports}: the reports queue, oldest first. */
    Object reportsQueue(PageQuery page);
}
