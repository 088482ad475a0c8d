package io.lyceum.accounts;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import io.lyceum.shared.Money;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks user preferences, collecting every problem so a client can show them all at once: time zones are IANA zone
 * ids ({@code Europe/London}, not {@code GMT+1}), languages are well-formed BCP 47 tags whose language (and region,
 * when given) is a known one, currencies are ISO 4217 codes.
 */
final class PreferenceRules {

    private final List<FieldError> errors = new ArrayList<>();

    /** A person's name: not blank once trimmed (length and characters are the request's own constraints). */
    @Nullable
    String fullName(String field, @Nullable String name) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        return name.trim();
    }

    @Nullable
    String timeZone(String field, @Nullable String zone) {
        if (zone == null || zone.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        String trimmed = zone.trim();
        if (!ZoneId.getAvailableZoneIds().contains(trimmed)) {
            errors.add(new FieldError(field, "must be an IANA time zone such as Europe/London"));
            return null;
        }
        return trimmed;
    }

    @Nullable
    String language(String field, @Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(tag.trim()).build();
        } catch (IllformedLocaleException e) {
            errors.add(new FieldError(field, "must be a BCP 47 language tag such as en or pt-BR"));
            return null;
        }
        String language = locale.getLanguage();
        String region = locale.getCountry();
        boolean knownLanguage = !language.isEmpty() && !language.equals(locale.getDisplayLanguage(Locale.ENGLISH));
        boolean knownRegion =
                region.isEmpty() || (!"ZZ".equals(region) && !region.equals(locale.getDisplayCountry(Locale.ENGLISH)));
        if (!knownLanguage || !knownRegion) {
            errors.add(new FieldError(field, "must name a known language (and region), such as en or pt-BR"));
            return null;
        }
        return locale.toLanguageTag();
    }

    @Nullable
    String currency(String field, @Nullable String code) {
        if (code == null || code.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        java.util.Currency currency;
        try {
            currency = Money.currency(code.trim());
        } catch (LyceumException e) {
            errors.add(new FieldError(field, "must be an ISO 4217 currency code such as GBP"));
            return null;
        }
        if (currency.getDefaultFractionDigits() < 0) { // XXX, XTS, precious metals: not something prices show in
            errors.add(new FieldError(field, "must be a currency prices can be shown in, such as GBP"));
            return null;
        }
        return currency.getCurrencyCode();
    }

    /** Throws a 422 listing every problem found so far. */
    void check() {
        if (!errors.isEmpty()) {
            throw LyceumException.invalid(
                    "request.validation_failed", "The request has invalid fields.", List.copyOf(errors));
        }
    }
}
