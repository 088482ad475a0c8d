package io.lyceum.admin;

import io.lyceum.shared.PageQuery;
import tools.jackson.databind.JsonNode;

/**
 * What the agents module's tools may ask of the admin desk: the REST route's own code under the caller's security
 * context (admins only, as the route), the result being the route's JSON body as a tree, shaped as the API document describes the route.
 */
public interface AdminToolsApi {

    /** {@code GET /api/v1/admin/reports}: the reports queue, oldest first. */
    JsonNode reportsQueue(PageQuery page);
}
