-- A booking paid with a package credit shows its order as PAID_WITH_CREDIT instead of CANCELLED (issue 12): no
-- provider payment was taken for it, and none will be.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('OPEN', 'REQUIRES_ACTION', 'PROCESSING', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CANCELLED',
                      'PAID_WITH_CREDIT'));

-- Orders cancelled because a credit paid their booking (the history says so) were paid with credit.
DO
$$
    DECLARE
        tenant UUID;
    BEGIN
        FOR tenant IN SELECT id FROM tenants
            LOOP
                PERFORM set_config('lyceum.tenant_id', tenant::TEXT, TRUE);
                UPDATE orders o
                SET status = 'PAID_WITH_CREDIT'
                WHERE o.tenant_id = tenant
                  AND o.status = 'CANCELLED'
                  AND EXISTS (SELECT 1 FROM order_history h
                              WHERE h.order_id = o.id AND h.to_status = 'CANCELLED'
                                AND h.reason = 'paid with package credit');
            END LOOP;
        PERFORM set_config('lyceum.tenant_id', '', TRUE);
    END
$$;
