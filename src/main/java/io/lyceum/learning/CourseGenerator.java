package io.lyceum.learning;

/**
 * The course generator port (DESIGN.md section 6): turns a transcript into an {@link Outline}. The default is the
 * offline, deterministic {@link ExtractiveGenerator}; {@link LlmCourseGenerator} asks any OpenAI-compatible model.
 */
interface CourseGenerator {

    /** The name a request chooses it by: {@code extractive} or {@code llm}. */
    String name();

    /** Changes whenever the same input would give a different outline: part of the cache key. */
    String version();

    /** Whether it can run here (a model generator needs an endpoint). */
    boolean available();

    /**
     * Generates the outline. Deterministic for the extractive generator.
     *
     * @throws GenerationFailed with a reason a tutor can act on when the input cannot become a course
     */
    Outline generate(Transcript transcript, Preferences preferences);

    /** A failure that retrying the same input cannot fix (bad input, a model that keeps answering nonsense). */
    final class GenerationFailed extends RuntimeException {
        private final String reason;

        GenerationFailed(String reason) {
            super(reason);
            this.reason = reason;
        }

        /** What the tutor reads. */
        String reason() {
            return reason;
        }
    }
}
