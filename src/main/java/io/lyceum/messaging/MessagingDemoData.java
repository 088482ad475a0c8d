package io.lyceum.messaging;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.platform.DemoDataContributor;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Demo data (order 70, after accounts, catalog and scheduling): conversations between the demo students, the demo
 * guardian, tutors and the admin, made through the same service as the API (so masking, read marks and sequences are
 * real): Aisha and Priya plan lessons (a phone number shared early is masked), Sophie talks to Eleanor while her
 * guardian reads along and writes to Eleanor in his own conversation, the admin sends Noah a notice and talks with
 * James.
 */
@Component
class MessagingDemoData implements DemoDataContributor {

    private final Messaging messaging;
    private final ConversationStore conversations;
    private final AccountsApi accounts;
    private final java.time.Clock clock;

    MessagingDemoData(
            Messaging messaging, ConversationStore conversations, AccountsApi accounts, java.time.Clock clock) {
        this.messaging = messaging;
        this.conversations = conversations;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "messaging";
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public void contribute() {
        CurrentUser aisha = user("aisha.khan", Role.STUDENT);
        CurrentUser priya = user("priya.raman", Role.TUTOR);
        CurrentUser sophie = user("sophie.clarke", Role.STUDENT);
        CurrentUser eleanor = user("eleanor.hughes", Role.TUTOR);
        CurrentUser guardian = user("demo.guardian", Role.GUARDIAN);
        CurrentUser admin = user("demo.admin", Role.ADMIN);
        CurrentUser noah = user("noah.patel", Role.STUDENT);
        CurrentUser james = user("james.oconnor", Role.TUTOR);

        UUID mathsChat = open(ConversationType.STUDENT_TUTOR, aisha, priya);
        UUID first = text(
                aisha,
                mathsChat,
                "Hi Priya! I have my GCSE maths mock in three weeks. Could we focus on "
                        + "quadratics and simultaneous equations?");
        text(
                priya,
                mathsChat,
                "Hello Aisha, absolutely. Bring the last two past papers you tried and we will start "
                        + "from the questions that went wrong.",
                first);
        text(aisha, mathsChat, "Great, thank you! My number is 07700 900461 if that is easier.");
        text(priya, mathsChat, "Let's keep to the chat here for now, it keeps everything about our lessons together.");
        conversations.markRead(mathsChat, aisha.userId().value(), 4, clock.instant());

        UUID englishChat = open(ConversationType.STUDENT_TUTOR, sophie, eleanor);
        text(eleanor, englishChat, "Hi Sophie, for Thursday please read chapters 3 and 4 of Of Mice and Men.");
        text(sophie, englishChat, "Will do! Should I take notes on the characters?");
        text(eleanor, englishChat, "Yes: a few lines on George and Lennie each, with one quotation.");

        UUID parentChat = open(ConversationType.GUARDIAN_TUTOR, guardian, eleanor);
        text(guardian, parentChat, "Hello Eleanor, thank you for the lessons with Sophie. How is she getting on?");
        text(
                eleanor,
                parentChat,
                "She is doing really well: her essays are clearer each week. We will work on "
                        + "timing for the exam next.");

        messaging.send(
                admin,
                new Messaging.SendCommand(
                        null,
                        noah.userId().value(),
                        MessageType.WARNING,
                        "Welcome to Lyceum! A reminder: lessons are booked and paid through the platform, which keeps "
                                + "your payments protected.",
                        null,
                        null,
                        WarningSeverity.INFO,
                        null,
                        null));

        var adminTutor = messaging.send(
                admin,
                new Messaging.SendCommand(
                        null,
                        james.userId().value(),
                        MessageType.TEXT,
                        "Hi James, a student asked whether you also teach A-level mechanics. Could you add it to your "
                                + "profile if so?",
                        null,
                        null,
                        null,
                        null,
                        null));
        text(james, adminTutor.message().conversationId(), "Thanks Marcus, I do. I will update my subjects today.");
    }

    private UUID open(ConversationType type, CurrentUser a, CurrentUser b) {
        return conversations
                .open(type, a.userId().value(), b.userId().value(), "DEMO", clock.instant())
                .id();
    }

    private UUID text(CurrentUser sender, UUID conversation, String body) {
        return text(sender, conversation, body, null);
    }

    private UUID text(CurrentUser sender, UUID conversation, String body, @Nullable UUID replyTo) {

        return messaging
                .send(
                        sender,
                        new Messaging.SendCommand(
                                conversation, null, MessageType.TEXT, body, replyTo, null, null, null, null))
                .message()
                .id();
    }

    private CurrentUser user(String name, Role role) {
        UUID id = accounts.findUserByEmail(name + "@lyceum.local")
                .orElseThrow(() -> new IllegalStateException("No demo user " + name + "@lyceum.local"))
                .id();
        return new CurrentUser(UserId.of(id), TenantContext.require(), role, null);
    }
}
