package io.lyceum.billing.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.net.Webhook;
import io.lyceum.billing.BillingProperties;
import io.lyceum.billing.provider.PaymentProvider;
import io.lyceum.billing.provider.PaymentProvider.PaymentRequest;
import io.lyceum.billing.provider.PaymentProvider.ProviderAccount;
import io.lyceum.billing.provider.PaymentProvider.ProviderEvent;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayment;
import io.lyceum.billing.provider.PaymentProvider.ProviderPaymentMethod;
import io.lyceum.billing.provider.PaymentProvider.ProviderPaymentStatus;
import io.lyceum.billing.provider.PaymentProvider.ProviderPayout;
import io.lyceum.billing.provider.PaymentProvider.ProviderRefund;
import io.lyceum.billing.provider.ProviderException;
import io.lyceum.billing.provider.StripePaymentProvider;
import io.lyceum.shared.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Stripe adapter against WireMock answering with Stripe's response shapes (files under {@code stripe/}): what
 * each call sends (path, form parameters, {@code Idempotency-Key}, {@code Stripe-Account}, the secret key) and how
 * each answer maps, declines and errors included. No Spring context.
 */
class StripeProviderTests {

    private static final String KEY = "sk_test_lyceum_0123456789";
    private static final String SECRET = "whsec_test_lyceum_stripe_adapter";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private WireMockServer stripe;
    private StripePaymentProvider provider;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void start() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
        provider = new StripePaymentProvider(
                properties(KEY, SECRET), clock, JsonMapper.builder().build(), 0);
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    private BillingProperties properties(String apiKey, String webhookSecret) {
        return new BillingProperties(
                "stripe",
                webhookSecret,
                Duration.ofMinutes(5),
                "https://lyceum.example/",
                new BillingProperties.Sandbox(null, Duration.ofMillis(200), Duration.ofSeconds(2), false, false),
                new BillingProperties.Stripe(apiKey, stripe.baseUrl(), "GB", null));
    }

    private static String fixture(String name) {
        try (InputStream in = StripeProviderTests.class.getResourceAsStream("/stripe/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(String method, String path, int status, String file) {
        var mapping = "GET".equals(method) ? get(urlPathEqualTo(path)) : post(urlPathEqualTo(path));
        stripe.stubFor(mapping.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_lyceum_test")
                .withBody(fixture(file))));
    }

    @Test
    void startupFailsFastWithoutAnApiKeyOrWithTheSandboxWebhookSecret() {
        assertThatThrownBy(() -> new StripePaymentProvider(
                        properties("", SECRET), clock, JsonMapper.builder().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LYCEUM_STRIPE_API_KEY");
        assertThatThrownBy(() -> new StripePaymentProvider(
                        properties(KEY, "whsec_lyceum_sandbox_development_secret"),
                        clock,
                        JsonMapper.builder().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LYCEUM_STRIPE_WEBHOOK_SECRET");
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(BillingProperties.class)
    static class Wiring {
        @org.springframework.context.annotation.Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @org.springframework.context.annotation.Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }

    private static org.springframework.boot.test.context.runner.ApplicationContextRunner context() {
        return new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withUserConfiguration(
                        Wiring.class,
                        StripePaymentProvider.class,
                        SandboxPaymentProvider.class,
                        SandboxWebhookDispatcher.class,
                        SandboxController.class,
                        SandboxPublicRoutes.class);
    }

    @Test
    void theProviderPropertyChoosesTheAdapterAndStripeFailsFastWithoutItsKeys() {
        context().withPropertyValues("lyceum.payments.provider=stripe").run(ctx -> assertThat(ctx)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("LYCEUM_STRIPE_API_KEY"));
        context()
                .withPropertyValues(
                        "lyceum.payments.provider=stripe",
                        "lyceum.payments.stripe.api-key=" + KEY,
                        "lyceum.payments.webhook-secret=" + SECRET)
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(PaymentProvider.class)).isInstanceOf(StripePaymentProvider.class);
                    // the sandbox, its pages and public routes do not exist with Stripe
                    assertThat(ctx)
                            .doesNotHaveBean(SandboxPaymentProvider.class)
                            .doesNotHaveBean(SandboxWebhookDispatcher.class)
                            .doesNotHaveBean(SandboxController.class)
                            .doesNotHaveBean(SandboxPublicRoutes.class);
                });
    }

    @Test
    void createsACustomerWithTheSecretKeyAndAnIdempotencyKey() {
        answer("POST", "/v1/customers", 200, "customer.json");
        UUID user = UUID.fromString("00000000-0000-0000-0000-000000000001");

        String id = provider.createCustomer(user, "student@example.com", "Ada Student", "customer:t:u");

        assertThat(id).isEqualTo("cus_RlyceumTest0001");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Idempotency-Key", equalTo("customer:t:u"))
                .withFormParam("email", equalTo("student@example.com"))
                .withFormParam("name", equalTo("Ada Student"))
                .withFormParam("metadata[userId]", equalTo(user.toString())));
    }

    @Test
    void attachesAndDetachesPaymentMethods() {
        answer("POST", "/v1/payment_methods/pm_tok_visa/attach", 200, "payment_method_attached.json");
        answer("POST", "/v1/payment_methods/pm_1QlyceumVisa4242/detach", 200, "payment_method_detached.json");

        ProviderPaymentMethod method = provider.attachPaymentMethod("cus_RlyceumTest0001", "pm_tok_visa");
        provider.detachPaymentMethod(method.id());

        assertThat(method)
                .isEqualTo(new ProviderPaymentMethod(
                        "pm_1QlyceumVisa4242", "cus_RlyceumTest0001", "visa", "4242", 8, 2030, "credit"));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_methods/pm_tok_visa/attach"))
                .withFormParam("customer", equalTo("cus_RlyceumTest0001")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_methods/pm_1QlyceumVisa4242/detach")));
    }

    @Test
    void anUnknownPaymentMethodIsANonRetryableErrorWithStripesCode() {
        answer("POST", "/v1/payment_methods/pm_nope/attach", 404, "error_resource_missing.json");

        assertThatThrownBy(() -> provider.attachPaymentMethod("cus_RlyceumTest0001", "pm_nope"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("resource_missing");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("No such PaymentMethod: 'pm_nope'");
                });
    }

    @Test
    void createsAndConfirmsAPaymentWithoutRedirects() {
        answer("POST", "/v1/payment_intents", 200, "payment_intent_succeeded.json");

        ProviderPayment payment = provider.createPayment(new PaymentRequest(
                Money.of(3000, "GBP"),
                "cus_RlyceumTest0001",
                "pm_1QlyceumVisa4242",
                "Lesson with Tutor",
                Map.of("orderId", "22222222-2222-2222-2222-222222222222"),
                null,
                "order:22222222:attempt:1"));

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("order:22222222:attempt:1"))
                .withFormParam("amount", equalTo("3000"))
                .withFormParam("currency", equalTo("gbp"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("customer", equalTo("cus_RlyceumTest0001"))
                .withFormParam("payment_method", equalTo("pm_1QlyceumVisa4242"))
                .withFormParam("description", equalTo("Lesson with Tutor"))
                .withFormParam("metadata[orderId]", equalTo("22222222-2222-2222-2222-222222222222"))
                .withFormParam("automatic_payment_methods[enabled]", equalTo("true"))
                .withFormParam("automatic_payment_methods[allow_redirects]", equalTo("never"))
                .withFormParam("expand[0]", equalTo("latest_charge"))
                .withFormParam("return_url", absent()));
        assertThat(payment.id()).isEqualTo("pi_3QlyceumSucceeded");
        assertThat(payment.status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
        assertThat(payment.amount()).isEqualTo(Money.of(3000, "GBP"));
        assertThat(payment.amountRefunded()).isEqualTo(500);
        assertThat(payment.customerId()).isEqualTo("cus_RlyceumTest0001");
        assertThat(payment.paymentMethodId()).isEqualTo("pm_1QlyceumVisa4242");
        assertThat(payment.nextActionUrl()).isNull();
        assertThat(payment.failureCode()).isNull();
        assertThat(payment.metadata())
                .containsEntry("tenantId", "11111111-1111-1111-1111-111111111111")
                .containsEntry("orderId", "22222222-2222-2222-2222-222222222222");
        assertThat(payment.created()).isEqualTo(Instant.ofEpochSecond(1795000100));
    }

    @Test
    void threeDSecureComesBackAsRequiresActionWithTheRedirectUrl() {
        answer("POST", "/v1/payment_intents", 200, "payment_intent_requires_action.json");

        ProviderPayment payment = provider.createPayment(new PaymentRequest(
                Money.of(1600, "GBP"),
                null,
                "pm_card_authenticationRequired",
                "Trial lesson",
                Map.of(),
                "https://lyceum.example/pay/return",
                "key-3ds"));

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("return_url", equalTo("https://lyceum.example/pay/return"))
                .withFormParam("automatic_payment_methods[allow_redirects]", absent())
                .withFormParam("customer", absent()));
        assertThat(payment.status()).isEqualTo(ProviderPaymentStatus.REQUIRES_ACTION);
        assertThat(payment.nextActionUrl()).startsWith("https://hooks.stripe.com/3d_secure_2/hosted?");
    }

    @Test
    void aDeclineIsReturnedAsTheIntentWithStripesDeclineCodeNotThrown() {
        answer("POST", "/v1/payment_intents", 402, "error_card_declined.json");

        ProviderPayment payment = provider.createPayment(new PaymentRequest(
                Money.of(3000, "GBP"),
                null,
                "pm_card_chargeDeclinedInsufficientFunds",
                "Lesson with Tutor",
                Map.of("orderId", "44444444-4444-4444-4444-444444444444"),
                null,
                "key-declined"));

        assertThat(payment.id()).isEqualTo("pi_3QlyceumDeclined");
        assertThat(payment.status()).isEqualTo(ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD);
        assertThat(payment.failureCode()).isEqualTo("insufficient_funds");
        assertThat(payment.failureMessage()).isEqualTo("Your card has insufficient funds.");
        assertThat(payment.metadata()).containsEntry("orderId", "44444444-4444-4444-4444-444444444444");
    }

    @Test
    void aServerErrorIsRetryable() {
        answer("POST", "/v1/payment_intents", 500, "error_api_500.json");

        assertThatThrownBy(() -> provider.createPayment(new PaymentRequest(
                        Money.of(3000, "GBP"), null, "pm_card_visa", "x", Map.of(), null, "key-500")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("An unknown error occurred");
                });
    }

    @Test
    void aRateLimitIsRetryable() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"rate_limit\",\"message\":\"Too many requests\","
                                + "\"type\":\"invalid_request_error\"}}")));

        assertThatThrownBy(() -> provider.refund("pi_x", Money.of(100, "GBP"), "k", Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("rate_limit");
                });
    }

    @Test
    void aConnectionFailureIsRetryable() {
        stripe.stop();

        assertThatThrownBy(() -> provider.retrievePayment("pi_x"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("provider_unavailable");
                });
    }

    @Test
    void retrievesAndCancelsPayments() {
        answer("GET", "/v1/payment_intents/pi_3QlyceumSucceeded", 200, "payment_intent_succeeded.json");
        answer("POST", "/v1/payment_intents/pi_3QlyceumThreeDS/cancel", 200, "payment_intent_canceled.json");

        ProviderPayment retrieved = provider.retrievePayment("pi_3QlyceumSucceeded");
        ProviderPayment canceled = provider.cancelPayment("pi_3QlyceumThreeDS");

        assertThat(retrieved.status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
        assertThat(retrieved.amountRefunded()).isEqualTo(500);
        assertThat(canceled.status()).isEqualTo(ProviderPaymentStatus.CANCELED);
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QlyceumSucceeded"))
                .withQueryParam("expand[0]", equalTo("latest_charge")));
    }

    @Test
    void findsTheIntentOfAnAttemptBySearchingItsMetadata() {
        String attempt = "0192f1a2-1111-7222-8333-444455556666";
        answer("GET", "/v1/payment_intents/search", 200, "payment_intents_search.json");

        var found = provider.findPaymentOfAttempt(attempt);

        assertThat(found).hasValueSatisfying(payment -> {
            assertThat(payment.id()).isEqualTo("pi_3QlyceumSucceeded");
            assertThat(payment.status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
            assertThat(payment.metadata()).containsEntry("attemptId", attempt);
        });
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))
                .withQueryParam("query", equalTo("metadata['attemptId']:'" + attempt + "'"))
                .withQueryParam("limit", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));

        stripe.resetAll();
        answer("GET", "/v1/payment_intents/search", 200, "payment_intents_search_empty.json");
        assertThat(provider.findPaymentOfAttempt(attempt)).isEmpty();
        assertThatThrownBy(() -> provider.findPaymentOfAttempt("x' OR status:'succeeded"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refundsWithAnIdempotencyKeyAndMetadata() {
        answer("POST", "/v1/refunds", 200, "refund.json");

        ProviderRefund refund = provider.refund(
                "pi_3QlyceumSucceeded",
                Money.of(1000, "GBP"),
                "refund:booking:abc",
                Map.of("reference", "booking:abc:refund"));

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund:booking:abc"))
                .withFormParam("payment_intent", equalTo("pi_3QlyceumSucceeded"))
                .withFormParam("amount", equalTo("1000"))
                .withFormParam("metadata[reference]", equalTo("booking:abc:refund")));
        assertThat(refund)
                .isEqualTo(new ProviderRefund(
                        "re_3QlyceumRefund01",
                        "pi_3QlyceumSucceeded",
                        Money.of(1000, "GBP"),
                        "SUCCEEDED",
                        Map.of("reference", "booking:abc:refund")));
    }

    @Test
    void createsAnExpressAccountWithTheBankAccountAndAnOnboardingLink() {
        answer("POST", "/v1/accounts", 200, "account.json");
        answer("POST", "/v1/account_links", 200, "account_link.json");
        UUID tutor = UUID.fromString("55555555-5555-5555-5555-555555555555");

        ProviderAccount account =
                provider.createConnectedAccount(tutor, "tutor@example.com", "GB", "GB82WEST12345698765432", "acct:t");

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/accounts"))
                .withHeader("Idempotency-Key", equalTo("acct:t"))
                .withFormParam("type", equalTo("express"))
                .withFormParam("country", equalTo("GB"))
                .withFormParam("email", equalTo("tutor@example.com"))
                .withFormParam("capabilities[transfers][requested]", equalTo("true"))
                .withFormParam("settings[payouts][schedule][interval]", equalTo("manual"))
                .withFormParam("metadata[tutorId]", equalTo(tutor.toString()))
                .withFormParam("external_account[object]", equalTo("bank_account"))
                .withFormParam("external_account[country]", equalTo("GB"))
                .withFormParam("external_account[currency]", equalTo("gbp"))
                .withFormParam("external_account[account_number]", equalTo("GB82WEST12345698765432")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/account_links"))
                .withFormParam("account", equalTo("acct_1QlyceumTutor01"))
                .withFormParam("type", equalTo("account_onboarding"))
                .withFormParam("return_url", equalTo("https://lyceum.example/wallet?onboarding=done")));
        assertThat(account)
                .isEqualTo(new ProviderAccount(
                        "acct_1QlyceumTutor01",
                        false,
                        "https://connect.stripe.com/setup/e/acct_1QlyceumTutor01/abcdef"));
    }

    @Test
    void aUsTestBankAccountGetsStripesTestRoutingNumber() {
        assertThat(StripePaymentProvider.bankAccount("US", "000123456789"))
                .containsEntry("routing_number", "110000000")
                .containsEntry("account_number", "000123456789")
                .containsEntry("currency", "usd");
        assertThat(StripePaymentProvider.bankAccount("GB", "10-88-00/00012345"))
                .containsEntry("routing_number", "108800")
                .containsEntry("account_number", "00012345")
                .containsEntry("currency", "gbp");
    }

    @Test
    void aPayoutIsATransferToTheAccountThenAPayoutOnIt() {
        answer("POST", "/v1/transfers", 200, "transfer.json");
        answer("POST", "/v1/payouts", 200, "payout.json");

        ProviderPayout payout = provider.payout(
                "acct_1QlyceumTutor01",
                Money.of(4200, "GBP"),
                "withdrawal:66666666",
                Map.of("withdrawalId", "66666666-6666-6666-6666-666666666666"));

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/transfers"))
                .withHeader("Idempotency-Key", equalTo("withdrawal:66666666:transfer"))
                .withHeader("Stripe-Account", absent())
                .withFormParam("destination", equalTo("acct_1QlyceumTutor01"))
                .withFormParam("amount", equalTo("4200"))
                .withFormParam("currency", equalTo("gbp")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payouts"))
                .withHeader("Idempotency-Key", equalTo("withdrawal:66666666:payout"))
                .withHeader("Stripe-Account", equalTo("acct_1QlyceumTutor01"))
                .withFormParam("amount", equalTo("4200"))
                .withFormParam("metadata[withdrawalId]", equalTo("66666666-6666-6666-6666-666666666666")));
        assertThat(payout.id()).isEqualTo("po_1QlyceumPayout01");
        assertThat(payout.accountId()).isEqualTo("acct_1QlyceumTutor01");
        assertThat(payout.status()).isEqualTo("PENDING");
        assertThat(payout.amount()).isEqualTo(Money.of(4200, "GBP"));
    }

    @Test
    void listsPaymentsOfAWindowAcrossPages() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents"))
                .withQueryParam("starting_after", absent())
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(fixture("payment_intents_page1.json"))));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents"))
                .withQueryParam("starting_after", equalTo("pi_3QlyceumList0003"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(fixture("payment_intents_page2.json"))));
        Instant from = Instant.ofEpochSecond(1795000000);
        Instant to = Instant.ofEpochSecond(1795090000);

        List<ProviderPayment> payments = provider.listPayments(from, to);

        assertThat(payments)
                .extracting(ProviderPayment::id)
                .containsExactly(
                        "pi_3QlyceumList0001",
                        "pi_3QlyceumList0002",
                        "pi_3QlyceumList0003",
                        "pi_3QlyceumList0004",
                        "pi_3QlyceumList0005");
        assertThat(payments.get(4).status()).isEqualTo(ProviderPaymentStatus.REQUIRES_PAYMENT_METHOD);
        stripe.verify(2, getRequestedFor(urlPathEqualTo("/v1/payment_intents")));
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withQueryParam("created[gte]", equalTo("1795000000"))
                .withQueryParam("created[lt]", equalTo("1795090000"))
                .withQueryParam("limit", equalTo("100")));
    }

    @Test
    void verifiesAndParsesWebhooksWithTheConfiguredSecret() throws Exception {
        String payload = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"created\":"
                + NOW.getEpochSecond() + ",\"data\":{\"object\":" + fixture("payment_intent_succeeded.json") + "}}";
        String signature = Webhook.Signature.generateSignatureHeader(payload, SECRET, NOW.getEpochSecond());

        ProviderEvent event = provider.parseWebhook(payload, signature);

        assertThat(event.id()).isEqualTo("evt_1");
        assertThat(event.payment().status()).isEqualTo(ProviderPaymentStatus.SUCCEEDED);
        assertThat(event.payment().metadata()).containsEntry("orderId", "22222222-2222-2222-2222-222222222222");
        String forged = Webhook.Signature.generateSignatureHeader(payload, "whsec_other", NOW.getEpochSecond());
        assertThatThrownBy(() -> provider.parseWebhook(payload, forged))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("webhook.invalid_signature"));
        String stale = Webhook.Signature.generateSignatureHeader(payload, SECRET, NOW.getEpochSecond() - 301);
        assertThatThrownBy(() -> provider.parseWebhook(payload, stale))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.code()).isEqualTo("webhook.invalid_signature"));
    }
}
