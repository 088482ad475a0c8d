package io.lyceum.catalog;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.lyceum.tenancy.TenancyApi;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The real exchange-rate source: the European Central Bank's daily euro reference rates
 * ({@code eurofxref-daily.xml}), fetched every weekday after publication and stored for every tenant as ECB rows.
 * Enabled by {@code lyceum.exchange-rates.source=ecb}; without it rates are the admins' own (MANUAL).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lyceum.exchange-rates.source", havingValue = "ecb")
class EcbReferenceRates {

    static final String JOB = "ecb-reference-rates";
    private static final Logger log = LoggerFactory.getLogger(EcbReferenceRates.class);

    /** The rates of one publication: 1 EUR = rate units of each currency. */
    record Publication(LocalDate date, Map<String, BigDecimal> rates) {}

    @Bean
    EcbRatesFetcher ecbRatesFetcher(
            @Value("${lyceum.exchange-rates.ecb-url}") String url,
            RestClient.Builder http,
            ExchangeRates rates,
            TenancyApi tenancy) {
        return new EcbRatesFetcher(http.build(), url, rates, tenancy);
    }

    @Bean
    RecurringTask<Void> ecbReferenceRatesJob(EcbRatesFetcher fetcher) {
        // the ECB publishes around 16:00 CET; 16:30 Frankfurt time leaves a margin
        return Tasks.recurring(JOB, Schedules.daily(ZoneId.of("Europe/Berlin"), LocalTime.of(16, 30)))
                .execute((instance, context) -> fetcher.refresh());
    }

    static final class EcbRatesFetcher {
        private final RestClient http;
        private final String url;
        private final ExchangeRates rates;
        private final TenancyApi tenancy;

        EcbRatesFetcher(RestClient http, String url, ExchangeRates rates, TenancyApi tenancy) {
            this.http = http;
            this.url = url;
            this.rates = rates;
            this.tenancy = tenancy;
        }

        /** Fetches the latest publication and stores it for every tenant; returns the rows written. */
        int refresh() {
            Publication publication = http.get().uri(url).exchange((request, response) -> {
                if (!response.getStatusCode().is2xxSuccessful()) {
                    throw new IllegalStateException("ECB rates answered " + response.getStatusCode());
                }
                try (InputStream body = response.getBody()) {
                    return parse(body);
                }
            });
            Instant asOf = publication.date().atStartOfDay(ZoneOffset.UTC).toInstant();
            int written = 0;
            for (TenantId tenant : tenancy.tenantIds()) {
                written += TenantContext.callAs(
                        tenant, () -> rates.storeReferenceRates("EUR", publication.rates(), asOf, "ECB"));
            }
            log.info("Stored {} ECB reference rates of {}", written, publication.date());
            return written;
        }
    }

    /** Parses the ECB's daily XML (namespaced {@code Cube} elements) with external entities and DTDs off. */
    static Publication parse(InputStream xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(xml);
            LocalDate date = null;
            Map<String, BigDecimal> rates = new LinkedHashMap<>();
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT
                        && reader.getLocalName().equals("Cube")) {
                    String time = reader.getAttributeValue(null, "time");
                    String currency = reader.getAttributeValue(null, "currency");
                    String rate = reader.getAttributeValue(null, "rate");
                    if (time != null) {
                        date = LocalDate.parse(time);
                    } else if (currency != null && rate != null) {
                        BigDecimal value = new BigDecimal(rate);
                        if (value.signum() > 0 && currency.matches("[A-Z]{3}")) {
                            rates.put(currency, value);
                        }
                    }
                }
            }
            if (date == null || rates.isEmpty()) {
                throw new IllegalStateException("The ECB document has no dated rates");
            }
            return new Publication(date, rates);
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw new IllegalStateException("Unreadable ECB rates document", e);
        }
    }
}
