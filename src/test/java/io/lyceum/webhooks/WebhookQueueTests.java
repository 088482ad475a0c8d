package io.lyceum.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Parallel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The queue shared by several senders: each message goes out once, whoever claims it. */
class WebhookQueueTests extends WebhookTestBase {

    @Autowired
    WebhookMessageStore messageStore;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void parallelClaimersDeliverEachMessageExactlyOnce() {
        receiver.stubFor(post("/once").willReturn(aResponse().withStatus(200).withFixedDelay(20)));
        UUID subscription =
                UUID.fromString(subscribe("/once", List.of("user.registered")).getString("subscription.id"));
        int count = 300;
        Instant now = testClock.instant();
        TenantContext.runAs(
                tenant(),
                () -> transactions.executeWithoutResult(status -> {
                    for (int i = 0; i < count; i++) {
                        messageStore.enqueue(
                                subscription,
                                "user.registered",
                                "user.registered:" + i,
                                "{\"type\":\"user.registered\",\"data\":{\"n\":" + i + "}}",
                                now,
                                now.plus(Duration.ofHours(24)));
                    }
                }));
        // four more senders beside the instance's own dispatcher loop, all claiming at once
        Parallel.run(4, i -> dispatcher.deliverDueNow(count));

        List<LoggedRequest> received = awaitRequests("/once", r -> r.size() >= count);
        Map<String, Long> perId =
                received.stream().collect(Collectors.groupingBy(r -> r.getHeader("webhook-id"), Collectors.counting()));
        assertThat(perId).hasSize(count);
        assertThat(perId.values()).containsOnly(1L);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> TenantContext.callAs(tenant(), () -> jdbc.sql("""
                                SELECT count(*) FROM webhook_messages
                                WHERE subscription_id = :s AND status = 'DELIVERED' AND attempts = 1
                                """)
                                .param("s", subscription)
                                .query(Long.class)
                                .single())
                        == count);
        assertThat(requests("/once")).hasSize(count);
    }

    @Test
    void aRedeliveredModuleEventQueuesNothingTwice() {
        UUID subscription =
                UUID.fromString(subscribe("/twice", List.of("user.registered")).getString("subscription.id"));
        Instant now = testClock.instant();
        boolean[] queued = TenantContext.callAs(
                tenant(),
                () -> transactions.execute(status -> new boolean[] {
                    messageStore.enqueue(
                            subscription, "user.registered", "user.registered:x", "{}", now, now.plusSeconds(60)),
                    messageStore.enqueue(
                            subscription, "user.registered", "user.registered:x", "{}", now, now.plusSeconds(60))
                }));
        assertThat(queued).containsExactly(true, false);
    }
}
