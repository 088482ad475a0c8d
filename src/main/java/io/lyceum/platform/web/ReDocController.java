package io.lyceum.platform.web;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /redoc}: the OpenAPI document rendered by ReDoc, served from the bundled webjar (works offline). */
@RestController
@org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(
        name = "springdoc.api-docs.enabled",
        matchIfMissing = true)
class ReDocController {

    static final String REDOC_SCRIPT = "/webjars/redoc/2.1.4/bundles/redoc.standalone.js";

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
              <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Lyceum API reference</title>
                <style>body { margin: 0; padding: 0; }</style>
              </head>
              <body>
                <redoc spec-url="/openapi.json"></redoc>
                <script src="%s"></script>
              </body>
            </html>
            """.formatted(REDOC_SCRIPT);

    @GetMapping(value = "/redoc", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> redoc() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(PAGE);
    }
}
