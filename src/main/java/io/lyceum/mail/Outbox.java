package io.lyceum.mail;

import java.util.List;

/**
 * The port through which modules send email and SMS. Messages are stored in the caller's transaction, so a message
 * is sent if and only if the change that caused it commits, and nothing is lost when an instance crashes before
 * delivery. Delivery adapters (SMTP, Twilio) read the outbox; the development default keeps the messages readable at
 * {@code GET /api/v1/dev/outbox}.
 */
public interface Outbox {

    void email(String to, String subject, String body);

    /** An email with files attached (such as a calendar invite), kept in the order given. */
    void email(String to, String subject, String body, List<Attachment> attachments);

    void sms(String toE164, String body);
}
