package io.lyceum.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.tenancy.TenantId;
import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import io.lyceum.testsupport.ApiTestBase;
import io.lyceum.testsupport.OpenSchedules;
import io.lyceum.testsupport.Tutors;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Latency of one tool call through {@code /mcp} against the same operation over REST, on loopback, one caller at a
 * time: a tutor's profile ({@code get_tutor} / {@code GET /api/v1/tutors/{id}}) and the caller's bookings
 * ({@code list_my_bookings} / {@code GET /api/v1/bookings}). MCP is measured raw (one JSON-RPC POST with the JDK's
 * client) and through the SDK's own client; the tool gateway too. Not part of the default build; run it with
 * {@code ./mvnw -B -ntp -Dtest=McpLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class McpLatencyBenchmark extends ApiTestBase {

    private static final int WARM_UP = 100;
    private static final int CALLS = 500;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void toolCallsThroughMcpAgainstRest() throws Exception {
        var tutor = Tutors.approved(jdbc);
        OpenSchedules.openAllWeek(jdbc, TenantId.DEFAULT, tutor.id(), false, 0, 0);
        SignedIn student = Accounts.newUser("STUDENT");
        for (int i = 3; i < 8; i++) {
            String start = student.api()
                    .get("/api/v1/tutors/" + tutor.id() + "/available-slots?duration=60")
                    .then()
                    .extract()
                    .path("slots[" + (i * 3) + "].start");
            student.api()
                    .contentType("application/json")
                    .body(Map.of("tutorId", tutor.id(), "startsAt", start, "durationMinutes", 60))
                    .post("/api/v1/bookings")
                    .then()
                    .statusCode(201);
        }
        String base = "http://localhost:" + port;
        String token = "Bearer " + student.accessToken();
        StringBuilder report = new StringBuilder();
        try (var sdk = McpClients.connect(port, student.accessToken())) {
            sdk.initialize();
            for (var op : new String[][] {
                {"get_tutor", "{\"tutorId\":\"" + tutor.id() + "\"}", "/api/v1/tutors/" + tutor.id()},
                {"list_my_bookings", "{}", "/api/v1/bookings"},
                {"my_course_progress", "{}", "/api/v1/user/progress"}
            }) {
                String tool = op[0];
                String args = op[1];
                String path = op[2];
                Callable<Integer> rest = () -> send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", token)
                        .GET());
                Callable<Integer> gateway =
                        () -> send(HttpRequest.newBuilder(URI.create(base + "/api/v1/agents/tools/call"))
                                .header("Authorization", token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"toolName\":\"" + tool + "\",\"args\":" + args + "}")));
                Callable<Integer> mcp = () -> send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                                        + "\",\"arguments\":" + args + "}}")));
                Map<String, Object> parsed = jsonArgs(args);
                Callable<Integer> sdkCall = () -> {
                    var result = sdk.callTool(new CallToolRequest(tool, parsed));
                    return Boolean.TRUE.equals(result.isError()) ? 500 : 200;
                };
                report.append(line(tool + " REST " + path, rest));
                report.append(line(tool + " tool gateway", gateway));
                report.append(line(tool + " /mcp raw JSON-RPC", mcp));
                report.append(line(tool + " /mcp SDK client", sdkCall));
            }
        }
        System.out.println("\n=== MCP vs REST latency (" + CALLS + " sequential calls after " + WARM_UP
                + " warm-up, loopback) ===\n" + report);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonArgs(String json) {
        return tools.jackson.databind.json.JsonMapper.shared().readValue(json, Map.class);
    }

    private int send(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode();
    }

    private static String line(String name, Callable<Integer> call) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            assertThat(call.call()).as(name).isEqualTo(200);
        }
        long[] nanos = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return String.format(
                "%-45s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  mean %6.2f ms%n",
                name, nanos[CALLS / 2] / 1e6, nanos[CALLS * 95 / 100] / 1e6, nanos[CALLS * 99 / 100] / 1e6, mean);
    }
}
