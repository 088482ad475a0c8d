package io.lyceum.learning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The model generator against WireMock standing in for an OpenAI-compatible endpoint, with recorded answers. */
class LlmCourseGeneratorTests {

    private WireMockServer server;
    private LlmCourseGenerator generator;
    private final Transcript transcript = Samples.transcript(Samples.QUADRATICS);
    private final Preferences preferences = Preferences.of("intermediate", "en", 30, "speed", "llm");

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        generator = generator(
                24_000,
                List.of(
                        new LlmProperties.Model("small-fast", 16_000, "SPEED"),
                        new LlmProperties.Model("large-careful", 128_000, "QUALITY")));
    }

    private LlmCourseGenerator generator(int budget, List<LlmProperties.Model> models) {
        return new LlmCourseGenerator(
                new LlmProperties(server.baseUrl() + "/v1", "test-key", models, budget, Duration.ofSeconds(10)),
                new ExtractiveGenerator(),
                JsonMapper.builder().build());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static String recorded(String name) {
        try (InputStream in = LlmCourseGeneratorTests.class.getResourceAsStream("/learning/llm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answers(String first, String second) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .inScenario("answers")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(recorded(first)))
                .willSetStateTo("second"));
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .inScenario("answers")
                .whenScenarioStateIs("second")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(recorded(second))));
    }

    @Test
    void anInvalidFirstAnswerIsSentBackOnceAndTheCorrectedOneIsTheOutline() {
        answers("invalid-source-sentence.json", "valid-outline.json");

        Outline outline = generator.generate(transcript, preferences);

        assertThat(outline.title()).isEqualTo("Quadratic equations");
        assertThat(outline.sections()).hasSize(2);
        Outline.Quiz quiz = outline.sections().getFirst().quizzes().getFirst();
        assertThat(transcript.text()).contains(quiz.sourceSentence());
        assertThat(quiz.sourceStartMs())
                .isEqualTo(transcript.startAt(transcript.text().indexOf(quiz.sourceSentence())));
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        // the retry told the model what was wrong, and the model was the small one (speed, prompt fits)
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("is not quoted from the transcript"))
                .withRequestBody(containing("small-fast")));
    }

    @Test
    void twoBadAnswersFailWithAReasonAndNoThirdCall() {
        answers("not-json.json", "invalid-source-sentence.json");

        assertThatThrownBy(() -> generator.generate(transcript, preferences))
                .isInstanceOf(CourseGenerator.GenerationFailed.class)
                .hasMessageContaining("answered twice")
                .hasMessageContaining("not quoted from the transcript");
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void theModelIsChosenByTokenCountAndQuality() {
        assertThat(generator.choose(2_000, "SPEED").name()).isEqualTo("small-fast");
        assertThat(generator.choose(2_000, "QUALITY").name()).isEqualTo("large-careful");
        // too big for the small model's window: the large one, whatever the preference
        assertThat(generator.choose(30_000, "SPEED").name()).isEqualTo("large-careful");
    }

    @Test
    void aLongTranscriptIsCutAtASectionBoundaryNeverMidSentence() {
        LlmCourseGenerator tight = generator(900, List.of(new LlmProperties.Model("m", 16_000, "SPEED")));
        String sent = tight.budgeted(transcript);
        assertThat(LlmCourseGenerator.estimateTokens(sent)).isLessThanOrEqualTo(900);
        assertThat(sent).isNotBlank().endsWith(".");
        List<List<String>> sections = new ExtractiveGenerator().sections(transcript);
        // what is sent is the first sections, whole
        String whole = "";
        for (List<String> section : sections) {
            String next = whole.isEmpty() ? String.join(" ", section) : whole + "\n\n" + String.join(" ", section);
            if (LlmCourseGenerator.estimateTokens(next) > 900) {
                break;
            }
            whole = next;
        }
        assertThat(sent).isEqualTo(whole.isEmpty() ? sent : whole);
        assertThat(transcript.text().replace("\n", " ")).contains(sent.split("\n\n")[0]);
    }
}
