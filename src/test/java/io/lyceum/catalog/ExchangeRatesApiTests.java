package io.lyceum.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.lyceum.shared.Money;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.Tenants;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

class ExchangeRatesApiTests extends ApiTestBase {

    @Autowired
    ExchangeRates rates;

    @Autowired
    io.lyceum.tenancy.TenancyApi tenancy;

    private static ExchangeRates.Rate rate(String base, String quote, String value) {
        return new ExchangeRates.Rate(base, quote, new BigDecimal(value), "MANUAL", Instant.EPOCH);
    }

    @Test
    void conversionUsesDirectInverseAndCrossRatesRoundedToTheTargetMinorUnit() {
        var table = new ExchangeRates.Table(
                List.of(rate("EUR", "GBP", "0.84"), rate("EUR", "USD", "1.085"), rate("EUR", "JPY", "162.5")));
        // direct: 10.00 EUR = 8.40 GBP
        assertThat(table.convert(Money.of(1000, "EUR"), "GBP")).contains(Money.of(840, "GBP"));
        // inverse: 8.40 GBP = 10.00 EUR
        assertThat(table.convert(Money.of(840, "GBP"), "EUR")).contains(Money.of(1000, "EUR"));
        // cross through EUR: 30.00 GBP = 30 / 0.84 * 1.085 USD = 38.75 USD
        assertThat(table.convert(Money.of(3000, "GBP"), "USD")).contains(Money.of(3875, "USD"));
        // JPY has no minor unit: 30.00 GBP = 30 / 0.84 * 162.5 = 5803.57... -> 5804 JPY
        assertThat(table.convert(Money.of(3000, "GBP"), "JPY")).contains(Money.of(5804, "JPY"));
        assertThat(table.convert(Money.of(3000, "GBP"), "GBP")).contains(Money.of(3000, "GBP"));
        assertThat(table.convert(Money.of(3000, "GBP"), "CHF")).isEmpty();
    }

    @Test
    void adminsManageTheTenantsRatesAndOthersCannot() {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        admin.api()
                .contentType("application/json")
                .body(Map.of("rate", new BigDecimal("1.17")))
                .put("/api/v1/admin/exchange-rates/gbp/eur")
                .then()
                .statusCode(200)
                .body("base", equalTo("GBP"))
                .body("quote", equalTo("EUR"))
                .body("source", equalTo("MANUAL"));
        // setting the inverse replaces the pair rather than contradicting it
        admin.api()
                .contentType("application/json")
                .body(Map.of("rate", new BigDecimal("0.86")))
                .put("/api/v1/admin/exchange-rates/EUR/GBP")
                .then()
                .statusCode(200);
        admin.api()
                .queryParam("size", 100)
                .get("/api/v1/admin/exchange-rates")
                .then()
                .statusCode(200)
                .body("content.findAll { it.base == 'GBP' && it.quote == 'EUR' }.size()", equalTo(0))
                .body("content.findAll { it.base == 'EUR' && it.quote == 'GBP' }[0].rate", equalTo(0.86f));

        for (var bad : List.of(
                Map.of("path", "XXQ/EUR", "rate", "1"),
                Map.of("path", "GBP/GBP", "rate", "1"),
                Map.of("path", "GBP/USD", "rate", "0"),
                Map.of("path", "GBP/USD", "rate", "-2"),
                Map.of("path", "GBP/USD", "rate", "1.1234567890123"))) {
            admin.api()
                    .contentType("application/json")
                    .body(Map.of("rate", new BigDecimal(bad.get("rate"))))
                    .put("/api/v1/admin/exchange-rates/" + bad.get("path"))
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("exchange_rate.invalid"));
        }
        admin.api()
                .contentType("application/json")
                .body("{}")
                .put("/api/v1/admin/exchange-rates/GBP/USD")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"));

        SignedIn student = Accounts.newUser("STUDENT");
        student.api()
                .queryParam("size", 100)
                .get("/api/v1/admin/exchange-rates")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        SignedIn tutor = Accounts.newUser("TUTOR");
        tutor.api()
                .contentType("application/json")
                .body(Map.of("rate", 2))
                .put("/api/v1/admin/exchange-rates/GBP/USD")
                .then()
                .statusCode(403)
                .body("code", equalTo("auth.forbidden"));

        // another tenant's admin neither sees nor deletes this tenant's rates
        String slug = Tenants.uniqueSlug("fx");
        SignedIn otherOwner = Tenants.newTenantWithOwner(slug);
        otherOwner
                .api()
                .header("X-Tenant", slug)
                .queryParam("size", 100)
                .get("/api/v1/admin/exchange-rates")
                .then()
                .statusCode(200)
                .body("content.size()", equalTo(0))
                .body("page.totalElements", equalTo(0));
        otherOwner
                .api()
                .header("X-Tenant", slug)
                .delete("/api/v1/admin/exchange-rates/EUR/GBP")
                .then()
                .statusCode(404)
                .body("code", equalTo("exchange_rate.not_found"));

        admin.api().delete("/api/v1/admin/exchange-rates/EUR/GBP").then().statusCode(204);
        admin.api()
                .delete("/api/v1/admin/exchange-rates/EUR/GBP")
                .then()
                .statusCode(404)
                .body("code", equalTo("exchange_rate.not_found"));
    }

    @Test
    void theEcbFeedFillsEveryTenantWithoutOverwritingManualRates() throws Exception {
        SignedIn admin = Tenants.newStaff(jdbc, "ADMIN", null);
        admin.api()
                .contentType("application/json")
                .body(Map.of("rate", new BigDecimal("0.95")))
                .put("/api/v1/admin/exchange-rates/EUR/CHF")
                .then()
                .statusCode(200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/eurofxref-daily.xml", exchange -> {
            try (InputStream xml = getClass().getResourceAsStream("/ecb/eurofxref-daily.xml")) {
                byte[] body = xml.readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            var fetcher = new EcbReferenceRates.EcbRatesFetcher(
                    RestClient.create(),
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/eurofxref-daily.xml",
                    rates,
                    tenancy);
            assertThat(fetcher.refresh()).isPositive();
        } finally {
            server.stop(0);
        }
        admin.api()
                .queryParam("size", 100)
                .get("/api/v1/admin/exchange-rates")
                .then()
                .statusCode(200)
                .body("content.findAll { it.base == 'EUR' && it.quote == 'PLN' }[0].source", equalTo("ECB"))
                .body("content.findAll { it.base == 'EUR' && it.quote == 'PLN' }[0].rate", equalTo(4.3f))
                .body(
                        "content.findAll { it.base == 'EUR' && it.quote == 'PLN' }[0].asOf",
                        equalTo("2026-11-20T00:00:00Z"))
                // the admin's own CHF rate stays
                .body("content.findAll { it.base == 'EUR' && it.quote == 'CHF' }[0].source", equalTo("MANUAL"))
                .body("content.findAll { it.base == 'EUR' && it.quote == 'CHF' }[0].rate", equalTo(0.95f));
        // and every tenant got the rates
        long otherTenants = jdbc.sql("SELECT count(*) FROM tenants WHERE id <> :d")
                .param("d", Tenants.idOf(jdbc, null).value())
                .query(Long.class)
                .single();
        if (otherTenants > 0) {
            var other = jdbc.sql("SELECT id FROM tenants WHERE id <> :d LIMIT 1")
                    .param("d", Tenants.idOf(jdbc, null).value())
                    .query(java.util.UUID.class)
                    .single();
            long count = TenantContext.callAs(new io.lyceum.tenancy.TenantId(other), () -> jdbc.sql(
                            "SELECT count(*) FROM exchange_rates WHERE source = 'ECB' AND base = 'EUR'")
                    .query(Long.class)
                    .single());
            assertThat(count).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void malformedEcbDocumentsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EcbReferenceRates.parse(
                        new java.io.ByteArrayInputStream("<Envelope><Cube/></Envelope>".getBytes())))
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> EcbReferenceRates.parse(new java.io.ByteArrayInputStream(
                                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Envelope>&e;</Envelope>"
                                        .getBytes())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFixtureParses() {
        var publication = EcbReferenceRates.parse(getClass().getResourceAsStream("/ecb/eurofxref-daily.xml"));
        assertThat(publication.date()).hasToString("2026-11-20");
        assertThat(publication.rates())
                .containsEntry("GBP", new BigDecimal("0.84000"))
                .hasSize(5);
        assertThat(publication.rates().keySet()).doesNotContain("EUR");
    }

    @Test
    void searchShowsPricesInTheViewersCurrencyWhileFiltersStayInTheTutors() {
        var tutor = io.lyceum.testsupport.Tutors.approved(jdbc);
        SignedIn admin = tutor.admin();
        admin.api()
                .contentType("application/json")
                .body(Map.of("rate", new BigDecimal("13.5")))
                .put("/api/v1/admin/exchange-rates/GBP/SEK")
                .then()
                .statusCode(200);
        String plainEtag = Accounts.request(null)
                .queryParam("subjectId", tutor.subjectId().toString())
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .body("content[0].priceFrom.amount", equalTo(3000))
                .body("content[0].displayPrice", org.hamcrest.Matchers.nullValue())
                .extract()
                .header("ETag");
        String sekEtag = Accounts.request(null)
                .queryParam("subjectId", tutor.subjectId().toString())
                .queryParam("displayCurrency", "sek")
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .body("content[0].priceFrom.amount", equalTo(3000))
                .body("content[0].priceFrom.currency", equalTo("GBP"))
                .body("content[0].displayPrice.amount", equalTo(40500))
                .body("content[0].displayPrice.currency", equalTo("SEK"))
                .extract()
                .header("ETag");
        assertThat(sekEtag).isNotEqualTo(plainEtag);
        // no rate: no display price, never a wrong one
        Accounts.request(null)
                .queryParam("subjectId", tutor.subjectId().toString())
                .queryParam("displayCurrency", "NOK")
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .body("content[0].displayPrice", org.hamcrest.Matchers.nullValue());
        Accounts.request(null)
                .queryParam("displayCurrency", "XYZ")
                .get("/api/v1/tutors")
                .then()
                .statusCode(422)
                .body("code", equalTo("request.validation_failed"))
                .body("errors[0].field", equalTo("displayCurrency"));

        // a signed-in viewer's chosen currency applies without the parameter
        SignedIn student = Accounts.newUser("STUDENT");
        student.api()
                .contentType("application/json")
                .body(Map.of("currency", "SEK"))
                .put("/api/v1/users/currency")
                .then()
                .statusCode(200);
        student.api()
                .queryParam("subjectId", tutor.subjectId().toString())
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .body("content[0].displayPrice.amount", equalTo(40500));
        // a changed rate changes the answer and its ETag
        admin.api()
                .contentType("application/json")
                .body(Map.of("rate", new BigDecimal("14")))
                .put("/api/v1/admin/exchange-rates/GBP/SEK")
                .then()
                .statusCode(200);
        String changed = Accounts.request(null)
                .queryParam("subjectId", tutor.subjectId().toString())
                .queryParam("displayCurrency", "SEK")
                .header("If-None-Match", sekEtag)
                .get("/api/v1/tutors")
                .then()
                .statusCode(200)
                .body("content[0].displayPrice.amount", equalTo(42000))
                .extract()
                .header("ETag");
        assertThat(changed).isNotEqualTo(sekEtag);
    }
}
