package io.lyceum.learning;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads uploaded transcripts: WebVTT, SRT, a Lessonspace session transcript or plain text, told apart by their
 * content. A cue is a timing line ({@code 00:01:02.500 --> 00:01:05.000}; SRT writes {@code ,} before the milliseconds,
 * and hours may be left out) followed by its text lines until a blank line. Tags ({@code <v Speaker>}, {@code <b>})
 * are dropped. A Lessonspace transcript (what its dashboard and API give for a recorded, transcribed session) is a
 * JSON array of utterances: {@code {"start_time": 26.18, "end_time": 27.38, "user": {"id": 3697650, "name": "Kitti"},
 * "breakout_id": "main", "text": "..."}}, times in seconds; the main room's utterances are read, in time order.
 */
final class TranscriptFormats {

    enum Format {
        WEBVTT,
        SRT,
        LESSONSPACE_JSON,
        TEXT
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MAIN_ROOM = "main";

    private static final Pattern TIMING = Pattern.compile(
            "^\\s*((?:\\d{1,2}:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})\\s*-->\\s*((?:\\d{1,2}:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})(?:\\s.*)?$");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SEQUENCE = Pattern.compile("^\\d+$");

    /** At least this many words make a transcript worth a course. */
    static final int MIN_WORDS = 50;

    private TranscriptFormats() {}

    static Format detect(String content) {
        String start = content.stripLeading();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1);
        }
        if (start.startsWith("WEBVTT")) {
            return Format.WEBVTT;
        }
        if (start.startsWith("[") && start.contains("\"start_time\"")) {
            return Format.LESSONSPACE_JSON;
        }
        boolean timed = start.lines().limit(20).anyMatch(l -> TIMING.matcher(l).matches());
        return timed ? Format.SRT : Format.TEXT;
    }

    /** Parses and checks a transcript: 422 {@code transcript.malformed} or {@code transcript.empty}. */
    static Transcript parse(String content) {
        if (content == null || content.isBlank()) {
            throw empty();
        }
        Format format = detect(content);
        Transcript transcript =
                switch (format) {
                    case TEXT -> Transcript.untimed(content);
                    case LESSONSPACE_JSON -> parseLessonspace(content);
                    case WEBVTT, SRT -> parseTimed(content, format);
                };
        if (transcript.wordCount() < MIN_WORDS) {
            throw empty();
        }
        return transcript;
    }

    private static Transcript parseTimed(String content, Format format) {
        List<Transcript.Cue> cues = new ArrayList<>();
        List<String> lines = content.replace("\uFEFF", "").lines().toList();
        long previousStart = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("-->")) {
                Matcher timing = TIMING.matcher(line);
                if (!timing.matches()) {
                    throw malformed("line " + (i + 1) + " is not a cue timing: " + abbreviate(line));
                }
                long start = millis(timing.group(1));
                long end = millis(timing.group(2));
                if (end < start || start < previousStart) {
                    throw malformed("the cue at line " + (i + 1) + " ends before it starts or goes back in time");
                }
                StringBuilder text = new StringBuilder();
                while (i + 1 < lines.size() && !lines.get(i + 1).isBlank()) {
                    String words = TAG.matcher(lines.get(++i)).replaceAll("").strip();
                    text.append(text.isEmpty() ? "" : " ").append(words);
                }
                if (!text.isEmpty()) {
                    cues.add(new Transcript.Cue(start, end, unescape(text.toString())));
                }
                previousStart = start;
            } else if (!line.isBlank() && !SEQUENCE.matcher(line.strip()).matches() && format == Format.SRT) {
                throw malformed("line " + (i + 1) + " is text outside a cue: " + abbreviate(line));
            }
        }
        if (cues.isEmpty()) {
            throw malformed("it has no cues");
        }
        return new Transcript(cues);
    }

    private static Transcript parseLessonspace(String content) {
        JsonNode utterances;
        try {
            utterances = JSON.readTree(content.replace("\uFEFF", ""));
        } catch (JacksonException e) {
            throw malformed("it looks like a Lessonspace transcript but is not valid JSON");
        }
        if (!utterances.isArray()) {
            throw malformed("a Lessonspace transcript is a JSON array of utterances");
        }
        List<Transcript.Cue> cues = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            JsonNode utterance = utterances.get(i);
            JsonNode start = utterance.path("start_time");
            JsonNode end = utterance.path("end_time");
            if (!start.isNumber() || !end.isNumber() || !utterance.path("text").isString()) {
                throw malformed("utterance " + (i + 1) + " needs numeric start_time and end_time and a text");
            }
            long startMs = Math.round(start.asDouble() * 1000);
            long endMs = Math.round(end.asDouble() * 1000);
            if (startMs < 0 || endMs < startMs) {
                throw malformed("utterance " + (i + 1) + " ends before it starts");
            }
            String room = utterance.path("breakout_id").asString(MAIN_ROOM);
            String text = utterance.path("text").asString().strip();
            if (MAIN_ROOM.equals(room) && !text.isEmpty()) {
                cues.add(new Transcript.Cue(startMs, endMs, text));
            }
        }
        if (cues.isEmpty()) {
            throw malformed("it has no utterances in the main room");
        }
        // speakers' utterances overlap and arrive per speaker; the lesson reads in the order things were said
        cues.sort(java.util.Comparator.comparingLong(Transcript.Cue::startMs));
        return new Transcript(cues);
    }

    static long millis(String time) {
        String[] parts = time.replace(',', '.').split("[:.]");
        int n = parts.length;
        long ms = Long.parseLong((parts[n - 1] + "00").substring(0, 3));
        long seconds = Long.parseLong(parts[n - 2]);
        long minutes = Long.parseLong(parts[n - 3]);
        long hours = n > 3 ? Long.parseLong(parts[0]) : 0;
        if (seconds > 59 || minutes > 59) {
            throw malformed("the time " + time + " is not valid");
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
    }

    private static String unescape(String text) {
        return text.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", " ")
                .replace("&#39;", "'")
                .replace("&quot;", "\"");
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }

    static LyceumException malformed(String why) {
        return LyceumException.invalid(
                "transcript.malformed",
                "The transcript could not be read: " + why + ".",
                List.of(new FieldError("transcript", "must be WebVTT, SRT, a Lessonspace transcript or plain text")));
    }

    static LyceumException empty() {
        return LyceumException.invalid(
                "transcript.empty",
                "The transcript has too few words to make a course (at least " + MIN_WORDS + ").",
                List.of(new FieldError("transcript", "must have at least " + MIN_WORDS + " words")));
    }
}
