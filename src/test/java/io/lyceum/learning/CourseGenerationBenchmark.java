package io.lyceum.learning;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-hour lesson (about 9,000 words: the three sample transcripts twice, in a different order the second time)
 * through the offline generator. Run: {@code ./mvnw -B -ntp -q test-compile && java -cp
 * "target/test-classes:target/classes:$(cat target/learning-cp.txt)" io.lyceum.learning.CourseGenerationBenchmark}
 * (see BENCHMARKS.md). Prints the best and median of 7 runs after 3 warm-up runs.
 */
public final class CourseGenerationBenchmark {

    private CourseGenerationBenchmark() {}

    static Transcript oneHour() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of(
                Samples.PHOTOSYNTHESIS,
                Samples.FRENCH_REVOLUTION,
                Samples.QUADRATICS,
                Samples.FRENCH_REVOLUTION,
                Samples.QUADRATICS,
                Samples.PHOTOSYNTHESIS)) {
            text.append(Samples.transcript(name).text()).append('\n');
        }
        return Transcript.untimed(text.toString());
    }

    public static void main(String[] args) {
        Transcript transcript = oneHour();
        Preferences preferences = Preferences.of("intermediate", "en", 60, "speed", null);
        long start = System.nanoTime();
        ExtractiveGenerator generator = new ExtractiveGenerator();
        generator.generate(transcript, preferences);
        double first = (System.nanoTime() - start) / 1e6;
        for (int i = 0; i < 3; i++) {
            generator.generate(transcript, preferences);
        }
        List<Double> times = new ArrayList<>();
        Outline outline = null;
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            outline = generator.generate(transcript, preferences);
            times.add((System.nanoTime() - t) / 1e6);
        }
        times.sort(Double::compare);
        System.out.printf(
                "words=%d minutes=%d sections=%d quizzes=%d first(cold, models loading)=%.0f ms best=%.0f ms"
                        + " median=%.0f ms%n",
                transcript.wordCount(),
                transcript.durationMs() / 60_000,
                outline.sections().size(),
                outline.quizCount(),
                first,
                times.getFirst(),
                times.get(3));
    }
}
