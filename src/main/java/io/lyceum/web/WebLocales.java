package io.lyceum.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The pages' language: the one chosen with the language switch (a cookie), else the browser's Accept-Language among
 * those with a message bundle, else English.
 */
@Configuration(proxyBeanMethods = false)
class WebLocales {

    static final String LANGUAGE_COOKIE = "lyceum_lang";
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        // the browser's own locale when we speak its language (en-GB keeps British dates), else English
        resolver.setDefaultLocaleFunction(request -> {
            Locale wanted = request.getLocale();
            boolean spoken = SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(wanted.getLanguage()));
            return spoken ? wanted : Locale.ENGLISH;
        });
        return resolver;
    }
}
