package io.lyceum.messaging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Messaging guardrails ({@code lyceum.messaging.*}); defaults after seed 002's hub guardrails.
 *
 * @param messagesPerMinute messages one user may send per minute, over all their conversations and instances
 * @param maxMessageBytes the largest message text, in UTF-8 bytes
 * @param maxRoomsPerUser rooms one user may have joined at once on an instance
 * @param maxMembersPerRoom distinct users joined to one room at once on an instance
 * @param idleTimeout a socket that sends nothing (not even a ping) for this long is closed
 * @param authTimeout a socket must authenticate within this
 * @param maxViolations bad frames a socket may send before it is closed
 * @param editWindow how long after sending a message its sender may edit it
 * @param historyOnJoin messages sent right after a join
 * @param maxAttachmentBytes the largest attachment
 * @param fanoutChannel the PostgreSQL NOTIFY channel
 */
@Validated
@ConfigurationProperties("lyceum.messaging")
record MessagingProperties(
        @Positive Integer messagesPerMinute,
        @Min(16) Integer maxMessageBytes,
        @Positive Integer maxRoomsPerUser,
        @Min(2) Integer maxMembersPerRoom,
        @DurationMin(seconds = 1) Duration idleTimeout,
        @DurationMin(seconds = 1) Duration authTimeout,
        @Positive Integer maxViolations,
        @DurationMin(seconds = 0) Duration editWindow,
        @Min(0) @Max(500) Integer historyOnJoin,
        @Positive Long maxAttachmentBytes,
        String fanoutChannel) {

    MessagingProperties {
        messagesPerMinute = messagesPerMinute == null ? 30 : messagesPerMinute;
        maxMessageBytes = maxMessageBytes == null ? 65_536 : maxMessageBytes;
        maxRoomsPerUser = maxRoomsPerUser == null ? 100 : maxRoomsPerUser;
        maxMembersPerRoom = maxMembersPerRoom == null ? 10 : maxMembersPerRoom;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(5) : idleTimeout;
        authTimeout = authTimeout == null ? Duration.ofSeconds(10) : authTimeout;
        maxViolations = maxViolations == null ? 10 : maxViolations;
        editWindow = editWindow == null ? Duration.ofMinutes(15) : editWindow;
        historyOnJoin = historyOnJoin == null ? 50 : historyOnJoin;
        maxAttachmentBytes = maxAttachmentBytes == null ? 10L * 1024 * 1024 : maxAttachmentBytes;
        fanoutChannel = fanoutChannel == null || fanoutChannel.isBlank() ? "lyceum_chat" : fanoutChannel;
        if (!fanoutChannel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("lyceum.messaging.fanout-channel must be a plain lower-case name");
        }
    }
}
