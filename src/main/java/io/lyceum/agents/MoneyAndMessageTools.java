package io.lyceum.agents;

import static io.lyceum.agents.Schemas.integer;
import static io.lyceum.agents.Schemas.object;
import static io.lyceum.agents.Schemas.page;
import static io.lyceum.agents.Schemas.paged;
import static io.lyceum.agents.Schemas.props;
import static io.lyceum.agents.Schemas.result;
import static io.lyceum.agents.Schemas.string;
import static io.lyceum.agents.Schemas.uuid;

import io.lyceum.billing.BillingToolsApi;
import io.lyceum.catalog.CatalogToolsApi;
import io.lyceum.messaging.MessagingToolsApi;
import io.lyceum.shared.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Tools over billing, messaging and the admins' approval queue. */
@Component
class MoneyAndMessageTools implements ToolSource {

    private final BillingToolsApi billing;
    private final MessagingToolsApi messaging;
    private final CatalogToolsApi catalog;
    private final JsonMapper json;

    MoneyAndMessageTools(
            BillingToolsApi billing, MessagingToolsApi messaging, CatalogToolsApi catalog, JsonMapper json) {
        this.billing = billing;
        this.messaging = messaging;
        this.catalog = catalog;
        this.json = json;
    }

    @Override
    public List<AgentTool> tools() {
        return List.of(
                payOrder(),
                wallet(),
                withdrawals(),
                conversations(),
                readConversation(),
                sendMessage(),
                approvalQueue());
    }

    private AgentTool payOrder() {
        return new AgentTool(
                "pay_order",
                "billing",
                "Pay an order",
                "Prepares the payment of one of the caller's orders, found by the order's id or the booking's id: the"
                        + " answer carries a payment card (__frontendAction) the client opens for the payer. No card"
                        + " details ever pass through a tool.",
                false,
                object(props("orderId", uuid("the order's id, or the id of the booking it sells")), "orderId"),
                result(
                        "The order and, while it is unpaid, the payment card to show",
                        props(
                                "orderId", Map.of("type", "string"),
                                "status", Map.of("type", "string"),
                                "amount", Map.of("type", "object")),
                        "orderId",
                        "status"),
                (caller, a) -> {
                    var order = billing.order(caller, a.requiredUuid("orderId"));
                    Map<String, Object> body = toMap(order);
                    return order.payable()
                            ? FrontendActions.with(
                                    body,
                                    FrontendActions.payment(
                                            order.orderId().value(), order.kind(), order.amount(), order.description()))
                            : body;
                });
    }

    private AgentTool wallet() {
        return new AgentTool(
                "my_wallet",
                "billing",
                "My wallet",
                "The caller's balances per currency (GET /api/v1/wallet/balance); tutors see what they may withdraw.",
                false,
                object(props()),
                result("Balances per currency", props("balances", Map.of("type", "array")), "balances"),
                (caller, a) -> billing.wallet(caller));
    }

    private AgentTool withdrawals() {
        return new AgentTool(
                "my_withdrawals",
                "billing",
                "My withdrawals",
                "A tutor's withdrawals, newest first (GET /api/v1/wallet/withdrawals). Tutors only.",
                false,
                object(paged()),
                page("A page of withdrawals"),
                (caller, a) -> billing.withdrawals(caller, a.page()));
    }

    private AgentTool conversations() {
        return new AgentTool(
                "list_conversations",
                "messaging",
                "My conversations",
                "The caller's conversations, latest message first, with unread counts (GET /api/v1/messages/threads).",
                false,
                object(paged()),
                page("A page of conversations"),
                (caller, a) -> messaging.conversations(caller, a.page()));
    }

    private AgentTool readConversation() {
        return new AgentTool(
                "read_conversation",
                "messaging",
                "Read a conversation",
                "A page of a conversation's messages, newest first (GET /api/v1/messages/threads/{id}); `before` a"
                        + " sequence pages back.",
                false,
                object(
                        props(
                                "conversationId", uuid("the conversation's id"),
                                "before", integer("only messages before this sequence", 1, Long.MAX_VALUE),
                                "limit", integer("messages, 1 to 100 (default 50)", 1, 100)),
                        "conversationId"),
                result(
                        "The conversation and a page of messages",
                        props("messages", Map.of("type", "array")),
                        "messages"),
                (caller, a) -> {
                    Integer limit = a.integer("limit");
                    return messaging.conversation(
                            caller,
                            a.requiredUuid("conversationId"),
                            a.longValue("before"),
                            limit == null ? 50 : limit);
                });
    }

    private AgentTool sendMessage() {
        return new AgentTool(
                "send_message",
                "messaging",
                "Send a message",
                "Sends a text message as the caller (POST /api/v1/messages) into a conversation, or to a person"
                        + " (opening the conversation when the tenant allows). Exactly one of conversationId and"
                        + " recipientId.",
                true,
                object(
                        props(
                                "conversationId", uuid("the conversation to write in"),
                                "recipientId", uuid("or the person to write to"),
                                "body", string("the message text", 10_000)),
                        "body"),
                result("The message sent", props("message", Map.of("type", "object")), "message"),
                (caller, a) -> {
                    var conversation = a.uuid("conversationId");
                    var recipient = a.uuid("recipientId");
                    if ((conversation == null) == (recipient == null)) {
                        throw ToolArguments.invalid(List.of(
                                new FieldError("conversationId", "give exactly one of conversationId and recipientId"),
                                new FieldError("recipientId", "give exactly one of conversationId and recipientId")));
                    }
                    return messaging.send(caller, conversation, recipient, a.requiredString("body"));
                });
    }

    private AgentTool approvalQueue() {
        return new AgentTool(
                "admin_approval_queue",
                "catalog",
                "Tutor profiles to review",
                "Admins: tutor profiles waiting for approval (GET /api/v1/admin/tutors/pending). Anyone else is refused"
                        + " with 403 auth.forbidden, as the route refuses them.",
                false,
                object(paged()),
                page("A page of profiles waiting for review"),
                (caller, a) -> FrontendActions.with(
                        toMap(catalog.approvalQueue(a.page())),
                        FrontendActions.dataView(
                                "Tutors to review",
                                "catalog",
                                "pendingTutors",
                                "/api/v1/admin/tutors/pending",
                                Map.of(),
                                List.of(
                                        FrontendActions.column("fullName", "Tutor"),
                                        FrontendActions.column("submittedAt", "Submitted")))));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(Object body) {
        return new LinkedHashMap<>((Map<String, Object>) json.convertValue(body, Map.class));
    }
}
