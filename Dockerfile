# syntax=docker/dockerfile:1
#
# Lyceum container image.
#   docker build -t lyceum .
#   docker run --rm -p 8080:8080 \
#     -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/lyceum \
#     -e SPRING_DATASOURCE_USERNAME=lyceum_app -e SPRING_DATASOURCE_PASSWORD=... \
#     -e SPRING_FLYWAY_USER=postgres -e SPRING_FLYWAY_PASSWORD=... \
#     lyceum
# The image never starts the embedded development database (LYCEUM_DB_EMBEDDED=false): it needs an external
# PostgreSQL. See compose.yml for the reference layout.

# ---------------------------------------------------------------------------------------------------------------
# Build: compile and package the Spring Boot jar, then split it into layers (dependencies change less often than
# the application, so they land in their own, cacheable image layers).
# ---------------------------------------------------------------------------------------------------------------
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace

# Maven wrapper and POM first: the Maven download and dependency resolution are reused while only src/ changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# Tolerate a checkout with CRLF line endings or without the executable bit.
RUN sed -i 's/\r$//' mvnw && chmod +x mvnw

COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp package -DskipTests \
    && cp target/lyceum-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# ---------------------------------------------------------------------------------------------------------------
# Runtime: JRE only, unprivileged user, exploded layered jar started by Spring Boot's launcher.
# ---------------------------------------------------------------------------------------------------------------
FROM eclipse-temurin:25-jre

# curl is only for the HEALTHCHECK below; install it only if the base image does not already ship it.
RUN set -eux; \
    if ! command -v curl >/dev/null 2>&1; then \
        apt-get update; \
        apt-get install -y --no-install-recommends curl; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 lyceum; \
    useradd --system --uid 10001 --gid lyceum --home-dir /app --no-create-home --shell /usr/sbin/nologin lyceum

WORKDIR /app
# Least to most frequently changing. Files stay owned by root: the application cannot modify its own code.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# External PostgreSQL only; the embedded development database is never started in a container.
# Supply SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD (the non-superuser application role) and optionally
# SPRING_FLYWAY_USER / _PASSWORD (the schema owner that runs migrations) at run time.
ENV LYCEUM_DB_EMBEDDED=false \
    PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
EXPOSE 8080

# Liveness only: a database outage makes readiness (and /health) fail, which should take the instance out of the
# load balancer, not get the container restarted.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-${PORT:-8080}}/actuator/health/liveness" || exit 1

# exec form: the JVM is PID 1 and receives SIGTERM directly, so Spring's graceful shutdown runs.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
