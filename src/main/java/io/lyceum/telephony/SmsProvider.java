package io.lyceum.telephony;

/**
 * The SMS port: Twilio ({@link TwilioSmsProvider}) or its sandbox ({@link SandboxSmsProvider}), chosen by
 * {@code lyceum.telephony.sms.provider}. Called with no transaction open.
 */
interface SmsProvider {

    String name();

    /**
     * Sends a message; Twilio calls {@code statusCallbackUrl} as its status changes. Never throws for an answer the
     * provider gave: a refusal is a {@link TwilioMessages.Sent} with no sid and Twilio's error code.
     */
    TwilioMessages.Sent send(String to, String body, String statusCallbackUrl);

    /** The key Twilio signs its webhooks with ({@code X-Twilio-Signature}): the account's auth token. */
    String authToken();
}
