package io.lyceum.messaging;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.VerifiedAccess;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realtime hub at {@code /api/v1/ws}: JSON frames after seed 002's hub protocol (see {@code docs/messaging.md}).
 *
 * <p>A socket authenticates with its first frame ({@code {"type":"auth","token":...}}) or, in cookie mode, with the
 * access cookie on the upgrade request; it is closed when its token expires (4001: refresh and reconnect), when it
 * does not authenticate in time or authenticates badly (4401), after the idle timeout (4408) and after repeated bad
 * frames (4429). Every bad frame is answered by an error frame with a {@code code}; nothing is stored for it.
 *
 * <p>Rooms are conversations. What happens in a room reaches this instance through {@link RoomFanout}; for new
 * messages the hub reads what each joined socket has not seen yet from the table, by sequence, so a socket receives
 * every message of its rooms once and in order, even when a notification is lost.
 */
@Component
class ChatHub extends TextWebSocketHandler implements DisposableBean {

    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4001, "auth.token_expired");
    static final CloseStatus UNAUTHENTICATED = new CloseStatus(4401, "auth.invalid_token");
    static final CloseStatus IDLE = new CloseStatus(4408, "idle_timeout");
    static final CloseStatus VIOLATIONS = new CloseStatus(4429, "too_many_violations");
    static final String TOKEN_ATTRIBUTE = "lyceum.cookieToken";
    private static final int RESUME_BATCH = 500;
    private static final long TYPING_INTERVAL_MILLIS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(ChatHub.class);

    private final AccountsApi accounts;
    private final Messaging messaging;
    private final Moderation moderation;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final RoomFanout fanout;
    private final PresenceStore presence;
    private final MessagingProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("chat-hub-sweeper").daemon().factory());

    ChatHub(
            AccountsApi accounts,
            Messaging messaging,
            Moderation moderation,
            ConversationStore conversations,
            MessageStore messages,
            RoomFanout fanout,
            PresenceStore presence,
            MessagingProperties properties,
            JsonMapper json,
            Clock clock) {
        this.presence = presence;
        this.accounts = accounts;
        this.messaging = messaging;
        this.moderation = moderation;
        this.conversations = conversations;
        this.messages = messages;
        this.fanout = fanout;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        fanout.subscribe(this::onRoomEvent);
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        long refresh = PresenceStore.REFRESH.toMillis();
        sweeper.scheduleWithFixedDelay(this::refreshPresence, refresh, refresh, TimeUnit.MILLISECONDS);
    }

    /** One socket. */
    static final class Client {
        final WebSocketSession session;
        final Instant connectedAt;
        final Map<UUID, Membership> joined = new ConcurrentHashMap<>();
        final AtomicInteger violations = new AtomicInteger();
        volatile @Nullable CurrentUser user;
        volatile @Nullable Instant expiresAt;
        volatile long lastActivityNanos = System.nanoTime();

        Client(WebSocketSession session, Instant connectedAt) {
            this.session = session;
            this.connectedAt = connectedAt;
        }

        /** The user of a socket that has authenticated: only such a socket reaches rooms and frames other than auth. */
        CurrentUser authenticatedUser() {
            // set by the auth frame (or the cookie) before any other frame is handled, and never unset
            return Objects.requireNonNull(user, "the socket has not authenticated");
        }
    }

    /** A socket's place in a room: its access and the last message sequence it has been sent. */
    static final class Membership {
        final Access access;
        volatile long lastSeq;
        volatile long lastTypingMillis;

        Membership(Access access, long lastSeq) {
            this.access = access;
            this.lastSeq = lastSeq;
        }
    }

    /** The sockets of this instance joined to one conversation. */
    static final class Room {
        final UUID id;
        final TenantId tenant;
        final Set<Client> members = ConcurrentHashMap.newKeySet();

        Room(UUID id, TenantId tenant) {
            this.id = id;
            this.tenant = tenant;
        }
    }

    /**
     * Whether the user has an authenticated socket on this instance or, when a tenant is bound, on another instance
     * ({@link PresenceStore}: refreshed every 10 seconds, lapsed after 35 without).
     */
    boolean connected(UUID userId) {
        if (connectedHere(userId)) {
            return true;
        }
        if (TenantContext.current().isEmpty()) {
            return false;
        }
        try {
            return presence.onlineElsewhere(userId);
        } catch (RuntimeException e) {
            log.warn("Presence of other instances unknown: {}", e.toString());
            return false;
        }
    }

    private boolean connectedHere(UUID userId) {
        return clients.values().stream()
                .anyMatch(c -> c.user != null && c.user.userId().value().equals(userId));
    }

    /** This instance's sockets' users, tenant by tenant, marked online now. */
    private void refreshPresence() {
        Map<TenantId, Set<UUID>> online = new java.util.HashMap<>();
        for (Client client : clients.values()) {
            CurrentUser user = client.user;
            if (user != null) {
                online.computeIfAbsent(user.tenantId(), t -> new java.util.HashSet<>())
                        .add(user.userId().value());
            }
        }
        online.forEach((tenant, users) -> {
            try {
                presence.mark(tenant, users);
            } catch (RuntimeException e) {
                log.warn("Refreshing hub presence failed in tenant {}: {}", tenant.value(), e.toString());
            }
        });
    }

    int connectedSockets() {
        return clients.size();
    }

    // ---- lifecycle

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        var safe = new ConcurrentWebSocketSessionDecorator(
                session, 10_000, 1024 * 1024, ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        Client client = new Client(safe, clock.instant());
        clients.put(session.getId(), client);
        if (session.getAttributes().get(TOKEN_ATTRIBUTE) instanceof String token) {
            accounts.verifyAccessToken(token).ifPresent(access -> authenticated(client, access));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Client client = clients.remove(session.getId());
        if (client == null) {
            return;
        }
        for (UUID roomId : List.copyOf(client.joined.keySet())) {
            leaveRoom(client, roomId, true);
        }
        CurrentUser user = client.user;
        if (user != null && !connectedHere(user.userId().value())) {
            try {
                presence.remove(user.tenantId(), user.userId().value());
            } catch (RuntimeException e) {
                log.warn("Removing hub presence failed: {}", e.toString());
            }
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("WebSocket transport error on {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
        Set<TenantId> tenants = new java.util.HashSet<>();
        for (Client client : clients.values()) {
            if (client.user != null) {
                tenants.add(client.user.tenantId());
            }
            close(client, CloseStatus.GOING_AWAY);
        }
        for (TenantId tenant : tenants) {
            try {
                presence.removeInstance(tenant);
            } catch (RuntimeException e) {
                log.warn("Removing this instance's hub presence failed: {}", e.toString());
            }
        }
    }

    // ---- frames in

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Client client = clients.get(session.getId());
        if (client == null) {
            return;
        }
        client.lastActivityNanos = System.nanoTime();
        JsonNode frame;
        try {
            frame = json.readTree(message.getPayload());
        } catch (RuntimeException e) {
            violation(client, null, null, "frame.malformed", "Frames are JSON objects.");
            return;
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isString()) {
            violation(client, null, null, "frame.malformed", "Frames are JSON objects with a type.");
            return;
        }
        String type = frame.path("type").asString();
        if (client.user == null) {
            if ("auth".equals(type)) {
                authenticate(client, frame);
            } else {
                error(client, null, null, "auth.required", "Authenticate first: {\"type\":\"auth\",\"token\":...}.");
                close(client, UNAUTHENTICATED);
            }
            return;
        }
        CurrentUser user = client.user;
        TenantContext.runAs(user.tenantId(), () -> {
            try {
                switch (type) {
                    case "auth" -> authenticate(client, frame);
                    case "ping" -> send(client, Map.of("type", "pong"));
                    case "join" -> join(client, frame);
                    case "leave" -> leave(client, frame);
                    case "send" -> sendMessage(client, frame);
                    case "typing", "stopTyping" -> typing(client, frame, type);
                    case "read" -> read(client, frame);
                    case "block", "silence", "unblock", "unsilence" -> moderate(client, frame, type);
                    default -> violation(client, null, null, "frame.unknown_type", "Unknown frame type: " + clip(type));
                }
            } catch (LyceumException e) {
                violation(client, roomOf(frame), clientIdOf(frame), e.code(), e.getMessage());
            } catch (BadFrame e) {
                violation(client, roomOf(frame), clientIdOf(frame), "frame.invalid", e.getMessage());
            }
        });
    }

    private void authenticate(Client client, JsonNode frame) {
        String token = frame.path("token").isString() ? frame.path("token").asString() : null;
        var access = accounts.verifyAccessToken(token);
        if (access.isEmpty()) {
            error(client, null, null, "auth.invalid_token", "The access token is invalid or expired.");
            close(client, UNAUTHENTICATED);
            return;
        }
        if (client.user != null
                && !client.user.userId().equals(access.get().user().userId())) {
            error(client, null, null, "auth.user_changed", "A socket stays with one user; open a new one.");
            close(client, UNAUTHENTICATED);
            return;
        }
        authenticated(client, access.get());
    }

    private void authenticated(Client client, VerifiedAccess access) {
        client.user = access.user();
        client.expiresAt = access.expiresAt();
        try {
            presence.mark(
                    access.user().tenantId(), Set.of(access.user().userId().value()));
        } catch (RuntimeException e) {
            log.warn("Marking hub presence failed: {}", e.toString());
        }
        send(
                client,
                ordered(
                        "type", "authenticated",
                        "userId", access.user().userId().value(),
                        "role", access.user().role().name(),
                        "expiresAt", access.expiresAt().toString()));
    }

    private void join(Client client, JsonNode frame) {
        UUID roomId = requiredUuid(frame, "roomId");
        CurrentUser user = client.authenticatedUser();
        Conversation c = messaging.conversation(roomId);
        String reason = frame.path("accessReason").isString()
                ? frame.path("accessReason").asString()
                : null;
        Access access = client.joined.containsKey(roomId)
                ? client.joined.get(roomId).access
                : messaging.access(user, c, reason);
        if (c.isClosed()) {
            throw LyceumException.conflict("conversation.closed", "This conversation is closed.");
        }
        if (messages.activeRestriction(roomId, user.userId().value(), "BLOCKED", clock.instant())
                .isPresent()) {
            throw LyceumException.forbidden("chat.blocked", "You are blocked in this conversation.");
        }
        if (!client.joined.containsKey(roomId) && roomsOf(user.userId().value()) >= properties.maxRoomsPerUser()) {
            throw LyceumException.conflict(
                    "room.too_many_rooms", "At most " + properties.maxRoomsPerUser() + " rooms at once.");
        }
        Long resumeFrom =
                frame.path("lastSeq").isIntegralNumber() ? frame.path("lastSeq").asLong() : null;
        boolean announce;
        while (true) {
            Room room = rooms.computeIfAbsent(roomId, id -> new Room(id, user.tenantId()));
            synchronized (room) {
                // a leave of the room's last member may have dropped it between the lookup and the lock; events reach
                // only the registered room, so a dropped one is never entered: the next lookup makes a fresh one
                if (rooms.get(roomId) == room) {
                    announce = enter(room, client, c, access, resumeFrom);
                    break;
                }
            }
        }
        if (announce) {
            fanout.publish(RoomEvent.presence(
                    user.tenantId().value(),
                    roomId,
                    RoomEvent.ONLINE,
                    user.userId().value()));
        }
    }

    /**
     * Adds the client to the room (the caller holds the room's lock) and sends it the room's state and history; returns
     * whether its user was not in the room before, so the others are told they came online.
     */
    private boolean enter(Room room, Client client, Conversation c, Access access, @Nullable Long resumeFrom) {
        UUID roomId = room.id;
        CurrentUser user = client.authenticatedUser();
        long distinctOthers = room.members.stream()
                .map(m -> m.authenticatedUser().userId())
                .filter(id -> !id.equals(user.userId()))
                .distinct()
                .count();
        if (distinctOthers >= properties.maxMembersPerRoom()) {
            throw LyceumException.conflict(
                    "room.full", "At most " + properties.maxMembersPerRoom() + " people in a room at once.");
        }
        boolean announce = room.members.stream()
                .noneMatch(m -> m.authenticatedUser().userId().equals(user.userId()));
        List<ChatMessage> history;
        long seen;
        boolean more = false;
        if (resumeFrom != null) {
            history = messages.newer(roomId, Math.max(resumeFrom, 0), RESUME_BATCH + 1);
            more = history.size() > RESUME_BATCH;
            if (more) {
                history = history.subList(0, RESUME_BATCH);
            }
            seen = history.isEmpty()
                    ? Math.max(resumeFrom, 0)
                    : history.getLast().seq();
        } else {
            history = messages.older(roomId, null, properties.historyOnJoin());
            seen = history.isEmpty() ? 0 : history.getFirst().seq();
        }
        client.joined.put(roomId, new Membership(access, seen));
        room.members.add(client);
        var participants = new ArrayList<Map<String, Object>>();
        for (var mark : conversations.readMarks(roomId)) {
            participants.add(ordered("userId", mark.userId(), "lastReadSeq", mark.lastReadSeq()));
        }
        send(
                client,
                ordered(
                        "type",
                        "joined",
                        "roomId",
                        roomId,
                        "role",
                        access.role(),
                        "conversationType",
                        c.type().name(),
                        "userInfo",
                        ordered(
                                "id",
                                user.userId().value(),
                                "fullName",
                                messaging.senderName(user.userId().value())),
                        "readMarks",
                        participants));
        send(
                client,
                ordered(
                        "type",
                        "history",
                        "roomId",
                        roomId,
                        "order",
                        resumeFrom != null ? "oldest_first" : "newest_first",
                        "resumedAfter",
                        resumeFrom,
                        "hasMore",
                        more,
                        "messages",
                        history.stream().map(m -> MessageView.of(m, json)).toList()));
        return announce;
    }

    private void leave(Client client, JsonNode frame) {
        UUID roomId = requiredUuid(frame, "roomId");
        if (!client.joined.containsKey(roomId)) {
            throw LyceumException.conflict("room.not_joined", "Join the room first.");
        }
        leaveRoom(client, roomId, true);
        send(client, ordered("type", "left", "roomId", roomId));
    }

    private void leaveRoom(Client client, UUID roomId, boolean announce) {
        client.joined.remove(roomId);
        CurrentUser user = client.user;
        Room room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        boolean stillThere;
        synchronized (room) {
            room.members.remove(client);
            stillThere = user != null
                    && room.members.stream()
                            .anyMatch(m -> m.authenticatedUser().userId().equals(user.userId()));
            if (room.members.isEmpty()) {
                rooms.remove(roomId, room);
            }
        }
        if (announce && user != null && !stillThere) {
            try {
                TenantContext.runAs(
                        user.tenantId(),
                        () -> fanout.publish(RoomEvent.presence(
                                user.tenantId().value(),
                                roomId,
                                RoomEvent.OFFLINE,
                                user.userId().value())));
            } catch (RuntimeException e) {
                log.debug("Could not announce {} leaving {}: {}", user.userId().value(), roomId, e.toString());
            }
        }
    }

    private void sendMessage(Client client, JsonNode frame) {
        UUID roomId = requiredUuid(frame, "roomId");
        Membership membership = joinedOrFail(client, roomId);
        String clientId = clientIdOf(frame);
        if (!membership.access.maySend()) {
            throw LyceumException.forbidden("message.read_only", "You may read this conversation but not write.");
        }
        String typeName =
                frame.path("messageType").isString() ? frame.path("messageType").asString() : "text";
        MessageType type;
        try {
            type = MessageType.valueOf(typeName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadFrame("messageType is text or warning.");
        }
        JsonNode content = frame.path("content");
        String body = content.path("body").isString() ? content.path("body").asString() : null;
        UUID replyTo = frame.hasNonNull("replyTo") ? requiredUuid(frame, "replyTo") : null;
        WarningSeverity severity = null;
        if (content.path("severity").isString()) {
            try {
                severity = WarningSeverity.valueOf(
                        content.path("severity").asString().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadFrame("severity is info, warning or critical.");
            }
        }
        var sent = messaging.send(
                client.authenticatedUser(),
                new Messaging.SendCommand(
                        roomId,
                        null,
                        type,
                        body,
                        replyTo,
                        clientId,
                        severity,
                        content.path("resolutionType").isString()
                                ? content.path("resolutionType").asString()
                                : null,
                        null));
        send(
                client,
                ordered(
                        "type", "ack",
                        "roomId", roomId,
                        "clientId", clientId,
                        "messageId", sent.message().id(),
                        "seq", sent.message().seq(),
                        "masked", sent.message().masked(),
                        "notice", sent.notice()));
    }

    private void typing(Client client, JsonNode frame, String type) {
        UUID roomId = requiredUuid(frame, "roomId");
        Membership membership = joinedOrFail(client, roomId);
        if (!membership.access.maySend()) {
            return; // readers do not type
        }
        long now = System.nanoTime() / 1_000_000; // a monotonic interval, not a time of day
        if ("typing".equals(type) && now - membership.lastTypingMillis < TYPING_INTERVAL_MILLIS) {
            return; // one typing notice per interval is enough; the rest would only load NOTIFY
        }
        membership.lastTypingMillis = "typing".equals(type) ? now : 0;
        CurrentUser user = client.authenticatedUser();
        fanout.publish(RoomEvent.presence(
                user.tenantId().value(),
                roomId,
                "typing".equals(type) ? RoomEvent.TYPING : RoomEvent.STOP_TYPING,
                user.userId().value()));
    }

    private void read(Client client, JsonNode frame) {
        UUID roomId = requiredUuid(frame, "roomId");
        Membership membership = joinedOrFail(client, roomId);
        if (!frame.path("seq").isIntegralNumber()) {
            throw new BadFrame("seq (the last message sequence read) is required.");
        }
        if (membership.access == Access.MODERATOR) {
            return; // an admin's audited read leaves no read mark
        }
        messaging.markRead(
                client.authenticatedUser(),
                messaging.conversation(roomId),
                frame.path("seq").asLong());
    }

    private void moderate(Client client, JsonNode frame, String type) {
        UUID roomId = requiredUuid(frame, "roomId");
        UUID target = requiredUuid(frame, "userId");
        Integer duration = frame.path("duration").isIntegralNumber()
                ? frame.path("duration").asInt()
                : null;
        String reason = frame.path("reason").isString() ? frame.path("reason").asString() : null;
        moderation.apply(client.authenticatedUser(), roomId, Moderation.Command.parse(type), target, reason, duration);
        send(client, ordered("type", "moderated", "roomId", roomId, "action", type, "userId", target));
    }

    private Membership joinedOrFail(Client client, UUID roomId) {
        Membership membership = client.joined.get(roomId);
        if (membership == null) {
            throw LyceumException.conflict("room.not_joined", "Join the room first.");
        }
        return membership;
    }

    // ---- events out

    void onRoomEvent(RoomEvent event) {
        TenantId tenant = new TenantId(event.tenantId());
        if (RoomEvent.UNBLOCKED.equals(event.kind()) || RoomEvent.USER.equals(event.kind())) {
            TenantContext.runAs(tenant, () -> toUserSockets(event));
            return;
        }
        UUID roomId = event.roomId();
        Room room = roomId == null ? null : rooms.get(roomId);
        if (room == null) {
            return;
        }
        TenantContext.runAs(tenant, () -> {
            switch (event.kind()) {
                case RoomEvent.MESSAGE -> deliverNewMessages(room);
                case RoomEvent.EDITED, RoomEvent.DELETED ->
                    // Messaging publishes edits and deletions with the message's id
                    messages.find(Objects.requireNonNull(event.messageId(), "an edit or deletion names its message"))
                            .ifPresent(m -> broadcast(
                                    room,
                                    null,
                                    ordered(
                                            "type",
                                            event.kind(),
                                            "roomId",
                                            room.id,
                                            "message",
                                            MessageView.of(m, json))));
                case RoomEvent.READ ->
                    broadcast(
                            room,
                            null,
                            ordered("type", "read", "roomId", room.id, "userId", event.userId(), "seq", event.seq()));
                case RoomEvent.TYPING, RoomEvent.STOP_TYPING ->
                    broadcast(
                            room,
                            event.userId(),
                            ordered("type", event.kind(), "roomId", room.id, "userId", event.userId()));
                case RoomEvent.ONLINE, RoomEvent.OFFLINE ->
                    broadcast(
                            room,
                            event.userId(),
                            ordered(
                                    "type",
                                    "presence",
                                    "roomId",
                                    room.id,
                                    "event",
                                    event.kind(),
                                    "userId",
                                    event.userId()));
                case RoomEvent.BLOCKED -> kick(room, event);
                case RoomEvent.SILENCED, RoomEvent.UNSILENCED ->
                    toUser(
                            room,
                            event.userId(),
                            ordered("type", event.kind(), "roomId", room.id, "reason", event.note()));
                default -> log.debug("Ignoring room event {}", event.kind());
            }
        });
    }

    /** Events for one user's sockets wherever they are, joined to the room or not. */
    private void toUserSockets(RoomEvent event) {
        var sockets = clients.values().stream()
                .filter(c -> c.user != null && c.user.userId().value().equals(event.userId()));
        if (RoomEvent.USER.equals(event.kind())) {
            sockets.forEach(c -> send(c, ordered("type", event.note(), "id", event.messageId())));
        } else {
            sockets.forEach(c -> send(c, ordered("type", "unblocked", "roomId", event.roomId())));
        }
    }

    /** Sends each joined socket the messages it has not been sent yet, in sequence order. */
    private void deliverNewMessages(Room room) {
        synchronized (room) {
            long from = room.members.stream()
                    .map(c -> c.joined.get(room.id))
                    .filter(java.util.Objects::nonNull)
                    .mapToLong(m -> m.lastSeq)
                    .min()
                    .orElse(Long.MAX_VALUE);
            if (from == Long.MAX_VALUE) {
                return;
            }
            List<ChatMessage> fresh;
            do {
                fresh = messages.newer(room.id, from, RESUME_BATCH);
                for (ChatMessage m : fresh) {
                    String frame = json.writeValueAsString(
                            ordered("type", "message", "roomId", room.id, "message", MessageView.of(m, json)));
                    for (Client client : room.members) {
                        Membership membership = client.joined.get(room.id);
                        if (membership != null && m.seq() > membership.lastSeq) {
                            sendRaw(client, frame);
                            membership.lastSeq = m.seq();
                        }
                    }
                    from = m.seq();
                }
            } while (fresh.size() == RESUME_BATCH);
        }
    }

    private void kick(Room room, RoomEvent event) {
        for (Client client : List.copyOf(room.members)) {
            if (client.authenticatedUser().userId().value().equals(event.userId())) {
                // out of the room before told: a send answering the notice must already find the client gone
                leaveRoom(client, room.id, false);
                send(client, ordered("type", "blocked", "roomId", room.id, "reason", event.note()));
            }
        }
    }

    private void toUser(Room room, @Nullable UUID userId, Map<String, Object> frame) {
        for (Client client : room.members) {
            if (client.authenticatedUser().userId().value().equals(userId)) {
                send(client, frame);
            }
        }
    }

    private void broadcast(Room room, @Nullable UUID except, Map<String, Object> frame) {
        String text = json.writeValueAsString(frame);
        for (Client client : room.members) {
            if (except == null || !client.authenticatedUser().userId().value().equals(except)) {
                sendRaw(client, text);
            }
        }
    }

    // ---- housekeeping

    private void sweep() {
        Instant now = clock.instant();
        long idleNanos = properties.idleTimeout().toNanos();
        for (Client client : clients.values()) {
            try {
                if (client.user == null) {
                    if (client.connectedAt.plus(properties.authTimeout()).isBefore(now)) {
                        error(
                                client,
                                null,
                                null,
                                "auth.timeout",
                                "Authenticate within "
                                        + properties.authTimeout().toSeconds() + " seconds of connecting.");
                        close(client, UNAUTHENTICATED);
                    }
                } else if (client.expiresAt != null && !client.expiresAt.isAfter(now)) {
                    error(
                            client,
                            null,
                            null,
                            "auth.token_expired",
                            "The access token expired: refresh it and "
                                    + "reconnect, resuming from the last sequence you saw.");
                    close(client, TOKEN_EXPIRED);
                } else if (System.nanoTime() - client.lastActivityNanos > idleNanos) {
                    close(client, IDLE);
                }
            } catch (RuntimeException e) {
                log.debug("Sweeping socket {} failed: {}", client.session.getId(), e.toString());
            }
        }
    }

    private int roomsOf(UUID userId) {
        return clients.values().stream()
                .filter(c -> c.user != null && c.user.userId().value().equals(userId))
                .mapToInt(c -> c.joined.size())
                .sum();
    }

    private void violation(
            Client client, @Nullable UUID roomId, @Nullable String clientId, String code, @Nullable String message) {
        error(client, roomId, clientId, code, message);
        if (client.violations.incrementAndGet() >= properties.maxViolations()) {
            close(client, VIOLATIONS);
        }
    }

    private void error(
            Client client, @Nullable UUID roomId, @Nullable String clientId, String code, @Nullable String message) {
        Map<String, Object> frame = ordered("type", "error", "code", code, "message", message);
        if (roomId != null) {
            frame.put("roomId", roomId);
        }
        if (clientId != null) {
            frame.put("clientId", clientId);
        }
        send(client, frame);
    }

    private void send(Client client, Map<String, Object> frame) {
        sendRaw(client, json.writeValueAsString(frame));
    }

    private void sendRaw(Client client, String text) {
        if (!client.session.isOpen()) {
            return;
        }
        try {
            client.session.sendMessage(new TextMessage(text));
        } catch (IOException | RuntimeException e) {
            log.debug("Could not send to socket {}: {}", client.session.getId(), e.toString());
        }
    }

    private void close(Client client, CloseStatus status) {
        try {
            client.session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing socket {} failed: {}", client.session.getId(), e.toString());
        }
    }

    // ---- frame fields

    /** A frame field that is missing or malformed. */
    static final class BadFrame extends RuntimeException {
        BadFrame(String message) {
            super(message, null, false, false);
        }
    }

    private static UUID requiredUuid(JsonNode frame, String field) {
        JsonNode value = frame.path(field);
        if (!value.isString()) {
            throw new BadFrame(field + " is required.");
        }
        try {
            return UUID.fromString(value.asString());
        } catch (IllegalArgumentException e) {
            throw new BadFrame(field + " is not an id.");
        }
    }

    private static @Nullable UUID roomOf(JsonNode frame) {
        try {
            return frame.path("roomId").isString()
                    ? UUID.fromString(frame.path("roomId").asString())
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String clientIdOf(JsonNode frame) {
        JsonNode value = frame.path("clientId");
        return value.isString() ? clip(value.asString()) : null;
    }

    private static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64);
    }

    static Map<String, Object> ordered(@Nullable Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
