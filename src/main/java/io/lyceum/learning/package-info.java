/**
 * Learning: courses generated from lesson transcripts (uploaded WebVTT, SRT or text, or a video's captions), their
 * outline of sections, lessons and quizzes edited by the tutor with validation impacts, and learners' progress with
 * quizzes scored on the server. Generation runs as a resumable job on the PostgreSQL scheduler through two ports: a
 * {@link io.lyceum.learning.TranscriptSource} and a {@link io.lyceum.learning.CourseGenerator} (an offline extractive
 * default, and any OpenAI-compatible model). Nothing below depends on this module.
 */
@NullMarked
@ApplicationModule(
        displayName = "Learning",
        allowedDependencies = {"shared", "platform", "tenancy", "accounts", "catalog", "scheduling"})
package io.lyceum.learning;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
