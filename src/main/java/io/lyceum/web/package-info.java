/**
 * Web: the pages people use in a browser (server-rendered Thymeleaf, htmx, a hand-written stylesheet). The pages own
 * no business rule: every read and every action goes through Lyceum's own REST API in cookie mode over the loopback
 * interface ({@link io.lyceum.web.Api}), so the pages get exactly the authorization, validation, rate limits and audit
 * the API gives any other client. See docs/web-app.md.
 */
@NullMarked
@ApplicationModule(
        displayName = "Web",
        allowedDependencies = {"shared", "tenancy", "platform"})
package io.lyceum.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
