package io.lyceum.telephony;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.accounts.UserSummary;
import io.lyceum.scheduling.BookingSummary;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.TutorId;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replies to our number. The sender is known only by a verified mobile number (accounts); the reply acts as that
 * user through {@link SchedulingApi} with the rules of the API. Keywords are matched whole, ignoring case, spaces and
 * trailing punctuation:
 *
 * <ul>
 *   <li>{@code STOP} and the carriers' synonyms ({@code STOPALL}, {@code UNSUBSCRIBE}, {@code CANCEL}, {@code END},
 *       {@code QUIT}, {@code REVOKE}, {@code OPTOUT}) opt the number out, whoever sends them;
 *   <li>{@code START}, {@code UNSTOP} opt it back in; {@code YES} (or {@code OUI}) does too (as Twilio's opt-out
 *       handling does) and, from a tutor's verified mobile, confirms their oldest requested lesson;
 *   <li>{@code HELP}, {@code INFO}, {@code AIDE} answer what can be replied.
 * </ul>
 *
 * Anything else, and {@code YES} from a number no single user verified, gets a polite answer and changes nothing. The
 * answer is in the sender's language ({@link PhoneTexts}); English for a number no single user verified.
 */
@Service
class InboundSms {

    static final Set<String> STOP =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
    static final Set<String> START = Set.of("START", "UNSTOP");
    static final Set<String> HELP = Set.of("HELP", "INFO", "AIDE");
    static final Set<String> YES = Set.of("YES", "OUI");

    private static final Logger log = LoggerFactory.getLogger(InboundSms.class);

    private final AccountsApi accounts;
    private final SchedulingApi scheduling;
    private final OptOuts optOuts;
    private final SmsLog smsLog;
    private final WebhookReceipts receipts;
    private final TransactionTemplate transactions;
    private final PhoneTexts texts;

    InboundSms(
            AccountsApi accounts,
            SchedulingApi scheduling,
            OptOuts optOuts,
            SmsLog smsLog,
            WebhookReceipts receipts,
            TransactionTemplate transactions,
            PhoneTexts texts) {
        this.texts = texts;
        this.accounts = accounts;
        this.scheduling = scheduling;
        this.optOuts = optOuts;
        this.smsLog = smsLog;
        this.receipts = receipts;
        this.transactions = transactions;
    }

    /**
     * Handles one verified inbound message in the current tenant and returns the text to answer with. The receipt
     * (refusing a replay), the log entry and any opt-out change commit together; a confirmation then runs in its
     * own transaction, as the API's does.
     */
    // a callback of transactions.execute may answer null, which NullAway's non-generic mode cannot express
    @SuppressWarnings("NullAway")
    String receive(
            String provider, String messageSid, @Nullable String from, @Nullable String to, @Nullable String body) {
        String keyword = keyword(body);
        boolean wellFormedNumber = from != null && SmsSending.E164.matcher(from).matches();
        Optional<UserSummary> sender = wellFormedNumber ? accounts.findByVerifiedMobile(from) : Optional.empty();
        Locale locale = texts.localeOf(sender);
        String reply = transactions.execute(tx -> {
            receipts.recordOrRefuse(provider, "inbound:" + messageSid);
            smsLog.recordInbound(
                    provider, messageSid, sender.map(UserSummary::id).orElse(null), from, to, body == null ? "" : body);
            if (!wellFormedNumber) {
                return texts.text(locale, "sms.not_understood");
            }
            if (STOP.contains(keyword)) {
                optOuts.optOut(from, keyword);
                return texts.text(locale, "sms.stopped");
            }
            if (START.contains(keyword)) {
                optOuts.optIn(from);
                return texts.text(locale, "sms.started");
            }
            if (YES.contains(keyword)) {
                optOuts.optIn(from);
                return null; // decided below, outside this transaction
            }
            if (HELP.contains(keyword)) {
                return texts.text(locale, "sms.help");
            }
            return texts.text(locale, sender.isEmpty() ? "sms.unknown_number" : "sms.not_understood");
        });
        return reply != null ? reply : confirm(sender, locale);
    }

    private String confirm(Optional<UserSummary> sender, Locale locale) {
        if (sender.isEmpty()) {
            return texts.text(locale, "sms.unknown_number");
        }
        UserSummary tutor = sender.get();
        if (tutor.role() != Role.TUTOR) {
            return texts.text(locale, "sms.only_tutors");
        }
        Optional<BookingSummary> requested = scheduling.oldestRequestedFor(TutorId.of(tutor.id()));
        if (requested.isEmpty()) {
            return texts.text(locale, "sms.nothing_to_confirm");
        }
        CurrentUser actor = new CurrentUser(UserId.of(tutor.id()), TenantContext.require(), tutor.role(), null);
        try {
            BookingSummary confirmed =
                    scheduling.confirmAs(actor, requested.get().bookingId());
            return texts.text(locale, "sms.confirmed", texts.time(confirmed.startsAt(), tutor.timeZone(), locale));
        } catch (LyceumException e) {
            log.info(
                    "SMS YES from tutor {} could not confirm booking {}: {}",
                    tutor.id(),
                    requested.get().bookingId(),
                    e.code());
            // the rule's own explanation is the API's (English) problem detail
            return texts.text(locale, "sms.not_confirmed", e.getMessage());
        }
    }

    /** The reply as a keyword: upper case, spaces and trailing punctuation removed ("Stop." is STOP). */
    static String keyword(@Nullable String body) {
        if (body == null) {
            return "";
        }
        String text = body.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s.!?]+$", "");
        return text.replaceAll("\\s+", "");
    }
}
