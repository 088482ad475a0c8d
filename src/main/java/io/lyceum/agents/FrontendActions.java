package io.lyceum.agents;

import io.lyceum.shared.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The seed's frontend actions, carried in a tool result as {@code __frontendAction}: cards a client renders (pay an
 * order, show a list from a route, show a QR code). They describe; they never carry card data or credentials.
 */
final class FrontendActions {

    static final String KEY = "__frontendAction";

    private FrontendActions() {}

    static Map<String, Object> payment(UUID orderId, String orderType, Money amount, String description) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "payment");
        action.put("orderId", orderId.toString());
        action.put("orderType", orderType);
        action.put("serviceName", "billing");
        action.put("amount", amount.amount());
        action.put("currency", amount.currencyCode());
        action.put("description", description);
        return action;
    }

    /** A list the client loads itself from {@code routePath} with the user's own credentials. */
    static Map<String, Object> dataView(
            String title,
            String serviceName,
            String apiName,
            String routePath,
            Map<String, Object> query,
            List<Map<String, String>> columns) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "dataView");
        action.put("viewType", "grid");
        action.put("title", title);
        action.put("serviceName", serviceName);
        action.put("apiName", apiName);
        action.put("routePath", routePath);
        action.put("httpMethod", "GET");
        action.put("queryParams", query);
        action.put("columns", columns);
        return action;
    }

    static Map<String, String> column(String field, String label) {
        return Map.of("field", field, "label", label);
    }

    static Map<String, Object> qrCode(String value, String title, String subtitle) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "qrcode");
        action.put("value", value);
        action.put("title", title);
        action.put("subtitle", subtitle);
        return action;
    }

    /** The result with the action added (the result is copied, not changed). */
    static Map<String, Object> with(Map<String, Object> result, Map<String, Object> action) {
        Map<String, Object> copy = new LinkedHashMap<>(result);
        copy.put(KEY, action);
        return copy;
    }
}
