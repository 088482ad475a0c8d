package io.lyceum.catalog;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.catalog.ExchangeRates.Rate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/exchange-rates")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Catalog: exchange rates")
class ExchangeRateController {

    private final ExchangeRates rates;

    ExchangeRateController(ExchangeRates rates) {
        this.rates = rates;
    }

    record RateBody(@NotNull BigDecimal rate) {}

    @GetMapping
    @Operation(
            summary = "The tenant's exchange rates",
            description = "ADMIN. Every pair (1 base = rate quote) with its source (MANUAL or ECB) and date. At most "
                    + "one row per pair and direction; the search converts through inverses and one intermediate "
                    + "currency. Paged, by base then quote.")
    io.lyceum.shared.PageResponse<Rate> list(io.lyceum.shared.PageQuery query) {
        return rates.list(query.requireSortable(java.util.Set.of()));
    }

    @PutMapping("/{base}/{quote}")
    @Operation(
            summary = "Set a rate by hand",
            description = "ADMIN. Body {rate}: 1 base = rate quote, positive, at most 12 decimals. A MANUAL rate "
                    + "replaces the pair's inverse and is never overwritten by the ECB feed. 422 "
                    + "`exchange_rate.invalid` for unknown currencies or a bad rate.")
    Rate put(
            @AuthenticationPrincipal CurrentUser admin,
            @PathVariable String base,
            @PathVariable String quote,
            @Valid @RequestBody RateBody body) {
        return rates.setManual(admin, base, quote, body.rate());
    }

    @DeleteMapping("/{base}/{quote}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a rate", description = "ADMIN. 404 `exchange_rate.not_found` when there is none.")
    void delete(@PathVariable String base, @PathVariable String quote) {
        rates.delete(base, quote);
    }
}
