-- Exchange rates for showing tutors' prices in a viewer's display currency: 1 unit of base = rate units of quote.
-- MANUAL rows are an admin's; ECB rows come from the European Central Bank's daily reference rates when that source
-- is enabled, and never overwrite a MANUAL row.
CREATE TABLE exchange_rates
(
    tenant_id  UUID           NOT NULL,
    base       CHAR(3)        NOT NULL,
    quote      CHAR(3)        NOT NULL CHECK (quote <> base),
    rate       NUMERIC(24, 12) NOT NULL CHECK (rate > 0),
    source     TEXT           NOT NULL CHECK (source IN ('MANUAL', 'ECB')),
    as_of      TIMESTAMPTZ    NOT NULL,
    updated_by UUID,
    PRIMARY KEY (tenant_id, base, quote)
);
SELECT lyceum_enable_tenant_isolation('exchange_rates');
