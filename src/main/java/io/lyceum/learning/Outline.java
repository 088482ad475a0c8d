package io.lyceum.learning;

import java.util.List;

/**
 * What a generator makes of a transcript: sections in order, each with lessons and quizzes, and a glossary. Every
 * quiz answer and glossary definition points back to the sentence it came from and when it was said.
 */
record Outline(String title, String summary, int estimatedMinutes, List<Section> sections, List<Term> glossary) {

    Outline {
        sections = List.copyOf(sections);
        glossary = List.copyOf(glossary);
    }

    record Section(String title, String summary, long startMs, long endMs, List<Lesson> lessons, List<Quiz> quizzes) {
        Section {
            lessons = List.copyOf(lessons);
            quizzes = List.copyOf(quizzes);
        }
    }

    record Lesson(String title, String text, List<String> keyPoints, long startMs, long endMs, int minutes) {
        Lesson {
            keyPoints = List.copyOf(keyPoints);
        }
    }

    /**
     * @param type {@code CLOZE} (type the missing term) or {@code MULTIPLE_CHOICE}
     * @param options the choices of a multiple-choice question (answer included), empty for a cloze
     * @param answer the missing words exactly as the source sentence says them
     * @param sourceSentence the transcript's sentence the question was made from
     * @param sourceStartMs when that sentence was said
     * @param kind the kind of term asked for ({@code NAME}, {@code NUMBER} or {@code CONCEPT}); distractors share it
     */
    record Quiz(
            String type,
            String question,
            List<String> options,
            String answer,
            String sourceSentence,
            long sourceStartMs,
            String kind) {
        Quiz {
            options = List.copyOf(options);
        }
    }

    /** A key term with the sentence that defines it best. */
    record Term(String term, String kind, String definition, long startMs) {}

    int quizCount() {
        return sections.stream().mapToInt(s -> s.quizzes().size()).sum();
    }
}
