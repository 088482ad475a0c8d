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
}
