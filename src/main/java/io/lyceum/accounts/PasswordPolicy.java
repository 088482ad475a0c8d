package io.lyceum.accounts;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password rules: at least 12 (ASVS 2.1.1) and at most 128 characters, not one of the 100,000 most common passwords (the list
 * shipped in the nbvcxz library), and not the account's own email address.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 12; // ASVS 2.1.1
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() throws IOException {
        this.common = loadCommonPasswords();
    }

    void check(String field, @Nullable String password, @Nullable String email) {
        String problem = null;
        if (password == null || password.length() < MIN_LENGTH) {
            problem = "must be at least " + MIN_LENGTH + " characters";
        } else if (password.length() > MAX_LENGTH) {
            problem = "must be at most " + MAX_LENGTH + " characters";
        } else if (common.contains(password.toLowerCase(Locale.ROOT))) {
            problem = "is one of the most common passwords; choose another";
        } else if (email != null && password.equalsIgnoreCase(email.trim())) {
            problem = "must not be your email address";
        }
        if (problem != null) {
            throw LyceumException.invalid(
                    "auth.weak_password", "The password " + problem + ".", List.of(new FieldError(field, problem)));
        }
    }

    private static Set<String> loadCommonPasswords() throws IOException {
        var stream = PasswordPolicy.class.getClassLoader().getResourceAsStream("dictionaries/passwords.txt");
        if (stream == null) {
            throw new IllegalStateException("The common-password list (nbvcxz) is missing from the classpath");
        }
        Set<String> passwords = new HashSet<>();
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // shorter ones fail the length rule anyway
                if (line.length() >= MIN_LENGTH) {
                    passwords.add(line.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(passwords);
    }

    @Configuration(proxyBeanMethods = false)
    static class Encoding {

        /**
         * Argon2id for new hashes (Spring Security's recommended 19 MiB, 2 passes unless configured: the test profile
         * lowers them, as thousands of sign-ups would otherwise spend minutes hashing); bcrypt hashes (imports) still
         * verify and are upgraded on sign-in. Each hash records its own parameters, so changing them never breaks
         * existing passwords.
         */
        @Bean
        PasswordEncoder passwordEncoder(
                @org.springframework.beans.factory.annotation.Value("${lyceum.auth.argon2.memory-kib:19456}")
                        int memoryKib,
                @org.springframework.beans.factory.annotation.Value("${lyceum.auth.argon2.iterations:2}")
                        int iterations) {
            var encoders = new java.util.HashMap<String, PasswordEncoder>();
            encoders.put("argon2", new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations));
            encoders.put("bcrypt", new BCryptPasswordEncoder());
            return new DelegatingPasswordEncoder("argon2", encoders);
        }
    }
}
