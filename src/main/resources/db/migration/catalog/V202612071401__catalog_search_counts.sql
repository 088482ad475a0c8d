-- How many tutor searches each tenant served, per hour: the numerator's counterpart of the owner's search-to-booking
-- conversion. Searches are counted in memory by each instance and added here by a periodic flush (SearchCounter), so a
-- search never writes to the database.
CREATE TABLE catalog_search_counts
(
    tenant_id UUID        NOT NULL REFERENCES tenants (id),
    hour      TIMESTAMPTZ NOT NULL,
    searches  BIGINT      NOT NULL CHECK (searches >= 0),
    PRIMARY KEY (tenant_id, hour)
);
SELECT lyceum_enable_tenant_isolation('catalog_search_counts');
