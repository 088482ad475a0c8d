package io.lyceum.learning;

import java.net.URI;

/**
 * The transcript port (DESIGN.md section 6) for a video given by URL. Uploaded transcripts need no source: they are
 * parsed by {@link TranscriptFormats} when the request arrives. The adapter here is {@link YouTubeCaptions}.
 */
interface TranscriptSource {

    boolean handles(URI video);

    /**
     * Fetches the video's transcript in the language asked for.
     *
     * @throws CourseGenerator.GenerationFailed when the video has no captions or they cannot be reached
     */
    Transcript fetch(URI video, String language);
}
