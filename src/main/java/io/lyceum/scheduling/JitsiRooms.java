package io.lyceum.scheduling;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;

/**
 * Jitsi Meet rooms: a random room name per booking on the configured server ({@code https://meet.jit.si} by default),
 * so the default needs no account. A participant's link carries their display name in the URL fragment
 * ({@code #userInfo.displayName="..."}), which never reaches the server. When an app id and secret are configured
 * (a self-hosted Jitsi with token authentication), each link also carries a JWT signed with HS256 that admits its
 * holder to that one room until the lesson ends, as a moderator for the tutor.
 */
final class JitsiRooms implements LessonRooms {

    private final RoomsProperties.Jitsi config;
    private final Clock clock;

    JitsiRooms(RoomsProperties.Jitsi config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return RoomsProperties.JITSI;
    }

    @Override
    public Room create(RoomRequest request) {
        return room();
    }

    /** A new room with no booking: preliminary meetings use its shared link. */
    Room room() {
        String name = SecretTokens.roomName();
        return new Room(provider(), name, config.baseUrl() + "/" + name);
    }

    @Override
    public String joinUrl(Room room, Participant participant, Instant opensAt, Instant closesAt) {
        StringBuilder url = new StringBuilder(config.baseUrl()).append('/').append(room.id());
        if (config.signed()) {
            url.append("?jwt=").append(token(room, participant, closesAt));
        }
        String name = "\"" + participant.displayName().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        url.append("#userInfo.displayName=")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        return url.toString();
    }

    private String token(Room room, Participant participant, Instant closesAt) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.tokenTtl());
        if (closesAt != null && closesAt.isAfter(now) && closesAt.isBefore(expires)) {
            expires = closesAt;
        }
        var claims = new JWTClaimsSet.Builder()
                .issuer(config.appId())
                .audience("jitsi")
                .subject(URI.create(config.baseUrl()).getHost())
                .claim("room", room.id())
                .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .expirationTime(Date.from(expires))
                .claim(
                        "context",
                        Map.of(
                                "user",
                                Map.of(
                                        "id", participant.userId().toString(),
                                        "name", participant.displayName(),
                                        "moderator", participant.host())))
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            // a signed server has both its app id and its secret (RoomsProperties.Jitsi checks they go together)
            String secret = Objects.requireNonNull(config.appSecret());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a Jitsi token", e);
        }
        return jwt.serialize();
    }
}
