package io.lyceum.learning;

import io.lyceum.learning.TextAnalysis.Sentence;
import io.lyceum.learning.TextAnalysis.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The default generator: offline and deterministic (same transcript and preferences, same outline).
 *
 * <ol>
 *   <li>Sentences by OpenNLP; each becomes a TF-IDF vector over Lucene English stems.
 *   <li>Sections at topic shifts, TextTiling-style: the cosine similarity of the sentences before and after each gap
 *       (averaged over windows of {@value #WINDOW} and {@value #WIDE_WINDOW} sentences), then each gap's depth below the peaks on both sides; the deepest gaps that leave sections of
 *       at least {@value #MIN_SECTION} sentences become boundaries, at most one section per
 *       {@value #WORDS_PER_SECTION} words (about three minutes of speech) and never more than {@value #MAX_SECTIONS}.
 *   <li>Key phrases (runs of up to three terms with no stop word between them, scored by frequency × IDF) title the
 *       sections; the most central sentences (highest summed similarity to the rest of the section) summarise them.
 *   <li>A glossary of the transcript's key terms, each with the sentence that defines it best ("X is…", "called X").
 *   <li>Quizzes from central sentences holding a key term: cloze (type the term) and multiple choice whose
 *       distractors are other key terms of the same kind (names, numbers, concepts) from the same transcript.
 * </ol>
 */
@Component
class ExtractiveGenerator implements CourseGenerator {

    static final int WINDOW = 6;
    static final int WIDE_WINDOW = 20;
    static final int MIN_SECTION = 8;
    /** About three minutes of speech at 150 words a minute: a shorter section is a fragment, not a unit to learn. */
    static final int WORDS_PER_SECTION = 450;
    /** A long lecture is still one course: beyond a dozen sections an outline stops being an overview. */
    static final int MAX_SECTIONS = 12;

    private static final int LESSON_SENTENCES = 14;

    private final TextAnalysis analysis = new TextAnalysis();

    @Override
    public String name() {
        return "extractive";
    }

    @Override
    public String version() {
        // 2: sections bounded by the transcript's length (outlines of version 1 are not reused from the cache)
        return "extractive-2";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Outline generate(Transcript transcript, Preferences preferences) {
        if (!preferences.language().startsWith("en")) {
            throw new GenerationFailed("The offline generator reads English transcripts only; choose the model "
                    + "generator for " + preferences.language() + ".");
        }
        String text = transcript.text();
        List<Sentence> sentences = analysis.sentences(text);
        if (sentences.size() < 3) {
            throw new GenerationFailed("The transcript has fewer than three sentences.");
        }
        Vectors vectors = Vectors.of(sentences);
        List<Integer> boundaries = boundaries(vectors, maxSections(transcript.wordCount()));
        Map<String, Phrase> phrases = phrases(sentences, vectors);
        List<Phrase> keyTerms = keyTerms(phrases, sentences.size());

        List<Outline.Section> sections = new ArrayList<>();
        Set<String> usedTitles = new HashSet<>();
        Set<Integer> quizzed = new HashSet<>();
        int quizzesPerSection =
                switch (preferences.difficulty()) {
                    case "BEGINNER" -> 2;
                    case "ADVANCED" -> 4;
                    default -> 3;
                };
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        starts.addAll(boundaries);
        for (int s = 0; s < starts.size(); s++) {
            int from = starts.get(s);
            int to = s + 1 < starts.size() ? starts.get(s + 1) : sentences.size();
            List<Sentence> part = sentences.subList(from, to);
            List<Phrase> local = localPhrases(part, vectors);
            String title = title(local, usedTitles, s + 1);
            List<Integer> central = central(part, vectors);
            String summary = join(central.stream()
                    .limit(2)
                    .sorted()
                    .map(i -> part.get(i).text())
                    .toList());
            List<Outline.Lesson> lessons = lessons(transcript, part, vectors, title);
            List<Outline.Quiz> quizzes =
                    quizzes(transcript, part, central, keyTerms, quizzesPerSection, quizzed, preferences);
            sections.add(new Outline.Section(
                    title,
                    summary,
                    transcript.startAt(part.getFirst().start()),
                    endOf(transcript, to < sentences.size() ? sentences.get(to) : null),
                    lessons,
                    quizzes));
        }
        List<Outline.Term> glossary = glossary(transcript, sentences, vectors, keyTerms);
        int minutes = (int) Math.max(1, Math.round(transcript.durationMs() / 60_000.0))
                + sections.stream().mapToInt(x -> x.quizzes().size()).sum() / 2;
        String courseTitle =
                keyTerms.isEmpty() ? "Lesson" : capitalise(keyTerms.getFirst().surface());
        if (keyTerms.size() > 1) {
            courseTitle += ": " + keyTerms.get(1).surface();
            if (keyTerms.size() > 2) {
                courseTitle += " and " + keyTerms.get(2).surface();
            }
        }
        List<Integer> overall = central(sentences, vectors);
        String courseSummary = join(overall.stream()
                .limit(3)
                .sorted()
                .map(i -> sentences.get(i).text())
                .toList());
        return new Outline(courseTitle, courseSummary, minutes, sections, glossary);
    }

    /** The transcript's sentences grouped into sections at topic shifts (the model generator budgets by these). */
    List<List<String>> sections(Transcript transcript) {
        List<Sentence> sentences = analysis.sentences(transcript.text());
        if (sentences.isEmpty()) {
            return List.of();
        }
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        starts.addAll(boundaries(Vectors.of(sentences), maxSections(transcript.wordCount())));
        List<List<String>> sections = new ArrayList<>();
        for (int s = 0; s < starts.size(); s++) {
            int to = s + 1 < starts.size() ? starts.get(s + 1) : sentences.size();
            sections.add(sentences.subList(starts.get(s), to).stream()
                    .map(Sentence::text)
                    .toList());
        }
        return sections;
    }

    private long endOf(Transcript transcript, @Nullable Sentence next) {
        return next == null ? transcript.durationMs() : transcript.startAt(next.start());
    }

    // ---- vectors and segmentation

    /** L2-normalised TF-IDF vectors of the sentences, and each stem's sentence frequency. */
    record Vectors(List<Map<String, Double>> tfidf, Map<String, Integer> df, int n) {

        static Vectors of(List<Sentence> sentences) {
            Map<String, Integer> df = new HashMap<>();
            for (Sentence sentence : sentences) {
                sentence.tokens().stream().map(Token::stem).distinct().forEach(s -> df.merge(s, 1, Integer::sum));
            }
            int n = sentences.size();
            List<Map<String, Double>> vectors = new ArrayList<>(n);
            for (Sentence sentence : sentences) {
                Map<String, Double> v = new HashMap<>();
                for (Token token : sentence.tokens()) {
                    v.merge(token.stem(), 1.0, Double::sum);
                }
                double norm = 0;
                for (Map.Entry<String, Double> e : v.entrySet()) {
                    // df counts every stem of every sentence
                    double w = e.getValue() * Math.log(1.0 + (double) n / Objects.requireNonNull(df.get(e.getKey())));
                    e.setValue(w);
                    norm += w * w;
                }
                double length = Math.sqrt(norm);
                if (length > 0) {
                    v.replaceAll((k, w) -> w / length);
                }
                vectors.add(v);
            }
            return new Vectors(vectors, df, n);
        }

        double idf(String stem) {
            return Math.log(1.0 + (double) n / df.getOrDefault(stem, 1));
        }

        Map<String, Double> sum(int from, int to) {
            Map<String, Double> total = new HashMap<>();
            for (int i = Math.max(0, from); i < Math.min(n, to); i++) {
                tfidf.get(i).forEach((k, w) -> total.merge(k, w, Double::sum));
            }
            return total;
        }

        static double cosine(Map<String, Double> a, Map<String, Double> b) {
            if (a.size() > b.size()) {
                return cosine(b, a);
            }
            double dot = 0;
            for (Map.Entry<String, Double> e : a.entrySet()) {
                Double w = b.get(e.getKey());
                if (w != null) {
                    dot += e.getValue() * w;
                }
            }
            double na = Math.sqrt(a.values().stream().mapToDouble(w -> w * w).sum());
            double nb = Math.sqrt(b.values().stream().mapToDouble(w -> w * w).sum());
            return na == 0 || nb == 0 ? 0 : dot / (na * nb);
        }
    }

    /** How many sections a transcript of that many words may have: one per {@value #WORDS_PER_SECTION}, 1 to 12. */
    static int maxSections(int words) {
        return Math.clamp((words + WORDS_PER_SECTION - 1) / WORDS_PER_SECTION, 1, MAX_SECTIONS);
    }

    /**
     * The sentence indexes where new sections start, ascending, for at most {@code maxSections} sections.
     * Package-private for the segmentation tests.
     */
    List<Integer> boundaries(Vectors vectors, int maxSections) {
        int n = vectors.n();
        if (n < 2 * MIN_SECTION) {
            return List.of();
        }
        // gap g lies between sentence g-1 and sentence g
        double[] similarity = new double[n];
        for (int g = 1; g < n; g++) {
            // two scales: the narrow window places a boundary precisely, the wide one tells a change of subject
            // from a change of example within one subject
            similarity[g] = (Vectors.cosine(vectors.sum(g - WINDOW, g), vectors.sum(g, g + WINDOW))
                            + Vectors.cosine(vectors.sum(g - WIDE_WINDOW, g), vectors.sum(g, g + WIDE_WINDOW)))
                    / 2;
        }
        double meanSimilarity = 0;
        for (int g = 1; g < n; g++) {
            meanSimilarity += similarity[g] / (n - 1);
        }
        // a gap's score: how far it lies below the peaks on both sides (TextTiling's depth), plus how far below the
        // transcript's usual similarity it is (a change of subject is low in absolute terms, not only locally)
        double[] depth = new double[n];
        double total = 0;
        int counted = 0;
        for (int g = 1; g < n; g++) {
            double left = similarity[g];
            for (int i = g - 1; i >= 1 && similarity[i] >= left; i--) {
                left = similarity[i];
            }
            double right = similarity[g];
            for (int i = g + 1; i < n && similarity[i] >= right; i++) {
                right = similarity[i];
            }
            boolean valley = similarity[g] <= similarity[g - 1] && (g + 1 >= n || similarity[g] <= similarity[g + 1]);
            depth[g] = valley
                    ? (left - similarity[g]) + (right - similarity[g]) + 2 * Math.max(0, meanSimilarity - similarity[g])
                    : 0;
            total += depth[g];
            counted++;
        }
        double mean = total / counted;
        double variance = 0;
        for (int g = 1; g < n; g++) {
            variance += (depth[g] - mean) * (depth[g] - mean);
        }
        double threshold = mean + Math.sqrt(variance / counted);
        List<Integer> gaps = new ArrayList<>();
        for (int g = MIN_SECTION; g <= n - MIN_SECTION; g++) {
            if (depth[g] > threshold) {
                gaps.add(g);
            }
        }
        gaps.sort(Comparator.comparingDouble((Integer g) -> -depth[g]).thenComparingInt(g -> g));
        List<Integer> chosen = new ArrayList<>();
        int sections = Math.min(maxSections, Math.max(1, n / MIN_SECTION / 2));
        for (int g : gaps) {
            if (chosen.size() + 1 >= sections) {
                break;
            }
            if (chosen.stream().allMatch(c -> Math.abs(c - g) >= MIN_SECTION)) {
                chosen.add(g);
            }
        }
        chosen.sort(Comparator.naturalOrder());
        return chosen;
    }

    /** Indexes (into {@code part}) of its sentences from most to least central; short sentences and questions last. */
    private List<Integer> central(List<Sentence> part, Vectors vectors) {
        int offset = part.getFirst().index();
        Map<String, Double> whole = vectors.sum(offset, offset + part.size());
        double[] score = new double[part.size()];
        for (int i = 0; i < part.size(); i++) {
            Sentence sentence = part.get(i);
            score[i] = Vectors.cosine(vectors.tfidf().get(sentence.index()), whole);
            int words = sentence.text().split("\\s+").length;
            if (words < 7 || words > 45 || sentence.text().endsWith("?")) {
                score[i] -= 1;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
        return order;
    }

    // ---- phrases and terms

    /**
     * A key phrase: up to three adjacent stems, the way it is most often written, how often it occurs, its kind, and
     * the sentences it occurs in.
     */
    static final class Phrase {
        final String key;
        final int length;
        final Map<String, Integer> surfaces = new HashMap<>();
        final List<Integer> sentences = new ArrayList<>();
        int count;
        int capitalised;
        int proper;
        double score;

        Phrase(String key, int length) {
            this.key = key;
            this.length = length;
        }

        String surface() {
            String common = surfaces.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow()
                    .getKey();
            return kind().equals("NAME") ? capitalise(common) : common;
        }

        String kind() {
            if (key.chars().anyMatch(Character::isDigit)) {
                return "NUMBER";
            }
            return capitalised * 2 > count ? "NAME" : "CONCEPT";
        }
    }

    private Map<String, Phrase> phrases(List<Sentence> sentences, Vectors vectors) {
        Map<String, Phrase> phrases = new LinkedHashMap<>();
        for (Sentence sentence : sentences) {
            List<Token> tokens = sentence.tokens();
            for (int i = 0; i < tokens.size(); i++) {
                for (int length = 1; length <= 3 && i + length <= tokens.size(); length++) {
                    if (length > 1 && !tokens.get(i + length - 1).adjacent()) {
                        break;
                    }
                    List<Token> run = tokens.subList(i, i + length);
                    if (!acceptable(run)) {
                        continue;
                    }
                    String key = String.join(" ", run.stream().map(Token::stem).toList());
                    Phrase phrase = phrases.computeIfAbsent(key, k -> new Phrase(k, run.size()));
                    String surface = surfaceOf(sentence.text(), run);
                    if (surface == null) {
                        continue;
                    }
                    phrase.count++;
                    boolean atStart = sentence.text().startsWith(surface);
                    if (!atStart && Character.isUpperCase(surface.charAt(0))) {
                        phrase.capitalised++;
                    }
                    if (run.getLast().properNoun()) {
                        phrase.proper++;
                    }
                    phrase.surfaces.merge(atStart ? decapitalise(surface) : surface, 1, Integer::sum);
                    if (phrase.sentences.isEmpty() || phrase.sentences.getLast() != sentence.index()) {
                        phrase.sentences.add(sentence.index());
                    }
                }
            }
        }
        for (Phrase phrase : phrases.values()) {
            double idf = 0;
            for (String stem : phrase.key.split(" ")) {
                idf += vectors.idf(stem);
            }
            phrase.score = phrase.count * (idf / phrase.length) * (1 + 0.6 * (phrase.length - 1));
        }
        phrases.values().removeIf(p -> p.count < 2 || p.surfaces.isEmpty());
        return phrases;
    }

    /**
     * A term worth asking about: a noun phrase (adjectives and nouns ending in a noun, such as "limiting factor"), or
     * a year. Verbs, spoken numbers and filler never become terms.
     */
    private static boolean acceptable(List<Token> run) {
        Token last = run.getLast();
        boolean year = run.size() == 1 && last.surface().matches("\\d{3,4}");
        if (!year && !last.noun()) {
            return false;
        }
        for (Token token : run.subList(0, run.size() - 1)) {
            if (!token.noun() && !token.adjective()) {
                return false;
            }
        }
        if (run.getFirst().adjective() && run.size() == 1) {
            return false;
        }
        for (Token token : run) {
            String s = token.surface();
            if (s.length() < 3 && !s.chars().allMatch(Character::isDigit)) {
                return false;
            }
            if (s.chars().anyMatch(Character::isDigit) && (run.size() > 1 || !s.matches("\\d{3,4}"))) {
                return false;
            }
            if (!s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '\'')) {
                return false;
            }
        }
        return true;
    }

    /** The words of a run as the sentence writes them, with the stop-word-free gaps between them; null if unfound. */
    private static @Nullable String surfaceOf(String sentence, List<Token> run) {
        int from = sentence.indexOf(run.getFirst().surface());
        if (from < 0) {
            return null;
        }
        int at = from;
        for (Token token : run) {
            int found = sentence.indexOf(token.surface(), at);
            if (found < 0 || found - at > 2) {
                return run.size() == 1 ? run.getFirst().surface() : null;
            }
            at = found + token.surface().length();
        }
        return sentence.substring(from, at);
    }

    /**
     * The transcript's key terms, best first: phrases that are not just a part of a better phrase (keeping
     * "Calvin cycle" rather than also "cycle" when "cycle" rarely occurs without "Calvin").
     */
    private List<Phrase> keyTerms(Map<String, Phrase> phrases, int sentenceCount) {
        List<Phrase> ranked = new ArrayList<>(phrases.values());
        ranked.sort(Comparator.comparingDouble((Phrase p) -> -p.score).thenComparing(p -> p.key));
        List<Phrase> chosen = new ArrayList<>();
        int wanted = Math.min(40, 10 + sentenceCount / 12);
        for (Phrase phrase : ranked) {
            if (chosen.size() >= wanted) {
                break;
            }
            boolean subsumed = chosen.stream().anyMatch(c -> overlaps(c, phrase) && c.count * 2 >= phrase.count);
            if (!subsumed) {
                chosen.removeIf(c -> overlaps(phrase, c) && phrase.count * 2 >= c.count && phrase.length > c.length);
                chosen.add(phrase);
            }
        }
        return chosen;
    }

    private static boolean overlaps(Phrase a, Phrase b) {
        Set<String> aStems = Set.of(a.key.split(" "));
        for (String stem : b.key.split(" ")) {
            if (aStems.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    private List<Phrase> localPhrases(List<Sentence> part, Vectors vectors) {
        Map<String, Phrase> local = phrases(part, vectors);
        List<Phrase> ranked = new ArrayList<>(local.values());
        ranked.sort(Comparator.comparingDouble((Phrase p) -> -p.score).thenComparing(p -> p.key));
        return ranked;
    }

    private static String title(List<Phrase> local, Set<String> used, int number) {
        List<String> picked = new ArrayList<>();
        for (Phrase phrase : local) {
            String surface = phrase.surface();
            String lower = surface.toLowerCase(Locale.ROOT);
            if (used.contains(lower)
                    || picked.stream()
                            .anyMatch(p -> p.toLowerCase(Locale.ROOT).contains(lower)
                                    || lower.contains(p.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            picked.add(surface);
            if (picked.size() == 2) {
                break;
            }
        }
        if (picked.isEmpty()) {
            return "Part " + number;
        }
        used.add(picked.getFirst().toLowerCase(Locale.ROOT));
        return capitalise(String.join(" and ", picked));
    }

    // ---- lessons, glossary, quizzes

    private List<Outline.Lesson> lessons(Transcript transcript, List<Sentence> part, Vectors vectors, String title) {
        List<Outline.Lesson> lessons = new ArrayList<>();
        int chunks = Math.max(1, (int) Math.round(part.size() / (double) LESSON_SENTENCES));
        int size = (int) Math.ceil(part.size() / (double) chunks);
        Set<String> used = new HashSet<>();
        used.add(title.toLowerCase(Locale.ROOT));
        for (int c = 0; c < chunks; c++) {
            List<Sentence> chunk = part.subList(c * size, Math.min(part.size(), (c + 1) * size));
            if (chunk.isEmpty()) {
                break;
            }
            List<Integer> central = central(chunk, vectors);
            List<String> keyPoints = central.stream()
                    .limit(3)
                    .sorted()
                    .map(i -> chunk.get(i).text())
                    .toList();
            String lessonTitle = chunks == 1 ? title : title(localPhrases(chunk, vectors), used, c + 1);
            long start = transcript.startAt(chunk.getFirst().start());
            int nextIndex = chunk.getLast().index() + 1;
            long end = nextIndex < vectors.n() && c + 1 < chunks
                    ? transcript.startAt(
                            part.get(Math.min(part.size() - 1, (c + 1) * size)).start())
                    : transcript.startAt(chunk.getLast().start()) + 5_000;
            int minutes = (int) Math.max(1, Math.round((end - start) / 60_000.0));
            lessons.add(new Outline.Lesson(
                    lessonTitle, join(chunk.stream().map(Sentence::text).toList()), keyPoints, start, end, minutes));
        }
        return lessons;
    }

    private static final Pattern DEFINING = Pattern.compile(
            "\\b(is|are|was|were|means|refers to|describes|is called|are called|is known as)\\b",
            Pattern.CASE_INSENSITIVE);

    private List<Outline.Term> glossary(
            Transcript transcript, List<Sentence> sentences, Vectors vectors, List<Phrase> keyTerms) {
        List<Outline.Term> glossary = new ArrayList<>();
        List<Integer> centrality = central(sentences, vectors);
        Map<Integer, Integer> rank = new HashMap<>();
        for (int r = 0; r < centrality.size(); r++) {
            rank.put(centrality.get(r), r);
        }
        for (Phrase term : keyTerms.stream().limit(20).toList()) {
            String surface = term.surface();
            Sentence best = null;
            int bestScore = Integer.MAX_VALUE;
            for (int index : term.sentences) {
                Sentence sentence = sentences.get(index);
                int at = sentence.text().toLowerCase(Locale.ROOT).indexOf(surface.toLowerCase(Locale.ROOT));
                if (at < 0) {
                    continue;
                }
                int score = Objects.requireNonNull(rank.get(index)); // central() ranks every sentence
                String after = sentence.text().substring(at + surface.length());
                String before = sentence.text().substring(0, at);
                if (DEFINING.matcher(after).lookingAt()
                        || DEFINING.matcher(after.stripLeading()).lookingAt()) {
                    score -= 100_000;
                } else if (before.matches("(?is).*\\b(called|known as|named)\\s+(the\\s+|a\\s+|an\\s+)?$")) {
                    score -= 90_000;
                }
                if (score < bestScore) {
                    bestScore = score;
                    best = sentence;
                }
            }
            if (best != null) {
                glossary.add(new Outline.Term(surface, term.kind(), best.text(), transcript.startAt(best.start())));
            }
        }
        glossary.sort(Comparator.comparing(t -> t.term().toLowerCase(Locale.ROOT)));
        return glossary;
    }

    private List<Outline.Quiz> quizzes(
            Transcript transcript,
            List<Sentence> part,
            List<Integer> central,
            List<Phrase> keyTerms,
            int wanted,
            Set<Integer> quizzed,
            Preferences preferences) {
        List<Outline.Quiz> quizzes = new ArrayList<>();
        Set<String> askedTerms = new HashSet<>();
        for (int i : central) {
            if (quizzes.size() >= wanted) {
                break;
            }
            Sentence sentence = part.get(i);
            int words = sentence.text().split("\\s+").length;
            if (quizzed.contains(sentence.index())
                    || words < 7
                    || words > 45
                    || sentence.text().endsWith("?")) {
                continue;
            }
            for (Phrase term : keyTerms) {
                if (!term.sentences.contains(sentence.index()) || askedTerms.contains(term.key)) {
                    continue;
                }
                String written = find(sentence.text(), term.surface());
                String answer = term.surface();
                if (written == null) {
                    continue;
                }
                boolean choice =
                        quizzes.size() % 2 == 1 || preferences.difficulty().equals("BEGINNER");
                List<String> distractors = choice ? distractors(term, keyTerms, sentence.text()) : List.of();
                if (choice && distractors.size() < 3) {
                    continue;
                }
                String blanked = sentence.text()
                        .replaceAll("(?<![\\p{L}\\p{N}-])" + Pattern.quote(written) + "(?![\\p{L}\\p{N}-])", "_____");
                Outline.Quiz quiz;
                if (choice) {
                    List<String> options = new ArrayList<>(distractors);
                    options.add(answer);
                    // a fixed shuffle: the answer's place depends on the sentence, not always last
                    options.sort(Comparator.comparingInt(o -> (o + sentence.index()).hashCode()));
                    quiz = new Outline.Quiz(
                            "MULTIPLE_CHOICE",
                            "Which term completes the sentence? " + blanked,
                            options,
                            answer,
                            sentence.text(),
                            transcript.startAt(sentence.start()),
                            term.kind());
                } else {
                    quiz = new Outline.Quiz(
                            "CLOZE",
                            "Fill in the blank: " + blanked,
                            List.of(),
                            answer,
                            sentence.text(),
                            transcript.startAt(sentence.start()),
                            term.kind());
                }
                quizzes.add(quiz);
                quizzed.add(sentence.index());
                askedTerms.add(term.key);
                break;
            }
        }
        return quizzes;
    }

    /** Three other key terms of the same kind, none sharing a stem with the answer nor appearing in the sentence. */
    private static List<String> distractors(Phrase answer, List<Phrase> keyTerms, String sentence) {
        String lowerSentence = sentence.toLowerCase(Locale.ROOT);
        List<String> picked = new ArrayList<>();
        for (Phrase candidate : keyTerms) {
            if (picked.size() == 3) {
                break;
            }
            if (candidate == answer
                    || !candidate.kind().equals(answer.kind())
                    || overlaps(candidate, answer)
                    || lowerSentence.contains(candidate.surface().toLowerCase(Locale.ROOT))
                    || picked.stream().anyMatch(p -> p.equalsIgnoreCase(candidate.surface()))) {
                continue;
            }
            picked.add(candidate.surface());
        }
        return picked;
    }

    /** The term as the sentence writes it (case may differ at the start of the sentence); null when absent. */
    private static @Nullable String find(String sentence, String surface) {

        int at = sentence.toLowerCase(Locale.ROOT).indexOf(surface.toLowerCase(Locale.ROOT));
        if (at < 0) {
            return null;
        }
        boolean startsWord = at == 0 || !wordCharacter(sentence.charAt(at - 1));
        int end = at + surface.length();
        boolean endsWord = end == sentence.length() || !wordCharacter(sentence.charAt(end));
        return startsWord && endsWord ? sentence.substring(at, end) : null;
    }

    /** Hyphens join words: "light" is not a term of "light-dependent". */
    private static boolean wordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '-';
    }

    private static String join(List<String> sentences) {
        return String.join(" ", sentences);
    }

    static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String decapitalise(String text) {
        // "Photosynthesis" at a sentence start is the word photosynthesis; "Calvin" stays a name (counted elsewhere)
        return text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))
                ? Character.toLowerCase(text.charAt(0)) + text.substring(1)
                : text;
    }
}
