package io.lyceum.billing;

import com.stripe.net.Webhook;
import io.lyceum.testsupport.http.Http;
import io.lyceum.testsupport.http.RequestSpecification;
import io.lyceum.testsupport.http.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test's own webhook sender: takes the sandbox's real events from {@code sandbox_events}, optionally changes them
 * (a new event id, another status, another tenant), signs them as Stripe does with stripe-java and posts them to
 * {@code /api/v1/payments/webhook}, exactly as the sandbox's dispatcher does.
 */
final class SignedWebhooks {

    static final String WEBHOOK = "/api/v1/payments/webhook";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One sandbox event as stored: its id, type and the payload that is signed and posted. */
    record Event(long seq, String id, String type, String payload) {

        ObjectNode tree() {
            return (ObjectNode) JSON.readTree(payload);
        }

        /** The same event under a new id (so neither the dispatcher nor an earlier delivery has it yet). */
        Event renamed() {
            ObjectNode tree = tree();
            String id = "evt_test" + UUID.randomUUID().toString().replace("-", "");
            tree.put("id", id);
            return new Event(seq, id, type, JSON.writeValueAsString(tree));
        }
    }

    private SignedWebhooks() {}

    /** Every event the sandbox wrote about objects whose metadata names one of these orders, in the order written. */
    static List<Event> eventsOfOrders(JdbcClient jdbc, List<UUID> orderIds) {
        return jdbc.sql("""
                        SELECT seq, id, type, payload FROM sandbox_events
                        WHERE CAST(payload AS jsonb) -> 'data' -> 'object' -> 'metadata' ->> 'orderId' IN (:orders)
                        ORDER BY seq
                        """)
                .param("orders", orderIds.stream().map(UUID::toString).toList())
                .query((rs, n) ->
                        new Event(rs.getLong("seq"), rs.getString("id"), rs.getString("type"), rs.getString("payload")))
                .list();
    }

    static List<Event> eventsOfOrder(JdbcClient jdbc, UUID orderId) {
        return eventsOfOrders(jdbc, List.of(orderId));
    }

    /** A {@code Stripe-Signature} header for the payload, made by stripe-java, signed at {@code at}. */
    static String signature(String payload, String secret, Instant at) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, at.getEpochSecond());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response post(int port, String payload, String signatureHeader) {
        RequestSpecification spec = Http.given()
                .port(port)
                .accept("application/json, application/problem+json")
                .contentType("application/json; charset=utf-8")
                .body(payload);
        if (signatureHeader != null) {
            spec = spec.header("Stripe-Signature", signatureHeader);
        }
        return spec.post(WEBHOOK);
    }
}
