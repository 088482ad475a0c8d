package io.lyceum.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The language switch in the footer: remembers the choice in a cookie and returns to the page. */
@Controller
class LanguagePages {

    private final LocaleResolver locales;

    LanguagePages(LocaleResolver locales) {
        this.locales = locales;
    }

    @PostMapping("/language")
    String choose(
            @RequestParam String lang,
            @RequestParam(required = false) @Nullable String next,
            HttpServletRequest request,
            HttpServletResponse response) {
        Locale chosen = WebLocales.SUPPORTED.stream()
                .filter(l -> l.getLanguage().equals(lang))
                .findFirst()
                .orElse(Locale.ENGLISH);
        locales.setLocale(request, response, chosen);
        String back = AuthPages.safeNext(next);
        return "redirect:" + (back == null ? "/" : back);
    }
}
