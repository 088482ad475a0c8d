package io.lyceum.accounts;

import static io.lyceum.accounts.UserStore.utc;

import io.lyceum.shared.LyceumException;
import io.lyceum.tenancy.TenancyApi;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A user's time zone, language and display currency (stored on the user: time_zone, locale, display_currency). */
@Service
class PreferencesService {

    /** @param displayCurrency the user's choice, or the tenant's default currency when they made none */
    record Preferences(String timeZone, String language, String displayCurrency, boolean currencyIsTenantDefault) {}

    private final UserStore users;
    private final JdbcClient jdbc;
    private final TenancyApi tenancy;
    private final Clock clock;

    PreferencesService(UserStore users, JdbcClient jdbc, TenancyApi tenancy, Clock clock) {
        this.users = users;
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    Preferences of(CurrentUser current) {
        User user = users.findById(current.userId().value())
                .orElseThrow(() -> LyceumException.notFound("user.not_found", "No such user."));
        String chosen = user.displayCurrency();
        return new Preferences(
                user.timeZone(),
                user.locale(),
                chosen == null ? tenancy.current().defaultCurrency() : chosen,
                chosen == null);
    }

    /** Replaces all three; a null display currency means "use the tenant's default". */
    Preferences update(
            CurrentUser current,
            @Nullable String timeZone,
            @Nullable String language,
            @Nullable String displayCurrency) {
        var rules = new PreferenceRules();
        String zone = rules.timeZone("timeZone", timeZone);
        String tag = rules.language("language", language);
        String currency = displayCurrency == null ? null : rules.currency("displayCurrency", displayCurrency);
        rules.check();
        jdbc.sql("""
                UPDATE users SET time_zone = :tz, locale = :locale, display_currency = :currency, updated_at = :now,
                                 version = version + 1
                 WHERE id = :id
                """)
                .param("tz", zone)
                .param("locale", tag)
                .param("currency", currency)
                .param("now", utc(clock.instant()))
                .param("id", current.userId().value())
                .update();
        return of(current);
    }

    Preferences updateCurrency(CurrentUser current, String displayCurrency) {
        var rules = new PreferenceRules();
        String currency = rules.currency("currency", displayCurrency);
        rules.check();
        jdbc.sql("""
                UPDATE users SET display_currency = :currency, updated_at = :now, version = version + 1
                 WHERE id = :id
                """)
                .param("currency", currency)
                .param("now", utc(clock.instant()))
                .param("id", current.userId().value())
                .update();
        return of(current);
    }
}
