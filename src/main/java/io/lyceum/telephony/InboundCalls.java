package io.lyceum.telephony;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.UserSummary;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Calls to the tenant's Vapi number. Vapi asks for an assistant ({@code assistant-request}); the answer knows the
 * caller by their verified mobile number and offers two tools, {@code next_lesson} and {@code cancel_next_lesson}.
 * Vapi then sends the model's tool calls ({@code tool-calls}); each acts as the user who verified the calling number
 * (read again from the call, never from the model's arguments), through {@link SchedulingApi} with the rules of the
 * API: a late cancellation pays the fee the tenant's policy sets. A number no single user verified gets an assistant
 * that says so and offers no tools. The assistant speaks, and the tools answer, in the caller's language ({@link
 * PhoneTexts}).
 */
@Service
class InboundCalls {

    static final String NEXT_LESSON = "next_lesson";
    static final String CANCEL_NEXT_LESSON = "cancel_next_lesson";
    static final String CANCEL_REASON = "Cancelled by phone";
    private static final Logger log = LoggerFactory.getLogger(InboundCalls.class);

    private final AccountsApi accounts;
    private final SchedulingApi scheduling;
    private final CallLogs calls;
    private final WebhookReceipts receipts;
    private final CallbackUrls urls;
    private final TelephonyProperties properties;
    private final TransactionTemplate transactions;
    private final PhoneTexts texts;

    InboundCalls(
            AccountsApi accounts,
            SchedulingApi scheduling,
            CallLogs calls,
            WebhookReceipts receipts,
            CallbackUrls urls,
            TelephonyProperties properties,
            TransactionTemplate transactions,
            PhoneTexts texts) {
        this.texts = texts;
        this.accounts = accounts;
        this.scheduling = scheduling;
        this.calls = calls;
        this.receipts = receipts;
        this.urls = urls;
        this.properties = properties;
        this.transactions = transactions;
    }

    /** The answer to {@code assistant-request}: {@code {"assistant": {...}}}. */
    Map<String, Object> assistant(String provider, JsonNode message) {
        JsonNode call = message.path("call");
        String callId = VapiCalls.text(call, "id");
        if (callId == null) {
            throw WebhookRequests.malformed("An assistant-request names its call.");
        }
        String number = VapiCalls.text(call.path("customer"), "number");
        Optional<UserSummary> caller = caller(number);
        transactions.executeWithoutResult(tx -> {
            receipts.recordOrRefuse(provider, "assistant:" + callId);
            calls.recordInbound(provider, callId, caller.map(UserSummary::id).orElse(null), number);
        });
        Map<String, Object> assistant = new LinkedHashMap<>();
        assistant.put("name", "Lyceum lessons");
        Locale locale = texts.localeOf(caller);
        String system;
        if (caller.isPresent()) {
            UserSummary user = caller.get();
            assistant.put("firstMessage", texts.text(locale, "voice.greeting", firstName(user.fullName(), locale)));
            system = texts.text(
                    locale,
                    "voice.system",
                    user.fullName(),
                    texts.text(locale, "voice.role." + user.role().name()));
        } else {
            assistant.put("firstMessage", texts.text(locale, "voice.greeting.unknown"));
            system = texts.text(locale, "voice.system.unknown");
        }
        if (!locale.getLanguage().equals("en")) {
            // Vapi transcribes English unless told otherwise
            assistant.put(
                    "transcriber", Map.of("provider", "deepgram", "model", "nova-2", "language", locale.getLanguage()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("provider", properties.vapi().modelProvider());
        model.put("model", properties.vapi().model());
        model.put("messages", List.of(Map.of("role", "system", "content", system)));
        if (caller.isPresent()) {
            model.put(
                    "tools",
                    List.of(
                            tool(NEXT_LESSON, "Tells the caller's next lesson (date, time, state).", Map.of()),
                            tool(
                                    CANCEL_NEXT_LESSON,
                                    "Cancels the caller's next lesson under the cancellation policy, after they confirmed.",
                                    Map.of(
                                            "reason",
                                            Map.of("type", "string", "description", "Why, in the caller's words")))));
        }
        assistant.put("model", model);
        assistant.put("endCallFunctionEnabled", true);
        assistant.put("maxDurationSeconds", 600);
        assistant.put("serverMessages", List.of("status-update", "end-of-call-report", "tool-calls"));
        assistant.put(
                "server", Map.of("url", urls.vapiEvents(TenantContext.require().value())));
        return Map.of("assistant", assistant);
    }

    /** The answer to {@code tool-calls}: {@code {"results": [{"toolCallId": ..., "result": ...}]}}. */
    Map<String, Object> toolCalls(String provider, JsonNode message) {
        JsonNode call = message.path("call");
        String callId = VapiCalls.text(call, "id");
        JsonNode list = message.path("toolCallList");
        if (callId == null || !list.isArray()) {
            throw WebhookRequests.malformed("A tool-calls message names its call and its toolCallList.");
        }
        List<String> ids = new ArrayList<>();
        list.forEach(toolCall -> ids.add(VapiCalls.text(toolCall, "id")));
        if (ids.stream().anyMatch(id -> id == null)) {
            throw WebhookRequests.malformed("Every tool call has an id.");
        }
        transactions.executeWithoutResult(
                tx -> receipts.recordOrRefuse(provider, "tools:" + callId + ":" + String.join(",", ids)));
        // who is calling comes from the call (the number Vapi connected), never from what the model says
        Optional<UserSummary> caller = caller(VapiCalls.text(call.path("customer"), "number"));
        Locale locale = texts.localeOf(caller);
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode toolCall : list) {
            String name = VapiCalls.text(toolCall.path("function"), "name");
            String result = caller.isEmpty()
                    ? texts.text(locale, "voice.unknown_caller")
                    : run(caller.get(), name == null ? "" : name, locale);
            results.add(Map.of("toolCallId", VapiCalls.text(toolCall, "id"), "result", result));
        }
        return Map.of("results", results);
    }

    private String run(UserSummary user, String tool, Locale locale) {
        CurrentUser actor = new CurrentUser(UserId.of(user.id()), TenantContext.require(), user.role(), null);
        List<BookingSummary> next = scheduling.upcomingLessons(actor, 1);
        return switch (tool) {
            case NEXT_LESSON ->
                next.isEmpty()
                        ? texts.text(locale, "voice.no_lessons")
                        : texts.text(
                                locale,
                                "voice.next_lesson",
                                texts.time(next.getFirst().startsAt(), user.timeZone(), locale),
                                state(next.getFirst(), locale));
            case CANCEL_NEXT_LESSON ->
                next.isEmpty()
                        ? texts.text(locale, "voice.nothing_to_cancel")
                        : cancel(actor, user, next.getFirst(), locale);
            default -> texts.text(locale, "voice.unknown_tool", tool);
        };
    }

    /** A lesson's state as said on the phone: the known ones in words, any other as its name. */
    private String state(BookingSummary lesson, Locale locale) {
        String name = lesson.state().name();
        return texts.optional(locale, "voice.state." + name)
                .orElse(name.toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    private String cancel(CurrentUser actor, UserSummary user, BookingSummary lesson, Locale locale) {
        try {
            var cancelled = scheduling.cancelAs(actor, lesson.bookingId(), CANCEL_REASON);
            String when = texts.time(lesson.startsAt(), user.timeZone(), locale);
            if (cancelled.fee().isPositive()) {
                return texts.text(
                        locale,
                        "voice.cancelled_late",
                        when,
                        PhoneTexts.money(cancelled.fee(), locale),
                        PhoneTexts.money(cancelled.refund(), locale));
            }
            return cancelled.refund().isPositive()
                    ? texts.text(locale, "voice.cancelled_refund", when, PhoneTexts.money(cancelled.refund(), locale))
                    : texts.text(locale, "voice.cancelled", when);
        } catch (LyceumException e) {
            log.info("Phone cancellation of booking {} by {} refused: {}", lesson.bookingId(), user.id(), e.code());
            // the rule's own explanation is the API's (English) problem detail
            return texts.text(locale, "voice.not_cancelled", e.getMessage());
        }
    }

    private Optional<UserSummary> caller(@Nullable String number) {
        return number == null || !SmsSending.E164.matcher(number).matches()
                ? Optional.empty()
                : accounts.findByVerifiedMobile(number).filter(UserSummary::active);
    }

    private static Map<String, Object> tool(String name, String description, Map<String, Object> properties) {
        return Map.of(
                "type",
                "function",
                "function",
                Map.of(
                        "name",
                        name,
                        "description",
                        description,
                        "parameters",
                        Map.of("type", "object", "properties", properties)));
    }

    private String firstName(String fullName, Locale locale) {
        if (fullName == null || fullName.isBlank()) {
            return texts.text(locale, "voice.someone");
        }
        return fullName.strip().split("\\s+")[0];
    }
}
