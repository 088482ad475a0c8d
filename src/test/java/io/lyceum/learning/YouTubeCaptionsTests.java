package io.lyceum.learning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The YouTube captions adapter: its parsers on caption files in YouTube's formats, and a fetch against WireMock. */
class YouTubeCaptionsTests {

    private static String file(String name) {
        try (InputStream in = YouTubeCaptionsTests.class.getResourceAsStream("/learning/captions/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final YouTubeCaptions captions =
            new YouTubeCaptions("https://www.youtube.com", JsonMapper.builder().build());

    @Test
    void readsJson3CaptionTracks() {
        Transcript transcript = captions.parse(file("photosynthesis.json3"));
        assertThat(transcript.wordCount()).isGreaterThan(1_500);
        assertThat(transcript.cues().getFirst().startMs()).isZero();
        assertThat(transcript.cues().getFirst().text()).startsWith("Good morning everyone");
        assertThat(transcript.text()).contains("The Calvin cycle takes place in the stroma.");
        // the appended newline events carry no words and make no cues
        assertThat(transcript.cues()).allSatisfy(c -> assertThat(c.text()).isNotBlank());
    }

    @Test
    void readsXmlCaptionTracks() {
        Transcript transcript = captions.parse(file("french-revolution.srv1.xml"));
        assertThat(transcript.text()).contains("Today's topic is the French Revolution");
        assertThat(transcript.cues().get(1).startMs()).isEqualTo(4_000);
        Transcript srv3 = captions.parse(
                "<timedtext format=\"3\"><body><p t=\"1500\" d=\"2000\">Photosynthesis happens in chloroplasts.</p>"
                        + "<p t=\"3600\" d=\"1800\">Chlorophyll absorbs light.</p></body></timedtext>");
        assertThat(srv3.cues()).extracting(Transcript.Cue::startMs).containsExactly(1_500L, 3_600L);
    }

    @Test
    void recognisesYouTubeAddresses() {
        assertThat(YouTubeCaptions.videoId("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42"))
                .contains("dQw4w9WgXcQ");
        assertThat(YouTubeCaptions.videoId("https://youtu.be/dQw4w9WgXcQ")).contains("dQw4w9WgXcQ");
        assertThat(YouTubeCaptions.videoId("https://www.youtube.com/embed/dQw4w9WgXcQ"))
                .contains("dQw4w9WgXcQ");
        assertThat(YouTubeCaptions.videoId("https://vimeo.com/123456")).isEmpty();
    }

    @Test
    void fetchesTheTimedTextTrackAndFailsClearlyWithoutCaptions() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        try {
            server.stubFor(get(urlPathEqualTo("/api/timedtext"))
                    .withQueryParam("v", equalTo("abcdefghijk"))
                    .withQueryParam("fmt", equalTo("json3"))
                    .willReturn(aResponse().withBody(file("photosynthesis.json3"))));
            server.stubFor(get(urlPathEqualTo("/api/timedtext"))
                    .withQueryParam("v", equalTo("nocaptions0"))
                    .willReturn(aResponse().withStatus(404)));
            YouTubeCaptions local =
                    new YouTubeCaptions(server.baseUrl(), JsonMapper.builder().build());
            Transcript transcript = local.fetch(URI.create("https://youtu.be/abcdefghijk"), "en");
            assertThat(transcript.text()).contains("chlorophyll");
            assertThatThrownBy(() -> local.fetch(URI.create("https://youtu.be/nocaptions0"), "en"))
                    .isInstanceOf(CourseGenerator.GenerationFailed.class)
                    .hasMessageContaining("no en captions");
        } finally {
            server.stop();
        }
    }
}
