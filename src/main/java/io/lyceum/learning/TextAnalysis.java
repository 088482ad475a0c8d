package io.lyceum.learning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.Span;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Sentences (Apache OpenNLP's English sentence model) and their terms (Lucene's {@link EnglishAnalyzer}: lower case,
 * stop words, possessives, Porter stems) with the words as written. Thread-safe: the model is shared, a detector is
 * made per call (OpenNLP's are not thread-safe).
 */
final class TextAnalysis {

    private static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";

    /**
     * Spoken filler and classroom talk on top of Lucene's English stop words: they are frequent in every lesson, so
     * they would otherwise become "key terms".
     */
    private static final List<String> SPOKEN_STOP_WORDS = List.of(
            "okay",
            "ok",
            "so",
            "now",
            "let",
            "lets",
            "let's",
            "us",
            "going",
            "gonna",
            "right",
            "just",
            "really",
            "actually",
            "thing",
            "things",
            "lot",
            "lots",
            "kind",
            "sort",
            "way",
            "well",
            "also",
            "one",
            "two",
            "three",
            "first",
            "second",
            "third",
            "today",
            "think",
            "know",
            "see",
            "look",
            "remember",
            "like",
            "can",
            "will",
            "would",
            "could",
            "should",
            "get",
            "gets",
            "got",
            "make",
            "makes",
            "made",
            "say",
            "says",
            "said",
            "call",
            "called",
            "mean",
            "means",
            "talk",
            "talking",
            "very",
            "much",
            "many",
            "more",
            "most",
            "some",
            "any",
            "each",
            "every",
            "other",
            "another",
            "same",
            "different",
            "new",
            "good",
            "great",
            "important",
            "we",
            "you",
            "i",
            "our",
            "your",
            "it",
            "its",
            "they",
            "them",
            "their",
            "this",
            "that",
            "these",
            "those",
            "what",
            "which",
            "who",
            "whom",
            "when",
            "where",
            "why",
            "how",
            "here",
            "than",
            "because",
            "about",
            "from",
            "over",
            "under",
            "again",
            "still",
            "even",
            "only",
            "all",
            "both",
            "between",
            "through",
            "after",
            "before",
            "up",
            "down",
            "out",
            "off",
            "back",
            "time",
            "times",
            "part",
            "example",
            "we'll",
            "it's",
            "that's",
            "don't",
            "isn't",
            "he",
            "she",
            "his",
            "her",
            "him",
            "has",
            "have",
            "had",
            "do",
            "does",
            "did",
            "been",
            "being",
            "am",
            "were",
            "was",
            "may",
            "might",
            "must",
            "shall",
            "need",
            "needs",
            "want",
            "wants",
            "come",
            "comes",
            "came",
            "go",
            "goes",
            "went",
            "take",
            "takes",
            "took",
            "put",
            "use",
            "used",
            "uses",
            "using",
            "give",
            "gives",
            "gave",
            "happen",
            "happens",
            "happened",
            "something",
            "anything",
            "everything",
            "nothing",
            "someone",
            "people",
            "yes",
            "no",
            "not",
            "oh",
            "um",
            "uh",
            "basically",
            "quite",
            "pretty",
            "bit",
            "little",
            "big",
            "same",
            "own",
            "too",
            "enough",
            "always",
            "never",
            "often",
            "sometimes",
            "usually",
            "while",
            "during",
            "whole",
            "next",
            "last",
            "end",
            "start",
            "begin",
            "keep",
            "show",
            "shows",
            "tell",
            "tells",
            "find",
            "found",
            "work",
            "works",
            "try",
            "question",
            "answer",
            "idea",
            "point",
            "side",
            "number",
            "step",
            "steps",
            "case",
            "form",
            "forms",
            "term",
            "terms",
            "word",
            "words",
            "lesson",
            "minute",
            "minutes",
            "once",
            "ever",
            "around",
            "across",
            "along",
            "toward",
            "towards",
            "within",
            "without",
            "upon",
            "onto",
            "yet",
            "already",
            "since",
            "until",
            "though",
            "although",
            "however",
            "therefore",
            "whether",
            "why",
            "become",
            "becomes",
            "became",
            "done",
            "does",
            "doing",
            "known",
            "able",
            "less",
            "fewer",
            "rather",
            // arithmetic read aloud: the operators and small numbers of every maths lesson
            "plus",
            "minus",
            "equals",
            "times",
            "zero",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "hundred",
            "thousand",
            "half",
            "percent");

    private static final String POS_MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

    private static final SentenceModel MODEL = loadModel();
    private static final POSModel TAGS = loadTags();

    private final EnglishAnalyzer analyzer;

    TextAnalysis() {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(SPOKEN_STOP_WORDS);
        this.analyzer = new EnglishAnalyzer(stop);
    }

    private static SentenceModel loadModel() {
        try (InputStream in = TextAnalysis.class.getResourceAsStream(SENTENCE_MODEL)) {
            if (in == null) {
                throw new IllegalStateException(
                        "OpenNLP sentence model " + SENTENCE_MODEL + " is not on the class path");
            }
            return new SentenceModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static POSModel loadTags() {
        try (InputStream in = TextAnalysis.class.getResourceAsStream(POS_MODEL)) {
            if (in == null) {
                throw new IllegalStateException(
                        "OpenNLP part-of-speech model " + POS_MODEL + " is not on the class path");
            }
            return new POSModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sentence: where it starts in the text, its words, and its terms (stems) in order. */
    record Sentence(int index, int start, String text, List<Token> tokens) {}

    /**
     * A term of a sentence: its stem, the word as written, and whether it follows the previous term directly (no
     * stop word between), so terms can be joined into phrases.
     */
    record Token(String stem, String surface, boolean adjacent, String tag) {

        boolean noun() {
            return tag.equals("NOUN") || tag.equals("PROPN") || tag.startsWith("NN");
        }

        boolean properNoun() {
            return tag.equals("PROPN") || tag.startsWith("NNP");
        }

        boolean adjective() {
            return tag.equals("ADJ") || tag.startsWith("JJ");
        }

        boolean number() {
            return tag.equals("NUM") || tag.equals("CD");
        }
    }

    List<Sentence> sentences(String text) {
        Span[] spans = new SentenceDetectorME(MODEL).sentPosDetect(text);
        POSTaggerME tagger = new POSTaggerME(TAGS);
        List<Sentence> sentences = new ArrayList<>(spans.length);
        for (Span span : spans) {
            String sentence = text.substring(span.getStart(), span.getEnd()).strip();
            if (sentence.isEmpty()) {
                continue;
            }
            sentences.add(new Sentence(sentences.size(), span.getStart(), sentence, tokens(sentence, tagger)));
        }
        return sentences;
    }

    /** The terms of a sentence, each with the part of speech of the word it came from. */
    List<Token> tokens(String sentence, POSTaggerME tagger) {
        Span[] words = SimpleTokenizer.INSTANCE.tokenizePos(sentence);
        String[] tags = tagger.tag(Span.spansToStrings(words, sentence));
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", sentence)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            boolean first = true;
            while (stream.incrementToken()) {
                String surface = sentence.substring(offset.startOffset(), offset.endOffset());
                if (surface.endsWith("'s") || surface.endsWith("’s")) {
                    surface = surface.substring(0, surface.length() - 2);
                }
                tokens.add(new Token(
                        term.toString(),
                        surface,
                        !first && increment.getPositionIncrement() == 1,
                        tagAt(words, tags, offset.startOffset())));
                first = false;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private static String tagAt(Span[] words, String[] tags, int offset) {
        for (int i = 0; i < words.length; i++) {
            if (words[i].getStart() <= offset && offset < words[i].getEnd()) {
                return tags[i];
            }
        }
        return "X";
    }

    /** Term frequencies of a group of sentences. */
    static Map<String, Integer> counts(List<Sentence> sentences) {
        Map<String, Integer> counts = new HashMap<>();
        for (Sentence sentence : sentences) {
            for (Token token : sentence.tokens()) {
                counts.merge(token.stem(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
