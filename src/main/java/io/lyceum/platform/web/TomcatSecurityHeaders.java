package io.lyceum.platform.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The security headers on responses the servlet container writes itself (its own error pages, such as a 400 for a
 * request Tomcat cannot route), through a valve at the head of the engine's pipeline. Filters and the application
 * overwrite them with the same values on everything else.
 */
@Component
class TomcatSecurityHeaders implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    private final SecurityHeadersFilter headers;

    TomcatSecurityHeaders(SecurityHeadersFilter headers) {
        this.headers = headers;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addEngineValves(new HeadersValve(headers));
    }

    static final class HeadersValve extends ValveBase {

        private final SecurityHeadersFilter headers;

        HeadersValve(SecurityHeadersFilter headers) {
            super(true);
            this.headers = headers;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            // no nonce here: the container's own pages have no inline code
            headers.headersFor(request.getRequestURI() == null ? "" : request.getRequestURI(), "none")
                    .forEach(response::setHeader);
            getNext().invoke(request, response);
        }
    }
}
