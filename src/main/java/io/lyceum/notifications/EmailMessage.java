package io.lyceum.notifications;

import io.lyceum.mail.Attachment;
import java.util.List;

/** An email ready to leave: multipart text and HTML, files, and the one-click unsubscribe link when it has one. */
record EmailMessage(
        String to,
        String subject,
        String text,
        String html,
        List<Attachment> attachments,
        String unsubscribeUrl,
        String reference) {}
