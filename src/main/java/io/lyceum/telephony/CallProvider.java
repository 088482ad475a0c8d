package io.lyceum.telephony;

import java.util.Map;

/**
 * The voice port: Vapi ({@link VapiCallProvider}) or its sandbox ({@link SandboxCallProvider}), chosen by
 * {@code lyceum.telephony.voice.provider}. Called with no transaction open.
 */
interface CallProvider {

    String name();

    /**
     * Starts an outbound call whose assistant says {@code script}; Vapi sends its server messages (status updates,
     * the end-of-call report) to {@code serverUrl}. A refusal comes back as a {@link VapiCalls.Created} with no id.
     */
    VapiCalls.Created place(String to, String script, Map<String, String> metadata, String serverUrl);

    /** The secret Vapi's server messages are verified with. */
    String webhookSecret();
}
