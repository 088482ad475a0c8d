package io.lyceum.notifications;

/**
 * How email leaves: the outbox (development default, readable at {@code /api/v1/dev/outbox}) or SMTP. Answers the
 * provider's message id; throws {@link TransportException} for a failure, saying whether a retry may help.
 */
interface EmailTransport {

    String send(EmailMessage message) throws TransportException;

    final class TransportException extends Exception {

        final boolean permanent;

        TransportException(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }
    }
}
