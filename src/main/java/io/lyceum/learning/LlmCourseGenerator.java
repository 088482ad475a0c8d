package io.lyceum.learning;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model generator: any OpenAI-compatible endpoint through LangChain4j. The model is chosen by the prompt's size
 * (estimated at 4 tokens per 3 words) and the quality preference; a transcript over the token budget is cut at a
 * section boundary (sections from the extractive generator's segmentation), never mid-sentence. The answer must be
 * JSON matching the outline schema, with every quiz's source sentence quoted from the transcript; an answer that is
 * not is sent back once with what was wrong, and a second bad answer fails the generation with a clear reason.
 */
@Component
@EnableConfigurationProperties(LlmProperties.class)
class LlmCourseGenerator implements CourseGenerator {

    static final int OUTPUT_TOKENS = 4_000;

    private static final String INSTRUCTIONS = """
            You turn a lesson transcript into a course outline. Answer with one JSON object only, of this shape:
            {"title": string, "summary": string,
             "sections": [{"title": string, "summary": string,
                           "lessons": [{"title": string, "text": string, "keyPoints": [string]}],
                           "quizzes": [{"type": "CLOZE" | "MULTIPLE_CHOICE", "question": string,
                                        "options": [string], "answer": string, "sourceSentence": string}]}],
             "glossary": [{"term": string, "definition": string}]}
            Rules: sections follow the transcript's order; every section has at least one lesson; a quiz's
            sourceSentence is copied word for word from the transcript and contains the answer; a CLOZE question
            shows the answer as _____ and has no options; a MULTIPLE_CHOICE question has 4 options, the answer among
            them, the others real terms from the transcript of the same kind.""";

    private final LlmProperties properties;
    private final ExtractiveGenerator sections;
    private final JsonMapper json;

    LlmCourseGenerator(LlmProperties properties, ExtractiveGenerator sections, JsonMapper json) {
        this.properties = properties;
        this.sections = sections;
        this.json = json;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public String version() {
        return "llm-1:"
                + properties.models().stream()
                        .map(LlmProperties.Model::name)
                        .sorted()
                        .toList();
    }

    @Override
    public boolean available() {
        return properties.configured();
    }

    static int estimateTokens(String text) {
        int words = text.isBlank() ? 0 : text.trim().split("\\s+").length;
        return (words * 4 + 2) / 3;
    }

    /** The transcript to send: whole sections while they fit the budget, the first one cut by sentences if needed. */
    String budgeted(Transcript transcript) {
        int budget = properties.transcriptTokenBudget();
        StringBuilder text = new StringBuilder();
        int used = 0;
        for (List<String> section : sections.sections(transcript)) {
            String block = String.join(" ", section);
            int tokens = estimateTokens(block);
            if (used + tokens <= budget) {
                text.append(text.isEmpty() ? "" : "\n\n").append(block);
                used += tokens;
                continue;
            }
            if (text.isEmpty()) {
                for (String sentence : section) {
                    int t = estimateTokens(sentence);
                    if (used + t > budget) {
                        break;
                    }
                    text.append(text.isEmpty() ? "" : " ").append(sentence);
                    used += t;
                }
            }
            break;
        }
        return text.toString();
    }

    /** The model for a prompt of this many tokens: one serving the preference whose context fits, else the largest. */
    LlmProperties.Model choose(int promptTokens, String mode) {
        int needed = promptTokens + OUTPUT_TOKENS;
        return properties.models().stream()
                .filter(m -> m.contextTokens() >= needed)
                .min(Comparator.comparing(
                                (LlmProperties.Model m) -> !m.quality().equalsIgnoreCase(mode))
                        .thenComparingInt(LlmProperties.Model::contextTokens))
                .orElseGet(() -> properties.models().stream()
                        .max(Comparator.comparingInt(LlmProperties.Model::contextTokens))
                        .orElseThrow());
    }

    @Override
    public Outline generate(Transcript transcript, Preferences preferences) {
        String text = budgeted(transcript);
        String request = "Difficulty: " + preferences.difficulty().toLowerCase(Locale.ROOT) + ". Language: "
                + preferences.language() + "."
                + (preferences.targetMinutes() > 0
                        ? " Target length: " + preferences.targetMinutes() + " minutes."
                        : "")
                + "\n\nTranscript (sections separated by blank lines):\n" + text;
        LlmProperties.Model model = choose(estimateTokens(INSTRUCTIONS + request), preferences.mode());
        ChatModel chat = OpenAiChatModel.builder()
                .baseUrl(properties.baseUrl())
                .apiKey(properties.apiKey() == null || properties.apiKey().isBlank() ? "none" : properties.apiKey())
                .modelName(model.name())
                .responseFormat("json_object")
                .temperature(0.2)
                .maxTokens(OUTPUT_TOKENS)
                .timeout(properties.timeout())
                .maxRetries(1)
                .build();
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(INSTRUCTIONS));
        messages.add(UserMessage.from(request));
        String answer = chat.chat(messages).aiMessage().text();
        List<String> problems = new ArrayList<>();
        Outline outline = validate(answer, transcript, problems);
        if (outline != null) {
            return outline;
        }
        messages.add(AiMessage.from(answer));
        messages.add(UserMessage.from("That answer does not match the outline schema: " + String.join("; ", problems)
                + ". Answer again with the corrected JSON object only."));
        answer = chat.chat(messages).aiMessage().text();
        problems.clear();
        outline = validate(answer, transcript, problems);
        if (outline == null) {
            throw new GenerationFailed("The model (" + model.name() + ") answered twice with an outline that does not "
                    + "match the schema: "
                    + String.join("; ", problems.stream().limit(5).toList()) + ".");
        }
        return outline;
    }

    /** The outline in a model's answer, or null with the problems found. */
    @Nullable
    Outline validate(@Nullable String answer, Transcript transcript, List<String> problems) {

        JsonNode root;
        try {
            root = json.readTree(answer == null ? "" : answer.strip());
        } catch (JacksonException e) {
            problems.add("it is not JSON");
            return null;
        }
        String full = transcript.text();
        String normalised = normalise(full);
        String title = root.path("title").asString("").strip();
        if (title.isEmpty()) {
            problems.add("title is missing");
        }
        List<Outline.Section> result = new ArrayList<>();
        JsonNode sectionNodes = root.path("sections");
        if (!sectionNodes.isArray() || sectionNodes.isEmpty()) {
            problems.add("sections must be a non-empty array");
        }
        int s = 0;
        for (JsonNode section : sectionNodes) {
            String path = "sections[" + s++ + "]";
            String sectionTitle = section.path("title").asString("").strip();
            if (sectionTitle.isEmpty()) {
                problems.add(path + ".title is missing");
            }
            List<Outline.Lesson> lessons = new ArrayList<>();
            for (JsonNode lesson : section.path("lessons")) {
                String lessonTitle = lesson.path("title").asString("").strip();
                String lessonText = lesson.path("text").asString("").strip();
                if (lessonTitle.isEmpty() || lessonText.isEmpty()) {
                    problems.add(path + " has a lesson without title or text");
                    continue;
                }
                List<String> keyPoints = new ArrayList<>();
                lesson.path("keyPoints").forEach(k -> keyPoints.add(k.asString("")));
                int minutes = Math.max(1, lessonText.split("\\s+").length / Transcript.SPOKEN_WORDS_PER_MINUTE);
                lessons.add(new Outline.Lesson(lessonTitle, lessonText, keyPoints, 0, 0, minutes));
            }
            if (lessons.isEmpty()) {
                problems.add(path + " has no lesson");
            }
            List<Outline.Quiz> quizzes = new ArrayList<>();
            int q = 0;
            for (JsonNode quiz : section.path("quizzes")) {
                String quizPath = path + ".quizzes[" + q++ + "]";
                String type = quiz.path("type").asString("");
                String question = quiz.path("question").asString("").strip();
                String answerText = quiz.path("answer").asString("").strip();
                String source = quiz.path("sourceSentence").asString("").strip();
                List<String> options = new ArrayList<>();
                quiz.path("options").forEach(o -> options.add(o.asString("").strip()));
                if (!type.equals("CLOZE") && !type.equals("MULTIPLE_CHOICE")) {
                    problems.add(quizPath + ".type must be CLOZE or MULTIPLE_CHOICE");
                    continue;
                }
                if (question.isEmpty() || answerText.isEmpty()) {
                    problems.add(quizPath + " needs a question and an answer");
                    continue;
                }
                if (source.isEmpty() || !normalised.contains(normalise(source))) {
                    problems.add(quizPath + ".sourceSentence is not quoted from the transcript");
                    continue;
                }
                if (!normalise(source).contains(normalise(answerText))) {
                    problems.add(quizPath + ".answer is not in its source sentence");
                    continue;
                }
                if (type.equals("MULTIPLE_CHOICE")
                        && (options.size() < 2 || options.stream().noneMatch(o -> o.equalsIgnoreCase(answerText)))) {
                    problems.add(quizPath + ".options must hold the answer");
                    continue;
                }
                int at = full.toLowerCase(Locale.ROOT).indexOf(source.toLowerCase(Locale.ROOT));
                long startMs = at >= 0 ? transcript.startAt(at) : 0;
                quizzes.add(new Outline.Quiz(
                        type,
                        question,
                        type.equals("CLOZE") ? List.of() : options,
                        answerText,
                        source,
                        startMs,
                        "CONCEPT"));
            }
            result.add(new Outline.Section(sectionTitle, section.path("summary").asString(""), 0, 0, lessons, quizzes));
        }
        List<Outline.Term> glossary = new ArrayList<>();
        for (JsonNode term : root.path("glossary")) {
            String name = term.path("term").asString("").strip();
            String definition = term.path("definition").asString("").strip();
            if (!name.isEmpty() && !definition.isEmpty()) {
                glossary.add(new Outline.Term(name, "CONCEPT", definition, 0));
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        int minutes = result.stream()
                .flatMap(x -> x.lessons().stream())
                .mapToInt(Outline.Lesson::minutes)
                .sum();
        return new Outline(title, root.path("summary").asString(""), minutes, result, glossary);
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
