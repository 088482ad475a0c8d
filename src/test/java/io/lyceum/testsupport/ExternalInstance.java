package io.lyceum.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Another Lyceum in its own JVM, on the test's embedded PostgreSQL as an external database, so a test can kill it with
 * SIGKILL (no shutdown hooks, no graceful shutdown) and start it again on the same port. Its output goes to a log file.
 */
public final class ExternalInstance {

    private final EmbeddedPostgres postgres;
    private final String name;
    private final int port;
    private final Path log;
    private final Map<String, String> extra;
    private Process process;
    private int starts;

    /**
     * @param name the job instance name (the start number is appended)
     * @param extra further {@code --key=value} arguments, after the database and port
     */
    public ExternalInstance(EmbeddedPostgres postgres, String name, int port, Path log, Map<String, String> extra) {
        this.postgres = postgres;
        this.name = name;
        this.port = port;
        this.log = log;
        this.extra = extra;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Starts the process and waits until {@code /health} answers 200. */
    public void start() throws Exception {
        starts++;
        String url = postgres.getJdbcUrl("postgres", "lyceum").replace("?user=postgres", "");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-Xmx512m",
                // as the test JVMs (pom.xml, whole-suite): without them each start ran four full collections for
                // metaspace, or two for C1's 48 MB code cache once metaspace was settled
                "-XX:MetaspaceSize=256m",
                "-XX:ReservedCodeCacheSize=256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.lyceum.LyceumApplication"));
        Map<String, String> arguments = new TreeMap<>(Map.ofEntries(
                Map.entry("spring.profiles.active", "test"),
                Map.entry("server.port", Integer.toString(port)),
                Map.entry("lyceum.db.embedded", "false"),
                Map.entry("spring.datasource.url", url),
                Map.entry("spring.datasource.username", "lyceum_app"),
                Map.entry("spring.datasource.password", "lyceum_app"),
                Map.entry("spring.flyway.url", url),
                Map.entry("spring.flyway.user", "postgres"),
                Map.entry("spring.flyway.password", ""),
                Map.entry("lyceum.jobs.instance-name", name + "-" + starts)));
        arguments.putAll(extra);
        arguments.forEach((k, v) -> command.add("--" + k + "=" + v));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitUp();
    }

    private void awaitUp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the second server exited with " + process.exitValue() + "; " + tail(log.toFile()));
            }
            try {
                HttpResponse<Void> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the second server did not start; " + tail(log.toFile()));
    }

    /** SIGKILL: no shutdown hooks, no graceful shutdown, transactions in flight die with their connections. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String tail(File file) {
        try {
            List<String> lines = Files.readAllLines(file.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
