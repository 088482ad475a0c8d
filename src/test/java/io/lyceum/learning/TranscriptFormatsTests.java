package io.lyceum.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lyceum.shared.LyceumException;
import org.junit.jupiter.api.Test;

class TranscriptFormatsTests {

    @Test
    void readsTheThreeShippedFormatsWithTheirTimes() {
        Transcript vtt = Samples.transcript(Samples.PHOTOSYNTHESIS);
        assertThat(TranscriptFormats.detect(Samples.read(Samples.PHOTOSYNTHESIS)))
                .isEqualTo(TranscriptFormats.Format.WEBVTT);
        assertThat(vtt.cues().get(1).startMs()).isEqualTo(2_900);
        assertThat(vtt.cues().getFirst().text()).doesNotContain("<v");
        Transcript srt = Samples.transcript(Samples.FRENCH_REVOLUTION);
        assertThat(TranscriptFormats.detect(Samples.read(Samples.FRENCH_REVOLUTION)))
                .isEqualTo(TranscriptFormats.Format.SRT);
        assertThat(srt.cues().get(1).startMs()).isEqualTo(5_300);
        Transcript text = Samples.transcript(Samples.QUADRATICS);
        assertThat(text.wordCount()).isGreaterThan(1_500);
        assertThat(text.durationMs()).isGreaterThan(9 * 60_000);
        for (Transcript t : new Transcript[] {vtt, srt, text}) {
            assertThat(t.wordCount()).isGreaterThanOrEqualTo(1_480);
        }
    }

    @Test
    void refusesWhatIsNotATranscript() {
        assertThatThrownBy(() -> TranscriptFormats.parse("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBackwards\n"))
                .isInstanceOf(LyceumException.class)
                .extracting("code")
                .isEqualTo("transcript.malformed");
        assertThatThrownBy(() -> TranscriptFormats.parse("WEBVTT\n\n00:00:01.000 --> 00:61:00.000\nBad minute\n"))
                .extracting("code")
                .isEqualTo("transcript.malformed");
        assertThatThrownBy(() -> TranscriptFormats.parse("WEBVTT\n\n"))
                .extracting("code")
                .isEqualTo("transcript.malformed");
        assertThatThrownBy(() -> TranscriptFormats.parse("   \n "))
                .extracting("code")
                .isEqualTo("transcript.empty");
        assertThat(TranscriptFormats.millis("01:02:03,456")).isEqualTo(3_723_456);
        assertThat(TranscriptFormats.millis("02:03.5")).isEqualTo(123_500);
    }

    @Test
    void readsALessonspaceTranscriptInTheOrderThingsWereSaidWithoutBreakoutRooms() {
        // a real lesson's words (the photosynthesis sample) as Lessonspace writes a session transcript: utterances per
        // speaker with times in seconds, the tutor's first, then the student's, plus a breakout room's chatter
        Transcript lesson = Samples.transcript(Samples.PHOTOSYNTHESIS);
        StringBuilder json = new StringBuilder("[");
        for (int parity = 0; parity < 2; parity++) {
            for (int i = parity; i < lesson.cues().size(); i += 2) {
                Transcript.Cue cue = lesson.cues().get(i);
                json.append(json.length() > 1 ? "," : "")
                        .append("{\"start_time\": ")
                        .append(cue.startMs() / 1000.0)
                        .append(", \"end_time\": ")
                        .append(cue.endMs() / 1000.0)
                        .append(", \"user\": {\"id\": ")
                        .append(3697650 + parity)
                        .append(", \"name\": \"")
                        .append(parity == 0 ? "Tutor" : "Student")
                        .append("\"}, \"breakout_id\": \"main\", \"text\": \"")
                        .append(cue.text().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\"}");
            }
        }
        json.append(",{\"start_time\": 3.5, \"end_time\": 4.0, \"user\": {\"id\": 1, \"name\": \"Other\"},"
                + " \"breakout_id\": \"room-2\", \"text\": \"Breakout chatter never in the course\"}]");

        assertThat(TranscriptFormats.detect(json.toString())).isEqualTo(TranscriptFormats.Format.LESSONSPACE_JSON);
        Transcript read = TranscriptFormats.parse(json.toString());
        assertThat(read.cues()).hasSize(lesson.cues().size());
        assertThat(read.cues())
                .extracting(Transcript.Cue::startMs)
                .containsExactlyElementsOf(
                        lesson.cues().stream().map(Transcript.Cue::startMs).toList());
        assertThat(read.text()).isEqualTo(lesson.text()).doesNotContain("Breakout chatter");
    }

    @Test
    void refusesAMalformedLessonspaceTranscript() {
        assertThatThrownBy(() -> TranscriptFormats.parse("[{\"start_time\": 1.0, \"end_time\": "))
                .extracting("code")
                .isEqualTo("transcript.malformed");
        assertThatThrownBy(
                        () -> TranscriptFormats.parse(
                                "[{\"start_time\": 5.0, \"end_time\": 1.0, \"breakout_id\": \"main\", \"text\": \"Backwards\"}]"))
                .extracting("code")
                .isEqualTo("transcript.malformed");
        assertThatThrownBy(() ->
                        TranscriptFormats.parse("[{\"start_time\": \"soon\", \"end_time\": 1.0, \"text\": \"x\"}]"))
                .extracting("code")
                .isEqualTo("transcript.malformed");
    }
}
