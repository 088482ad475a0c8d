package io.lyceum.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formatting for templates ({@code ${@fmt.money(price)}}): money in the viewer's locale from the API's minor units, and
 * instants in the viewer's zone and locale.
 */
@Component("fmt")
public class Formats {

    private final Viewers viewers;

    Formats(Viewers viewers) {
        this.viewers = viewers;
    }

    /** {@code {"amount": 3500, "currency": "GBP"}} as "£35.00" (en-GB) or "35,00 £GB" (fr). */
    public String money(Object value) {
        if (!(value instanceof Map<?, ?> money) || money.get("amount") == null || money.get("currency") == null) {
            return "";
        }
        return money(
                ((Number) money.get("amount")).longValue(),
                money.get("currency").toString());
    }

    public String money(long minorUnits, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale());
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        return format.format(BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()));
    }

    public String dateTime(Object instant) {
        return format(instant, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT));
    }

    public String date(Object instant) {
        return format(instant, DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM));
    }

    public String time(Object instant) {
        return format(instant, DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT));
    }

    public String day(LocalDate date) {
        return date.format(DateTimeFormatter.ofPattern("EEE d MMM", locale()));
    }

    public String zone() {
        return zoneId().getId();
    }

    public String language(String code) {
        return Locale.forLanguageTag(code).getDisplayLanguage(locale());
    }

    ZoneId zoneId() {
        return Api.current().map(viewers::current).map(Viewer::zone).orElse(ZoneId.of("UTC"));
    }

    private String format(Object instant, DateTimeFormatter formatter) {
        if (instant == null) {
            return "";
        }
        Instant at = instant instanceof Instant i ? i : Instant.parse(instant.toString());
        return formatter.withLocale(locale()).format(at.atZone(zoneId()));
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
