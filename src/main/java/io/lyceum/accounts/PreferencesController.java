package io.lyceum.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Profile")
class PreferencesController {

    private final PreferencesService preferences;

    PreferencesController(PreferencesService preferences) {
        this.preferences = preferences;
    }

    record PreferencesRequest(
            @NotBlank @Size(max = 64) String timeZone,
            @NotBlank @Size(max = 35) String language,
            @Size(max = 3) @Nullable String displayCurrency) {}

    record CurrencyRequest(@NotBlank @Size(max = 3) String currency) {}

    record PreferencesView(
            String timeZone, String language, String displayCurrency, boolean displayCurrencyIsTenantDefault) {

        static PreferencesView of(PreferencesService.Preferences p) {
            return new PreferencesView(p.timeZone(), p.language(), p.displayCurrency(), p.currencyIsTenantDefault());
        }
    }

    record CurrencyView(String currency, boolean tenantDefault) {

        static CurrencyView of(PreferencesService.Preferences p) {
            return new CurrencyView(p.displayCurrency(), p.currencyIsTenantDefault());
        }
    }

    @GetMapping("/preferences")
    @Operation(
            summary = "Own time zone, language and display currency",
            description = "Any signed-in user. Without a chosen display currency, the tenant's default is shown.")
    PreferencesView get(@AuthenticationPrincipal CurrentUser user) {
        return PreferencesView.of(preferences.of(user));
    }

    @PutMapping("/preferences")
    @Operation(
            summary = "Set own time zone, language and display currency",
            description = "Any signed-in user. `timeZone`: an IANA zone id (Europe/London). `language`: a BCP 47 "
                    + "tag of a known language (en, pt-BR). `displayCurrency`: an ISO 4217 code (GBP), or omit it to "
                    + "use the tenant's default. Every invalid field is reported in `errors[]` (422).")
    PreferencesView put(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PreferencesRequest body) {
        return PreferencesView.of(preferences.update(user, body.timeZone(), body.language(), body.displayCurrency()));
    }

    @GetMapping("/currency")
    @Operation(summary = "Own display currency", description = "Any signed-in user.")
    CurrencyView currency(@AuthenticationPrincipal CurrentUser user) {
        return CurrencyView.of(preferences.of(user));
    }

    @PutMapping("/currency")
    @Operation(
            summary = "Set own display currency",
            description = "Any signed-in user. An ISO 4217 code such as GBP; amounts are still charged in their own "
                    + "currency, this only chooses how prices are shown.")
    CurrencyView setCurrency(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CurrencyRequest body) {
        return CurrencyView.of(preferences.updateCurrency(user, body.currency()));
    }
}
