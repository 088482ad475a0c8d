package io.lyceum.messaging;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.platform.FileStorage;
import io.lyceum.platform.ImageFormat;
import io.lyceum.shared.ErrorKind;
import io.lyceum.shared.FieldError;
import io.lyceum.shared.Ids;
import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenantContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files sent in a conversation: images (PNG, JPEG, WebP, GIF), PDF documents and plain text, recognised by their
 * content, never by name or declared type. The bytes go to the platform's {@link FileStorage} before the message's
 * transaction (no outside call while it holds locks) and are removed again if the message cannot be stored.
 * Downloads are for the conversation's readers only.
 */
@Service
class Attachments {

    private final Messaging messaging;
    private final MessageStore messages;
    private final FileStorage storage;
    private final MessagingProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Attachments(
            Messaging messaging,
            MessageStore messages,
            FileStorage storage,
            MessagingProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.messaging = messaging;
        this.messages = messages;
        this.storage = storage;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Kind(MessageType type, String contentType) {}

    Messaging.Sent send(
            CurrentUser caller,
            UUID conversationId,
            @Nullable String fileName,
            long declaredSize,
            InputStream content,
            @Nullable String caption,
            @Nullable String clientId) {
        Conversation c = messaging.conversation(conversationId);
        Access access = messaging.access(caller, c, null);
        if (!access.maySend()) {
            throw LyceumException.forbidden("message.read_only", "You may read this conversation but not write in it.");
        }
        if (declaredSize > properties.maxAttachmentBytes()) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, properties.maxAttachmentBytes() + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > properties.maxAttachmentBytes()) {
            throw tooLarge();
        }
        if (bytes.length == 0) {
            throw LyceumException.invalid(
                    "attachment.empty", "The file is empty.", List.of(new FieldError("file", "must not be empty")));
        }
        if (caption != null && caption.length() > 2000) {
            throw LyceumException.invalid(
                    "request.validation_failed",
                    "The caption is at most 2000 characters.",
                    List.of(new FieldError("caption", "at most 2000 characters")));
        }
        Kind kind = recognise(bytes);
        String name = safeName(fileName, kind);
        UUID id = Ids.newId();
        String key = "chat/" + TenantContext.require() + "/" + c.id() + "/" + id;
        var stored = storage.put(key, bytes, kind.contentType());
        Instant now = clock.instant();
        try {
            return transactions.execute(status -> {
                messaging.checkMaySend(caller, c, now);
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("mediaUrl", "/api/v1/messages/attachments/" + id + "/download");
                payload.put("fileName", name);
                payload.put("fileSize", bytes.length);
                payload.put("mimeType", kind.contentType());
                payload.put("attachmentId", id);
                if (caption != null && !caption.isBlank()) {
                    payload.put("caption", caption.strip());
                }
                String body = caption == null || caption.isBlank() ? name : caption.strip();
                String notice = null;
                boolean masked = false;
                if (messaging.mustMask(c)) {
                    var result = ContactMasking.mask(body);
                    if (result.masked()) {
                        body = result.text();
                        payload.put("caption", body);
                        masked = true;
                        notice = ContactMasking.NOTICE;
                    }
                }
                ChatMessage message = messaging.insert(
                        c,
                        caller.userId().value(),
                        messaging.senderName(caller.userId().value()),
                        kind.type(),
                        body,
                        payload,
                        null,
                        clientId,
                        masked,
                        null,
                        now);
                messages.insertAttachment(new MessageStore.Attachment(
                        id,
                        c.id(),
                        message.id(),
                        caller.userId().value(),
                        key,
                        name,
                        kind.contentType(),
                        bytes.length,
                        stored.sha256(),
                        now));
                return new Messaging.Sent(message, notice);
            });
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
    }

    /** An attachment the caller may read, with its stored content. */
    record Download(MessageStore.Attachment attachment, FileStorage.StoredContent content) {}

    Download download(CurrentUser caller, UUID attachmentId) {
        var attachment = messages.attachment(attachmentId)
                .orElseThrow(() -> LyceumException.notFound("attachment.not_found", "No such attachment."));
        Conversation c = messaging.conversation(attachment.conversationId());
        Access access;
        try {
            access = messaging.access(caller, c, null);
        } catch (LyceumException e) {
            throw LyceumException.notFound("attachment.not_found", "No such attachment.");
        }
        if (access == Access.MODERATOR) {
            throw LyceumException.notFound("attachment.not_found", "No such attachment.");
        }
        var message = messages.find(attachment.messageId()).orElseThrow();
        if (message.deleted()) {
            throw LyceumException.notFound("attachment.not_found", "The attachment's message was deleted.");
        }
        var content = storage.get(attachment.storageKey())
                .orElseThrow(() -> LyceumException.notFound("attachment.not_found", "The file is gone."));
        return new Download(attachment, content);
    }

    private LyceumException tooLarge() {
        return new LyceumException(
                ErrorKind.PAYLOAD_TOO_LARGE,
                "attachment.too_large",
                "An attachment is at most " + properties.maxAttachmentBytes() / (1024 * 1024) + " MB.");
    }

    static Kind recognise(byte[] bytes) {
        var image = ImageFormat.detect(bytes);
        if (image.isPresent()) {
            return new Kind(MessageType.IMAGE, image.get().contentType());
        }
        if (bytes.length >= 5 && new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
            return new Kind(MessageType.DOCUMENT, "application/pdf");
        }
        if (isText(bytes)) {
            return new Kind(MessageType.DOCUMENT, "text/plain");
        }
        throw LyceumException.invalid(
                "attachment.unsupported_type",
                "Send a PNG, JPEG, WebP or GIF image, a PDF or a plain text file.",
                List.of(new FieldError("file", "an image, a PDF or plain text")));
    }

    private static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String safeName(@Nullable String fileName, Kind kind) {

        String name = fileName == null
                ? ""
                : fileName.replaceAll("[\\\\/\\p{Cntrl}\"]", "_").strip();
        if (name.isEmpty()) {
            name = kind.type() == MessageType.IMAGE ? "image" : "document";
        }
        return name.length() <= 200 ? name : name.substring(name.length() - 200);
    }
}
