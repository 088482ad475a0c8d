package io.lyceum.learning;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * YouTube's captions through the timedtext endpoint ({@code /api/timedtext?v=ID&lang=en&fmt=json3}). It works where
 * the network reaches YouTube and the video has captions in that language; otherwise the generation fails with a
 * reason that says so. Reads the {@code json3} format and the XML caption tracks ({@code <text start dur>} of srv1,
 * {@code <p t d>} of srv3).
 */
@Component
class YouTubeCaptions implements TranscriptSource {

    private static final Pattern VIDEO_ID = Pattern.compile(
            "^(?:https?://)?(?:www\\.|m\\.)?(?:youtube\\.com/(?:watch\\?(?:.*&)?v=|embed/|shorts/|live/)|youtu\\.be/)"
                    + "([A-Za-z0-9_-]{11})");

    private final HttpClient http;
    private final String baseUrl;
    private final JsonMapper json;

    YouTubeCaptions(
            @Value("${lyceum.learning.youtube.base-url:https://www.youtube.com}") String baseUrl, JsonMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    static Optional<String> videoId(String url) {
        Matcher m = VIDEO_ID.matcher(url == null ? "" : url.trim());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public boolean handles(URI video) {
        return videoId(video.toString()).isPresent();
    }

    @Override
    public Transcript fetch(URI video, String language) {
        String id = videoId(video.toString())
                .orElseThrow(() -> new CourseGenerator.GenerationFailed("Not a YouTube video URL: " + video));
        URI captions = URI.create(baseUrl + "/api/timedtext?v=" + id + "&lang="
                + URLEncoder.encode(language, StandardCharsets.UTF_8) + "&fmt=json3");
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(captions)
                            .timeout(Duration.ofSeconds(20))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CourseGenerator.GenerationFailed("The video's captions could not be reached ("
                    + e.getClass().getSimpleName() + "). Upload the transcript instead.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200 || response.body().isBlank()) {
            throw new CourseGenerator.GenerationFailed("The video has no " + language + " captions that can be read"
                    + " (HTTP " + response.statusCode() + "). Upload the transcript instead.");
        }
        Transcript transcript = parse(response.body());
        if (transcript.wordCount() < TranscriptFormats.MIN_WORDS) {
            throw new CourseGenerator.GenerationFailed("The video's captions have too few words to make a course.");
        }
        return transcript;
    }

    /** Parses a caption track: json3, or XML (srv1 or srv3). */
    Transcript parse(String body) {
        String trimmed = body.stripLeading();
        return trimmed.startsWith("{") ? parseJson3(trimmed) : parseXml(trimmed);
    }

    private Transcript parseJson3(String body) {
        JsonNode root = json.readTree(body);
        List<Transcript.Cue> cues = new ArrayList<>();
        for (JsonNode event : root.path("events")) {
            if (!event.has("segs")) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode seg : event.path("segs")) {
                text.append(seg.path("utf8").asString(""));
            }
            String words = text.toString().replace('\n', ' ').strip();
            if (words.isEmpty()) {
                continue;
            }
            long start = event.path("tStartMs").asLong(0);
            long duration = event.path("dDurationMs").asLong(0);
            cues.add(new Transcript.Cue(start, start + duration, words));
        }
        return new Transcript(cues);
    }

    private static Transcript parseXml(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
            List<Transcript.Cue> cues = new ArrayList<>();
            NodeList texts = document.getElementsByTagName("text");
            for (int i = 0; i < texts.getLength(); i++) {
                Element text = (Element) texts.item(i);
                long start = Math.round(Double.parseDouble(text.getAttribute("start")) * 1000);
                long duration =
                        text.hasAttribute("dur") ? Math.round(Double.parseDouble(text.getAttribute("dur")) * 1000) : 0;
                add(cues, start, duration, text.getTextContent());
            }
            NodeList paragraphs = document.getElementsByTagName("p");
            for (int i = 0; i < paragraphs.getLength(); i++) {
                Element p = (Element) paragraphs.item(i);
                long start = Long.parseLong(p.getAttribute("t"));
                long duration = p.hasAttribute("d") ? Long.parseLong(p.getAttribute("d")) : 0;
                add(cues, start, duration, p.getTextContent());
            }
            return new Transcript(cues);
        } catch (ParserConfigurationException | SAXException | IOException | NumberFormatException e) {
            throw new CourseGenerator.GenerationFailed("The video's captions are not in a format Lyceum reads.");
        }
    }

    private static void add(List<Transcript.Cue> cues, long start, long duration, String raw) {
        String words = raw.replace('\n', ' ')
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .strip();
        if (!words.isEmpty()) {
            cues.add(new Transcript.Cue(start, start + duration, words));
        }
    }
}
