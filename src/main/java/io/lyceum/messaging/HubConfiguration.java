package io.lyceum.messaging;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.platform.PublicRoutes;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Registers the hub at {@code /api/v1/ws}. The upgrade itself is public (a client authenticates with its first frame);
 * in cookie mode the access cookie is taken from the upgrade request, but only from a page of the same origin, so
 * another site cannot open a socket with a visitor's cookie.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class HubConfiguration implements WebSocketConfigurer {

    static final String PATH = "/api/v1/ws";

    private final ChatHub hub;

    HubConfiguration(ChatHub hub) {
        this.hub = hub;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(hub, PATH).addInterceptors(new CookieToken()).setAllowedOriginPatterns("*");
    }

    /** Frames up to 128 KiB reach the hub (which refuses messages over 64 KiB with an error frame); larger: 1009. */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(128 * 1024);
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }

    @Bean
    PublicRoutes messagingHubRoute() {
        return PublicRoutes.of("GET " + PATH);
    }

    /** The access cookie of a same-origin upgrade request. */
    static final class CookieToken implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes) {
            String cookies = request.getHeaders().getFirst(HttpHeaders.COOKIE);
            if (cookies == null || !sameOrigin(request)) {
                return true;
            }
            for (String cookie : cookies.split(";")) {
                String[] pair = cookie.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(AccountsApi.ACCESS_COOKIE) && !pair[1].isBlank()) {
                    attributes.put(ChatHub.TOKEN_ATTRIBUTE, pair[1]);
                }
            }
            return true;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                @Nullable Exception exception) {}

        private static boolean sameOrigin(ServerHttpRequest request) {
            String origin = request.getHeaders().getOrigin();
            if (origin == null) {
                return true; // not a browser: no ambient cookie to abuse
            }
            try {
                URI uri = URI.create(origin);
                String host = request.getHeaders().getFirst(HttpHeaders.HOST);
                String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
                return host != null && host.equalsIgnoreCase(originHost);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    @Bean
    OpenApiCustomizer messagingHubDocumentation() {
        return openApi -> {
            openApi.addTagsItem(new Tag().name("Messaging: realtime hub"));
            openApi.path(
                    PATH,
                    new PathItem()
                            .get(
                                    new Operation()
                                            .operationId("openMessagingHub")
                                            .addTagsItem("Messaging: realtime hub")
                                            .summary("Open the realtime messaging WebSocket")
                                            .description("""
                            Upgrades to a WebSocket (`Upgrade: websocket`). Authenticate with the first frame \
                            `{"type":"auth","token":"<access token>"}` or, in cookie mode, with the `lyceum_access` \
                            cookie of a same-origin page. JSON frames, each with a `type`. Client to server: `auth`, \
                            `join` {roomId, lastSeq?, accessReason?}, `leave` {roomId}, `send` {roomId, clientId, \
                            messageType, content:{body}, replyTo?}, `typing`/`stopTyping` {roomId}, `read` {roomId, \
                            seq}, `ping`, and for admins `block`/`silence` {roomId, userId, reason, duration} and \
                            `unblock`/`unsilence` {roomId, userId}. Server to client: `authenticated`, `joined` \
                            (role, read marks), `history` (the last 50 newest first, or after `lastSeq` oldest \
                            first), `message` (clientId echoed), `ack`, `edited`, `deleted`, `read`, `typing`, \
                            `stopTyping`, `presence` (online/offline), `blocked`, `unblocked`, `silenced`, \
                            `unsilenced`, `left`, `pong` and `error` {code, message, roomId?, clientId?}. Close \
                            codes: 4001 token expired (refresh, reconnect and resume), 4401 not authenticated, 4408 \
                            idle, 4429 repeated bad frames, 1009 frame over 128 KiB. See docs/messaging.md.""")
                                            .responses(
                                                    new ApiResponses()
                                                            .addApiResponse(
                                                                    "101",
                                                                    new ApiResponse()
                                                                            .description("Switching protocols"))
                                                            .addApiResponse(
                                                                    "400",
                                                                    new ApiResponse()
                                                                            .description(
                                                                                    "Not a WebSocket upgrade: Spring's handshake "
                                                                                            + "answers in plain text")
                                                                            .content(
                                                                                    new io.swagger.v3.oas.models.media
                                                                                                    .Content()
                                                                                            .addMediaType(
                                                                                                    "text/plain",
                                                                                                    new io.swagger.v3
                                                                                                                    .oas
                                                                                                                    .models
                                                                                                                    .media
                                                                                                                    .MediaType()
                                                                                                            .schema(
                                                                                                                    new io
                                                                                                                            .swagger
                                                                                                                            .v3
                                                                                                                            .oas
                                                                                                                            .models
                                                                                                                            .media
                                                                                                                            .StringSchema())))))));
        };
    }
}
