package io.lyceum.notifications;

import io.lyceum.mail.Attachment;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email through an SMTP server (Spring Mail, {@code spring.mail.*}): multipart/alternative text and HTML, files
 * attached, {@code List-Unsubscribe} with RFC 8058 one-click for categories that can be switched off.
 */
@Component
@ConditionalOnProperty(name = "lyceum.notifications.email-transport", havingValue = "smtp")
class SmtpEmailTransport implements EmailTransport {

    private final JavaMailSender sender;
    private final NotificationsProperties properties;

    SmtpEmailTransport(JavaMailSender sender, NotificationsProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public String send(EmailMessage message) throws TransportException {
        MimeMessage mime;
        try {
            mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(message.to());
            helper.setSubject(message.subject());
            helper.setText(message.text(), message.html());
            for (Attachment file : message.attachments()) {
                helper.addAttachment(file.filename(), new ByteArrayResource(file.content()), file.contentType());
            }
            if (message.unsubscribeUrl() != null) {
                mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
                mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            mime.setHeader("X-Lyceum-Delivery", message.reference());
        } catch (MessagingException | MailPreparationException | MailParseException e) {
            throw new TransportException("email.invalid: " + e.getMessage(), true, e);
        }
        try {
            sender.send(mime);
            return mime.getMessageID();
        } catch (MailAuthenticationException e) {
            throw new TransportException("smtp.authentication: " + e.getMessage(), false, e);
        } catch (MailException | MessagingException e) {
            throw new TransportException("smtp.unavailable: " + e.getMessage(), false, e);
        }
    }
}
