package io.lyceum.testsupport.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON paths as RestAssured reads them (Groovy's GPath over the parsed document), for the part of the language the
 * tests use: {@code a.b}, {@code 'quoted-name'}, {@code [i]} (negative from the end), a property of a list taken from
 * each of its elements ({@code content.id}), {@code size()}, {@code flatten()}, {@code isEmpty()}, {@code keySet()},
 * {@code find { ... }} and {@code findAll { ... }} with a condition on {@code it} ({@code ==}, {@code !=},
 * {@code &&}, {@code ||}, {@code !}, Groovy truth, {@code startsWith}, {@code endsWith}, {@code contains}), and
 * {@code ""} or {@code $} for the whole document.
 *
 * <p>Values have RestAssured's types: objects are maps, arrays lists, whole numbers {@code Integer}, {@code Long} or
 * {@code BigInteger} by size, decimals {@code Float} (a {@code Double} beyond the float range), so
 * {@code body("price.amount", equalTo(1500))} means what it meant there. A property of {@code null} is an error, as in
 * Groovy.
 */
public final class GPath {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final BigDecimal FLOAT_MAX = BigDecimal.valueOf(Float.MAX_VALUE);

    private final String path;
    private int at;

    private GPath(String path) {
        this.path = path;
    }

    /** The document {@code json} as maps, lists and RestAssured's number types. */
    public static @Nullable Object parse(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("The answer has no JSON body");
            }
            Object value = read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("Unexpected content after the JSON document");
            }
            return value;
        }
    }

    private static @Nullable Object read(JsonParser parser) {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, @Nullable Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<@Nullable Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> parser.getIntValue();
                    case LONG -> parser.getLongValue();
                    default -> parser.getBigIntegerValue();
                };
            case VALUE_NUMBER_FLOAT -> {
                BigDecimal decimal = parser.getDecimalValue();
                yield decimal.compareTo(FLOAT_MAX) > 0 ? (Object) decimal.doubleValue() : (Object) decimal.floatValue();
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("Unexpected JSON token " + token);
        };
    }

    /** The value at {@code path} in {@code root} (a parsed document). */
    public static @Nullable Object evaluate(@Nullable Object root, String path) {
        String trimmed = path.strip();
        if (trimmed.isEmpty() || trimmed.equals("$")) {
            return root;
        }
        if (trimmed.startsWith("$.")) {
            trimmed = trimmed.substring(2);
        }
        GPath parser = new GPath(trimmed);
        Object value = parser.steps(root, true);
        if (parser.at != trimmed.length()) {
            throw parser.error("unexpected '" + trimmed.charAt(parser.at) + "'");
        }
        return value;
    }

    /** Follows steps (properties, indexes, methods) from {@code value} until the path or a closure's operand ends. */
    private @Nullable Object steps(@Nullable Object value, boolean first) {
        Object current = value;
        boolean expectStep = first;
        while (at < path.length()) {
            skipSpaces();
            if (at >= path.length()) {
                break;
            }
            char c = path.charAt(at);
            if (c == '[') {
                current = index(current);
                expectStep = false;
                continue;
            }
            if (c == '.') {
                at++;
                skipSpaces();
                expectStep = true;
                continue;
            }
            if (!expectStep) {
                break;
            }
            String name;
            if (c == '\'' || c == '"') {
                name = literal();
                current = property(current, name);
            } else if (Character.isJavaIdentifierStart(c)) {
                name = identifier();
                skipSpaces();
                if (at < path.length() && path.charAt(at) == '(') {
                    current = method(current, name);
                } else if (at < path.length() && path.charAt(at) == '{') {
                    current = closureMethod(current, name);
                } else {
                    current = property(current, name);
                }
            } else {
                break;
            }
            expectStep = false;
        }
        return current;
    }

    private @Nullable Object index(@Nullable Object target) {
        at++; // [
        skipSpaces();
        int start = at;
        if (at < path.length() && path.charAt(at) == '-') {
            at++;
        }
        while (at < path.length() && Character.isDigit(path.charAt(at))) {
            at++;
        }
        if (start == at) {
            throw error("an index");
        }
        int index = Integer.parseInt(path.substring(start, at));
        skipSpaces();
        expect(']');
        if (target instanceof List<?> list) {
            int i = index < 0 ? index + list.size() : index;
            return i < list.size() ? list.get(i) : null;
        }
        if (target instanceof Map<?, ?> map) {
            return map.get(index);
        }
        throw error("cannot index " + describe(target));
    }

    private @Nullable Object property(@Nullable Object target, String name) {
        if (target instanceof Map<?, ?> map) {
            return map.get(name);
        }
        if (target instanceof List<?> list) {
            List<@Nullable Object> values = new ArrayList<>(list.size());
            for (Object element : list) {
                if (element != null) {
                    values.add(property(element, name));
                }
            }
            return values;
        }
        throw error("cannot get property '" + name + "' on " + describe(target));
    }

    private Object method(@Nullable Object target, String name) {
        expect('(');
        skipSpaces();
        String argument = null;
        if (at < path.length() && path.charAt(at) != ')') {
            argument = literal();
            skipSpaces();
        }
        expect(')');
        return switch (name) {
            case "size" -> sizeOf(target, name);
            case "isEmpty" -> sizeOf(target, name) == 0;
            case "keySet" -> {
                if (!(target instanceof Map<?, ?> map)) {
                    throw error("cannot take keySet() of " + describe(target));
                }
                yield new LinkedHashSet<>(map.keySet());
            }
            case "flatten" -> {
                if (!(target instanceof Collection<?> collection)) {
                    throw error("cannot flatten " + describe(target));
                }
                List<@Nullable Object> flat = new ArrayList<>();
                flatten(collection, flat);
                yield flat;
            }
            case "startsWith", "endsWith", "contains" -> {
                if (!(target instanceof String text) || argument == null) {
                    throw error("cannot call " + name + " on " + describe(target));
                }
                yield switch (name) {
                    case "startsWith" -> text.startsWith(argument);
                    case "endsWith" -> text.endsWith(argument);
                    default -> text.contains(argument);
                };
            }
            default -> throw error("unknown method " + name + "()");
        };
    }

    /** The size of a list, map or string, for {@code size()} and {@code isEmpty()}. */
    private int sizeOf(@Nullable Object target, String method) {
        return switch (target) {
            case Collection<?> collection -> collection.size();
            case Map<?, ?> map -> map.size();
            case String text -> text.length();
            case null, default -> throw error("cannot take " + method + "() of " + describe(target));
        };
    }

    private static void flatten(Collection<?> collection, List<@Nullable Object> into) {
        for (Object element : collection) {
            if (element instanceof Collection<?> inner) {
                flatten(inner, into);
            } else {
                into.add(element);
            }
        }
    }

    private @Nullable Object closureMethod(@Nullable Object target, String name) {
        expect('{');
        int conditionStart = at;
        int depth = 1;
        while (at < path.length() && depth > 0) {
            char c = path.charAt(at);
            if (c == '\'' || c == '"') {
                literal();
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            at++;
        }
        if (depth != 0) {
            throw error("an unclosed '{'");
        }
        String condition = path.substring(conditionStart, at - 1);
        if (!(target instanceof List<?> list)) {
            throw error("cannot call " + name + " on " + describe(target));
        }
        return switch (name) {
            case "find" -> {
                for (Object element : list) {
                    if (new GPath(condition).holds(element)) {
                        yield element;
                    }
                }
                yield null;
            }
            case "findAll" -> {
                List<@Nullable Object> found = new ArrayList<>();
                for (Object element : list) {
                    if (new GPath(condition).holds(element)) {
                        found.add(element);
                    }
                }
                yield found;
            }
            default -> throw error("unknown method " + name + " { }");
        };
    }

    private String identifier() {
        int start = at;
        while (at < path.length() && Character.isJavaIdentifierPart(path.charAt(at))) {
            at++;
        }
        return path.substring(start, at);
    }

    /** A quoted string ('...' or "..."), with backslash escapes. */
    private String literal() {
        char quote = path.charAt(at);
        if (quote != '\'' && quote != '"') {
            throw error("a quoted string");
        }
        at++;
        var text = new StringBuilder();
        while (at < path.length() && path.charAt(at) != quote) {
            char c = path.charAt(at++);
            if (c == '\\' && at < path.length()) {
                c = path.charAt(at++);
            }
            text.append(c);
        }
        expect(quote);
        return text.toString();
    }

    private void expect(char c) {
        if (at >= path.length() || path.charAt(at) != c) {
            throw error("'" + c + "'");
        }
        at++;
    }

    private void skipSpaces() {
        while (at < path.length() && Character.isWhitespace(path.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON path \"" + path + "\" at " + at + ": " + what);
    }

    private static String describe(@Nullable Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    /** Groovy truth: null, false, zero, and empty strings, lists and maps are false. */
    static boolean truth(@Nullable Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    /**
     * Whether this closure's condition holds for {@code it}: operands are {@code it} with steps, or literals (quoted
     * strings, numbers, {@code true}, {@code false}, {@code null}); {@code ==} and {@code !=} compare numbers by value
     * and everything else by equality, as Groovy does.
     */
    private boolean holds(@Nullable Object it) {
        boolean result = or(it);
        skipSpaces();
        if (at != path.length()) {
            throw error("unexpected '" + path.substring(at) + "'");
        }
        return result;
    }

    private boolean or(@Nullable Object it) {
        boolean result = and(it);
        while (consume("||")) {
            boolean right = and(it);
            result = result || right;
        }
        return result;
    }

    private boolean and(@Nullable Object it) {
        boolean result = comparison(it);
        while (consume("&&")) {
            boolean right = comparison(it);
            result = result && right;
        }
        return result;
    }

    private boolean comparison(@Nullable Object it) {
        skipSpaces();
        if (path.startsWith("!", at) && !path.startsWith("!=", at)) {
            at++;
            return !comparison(it);
        }
        if (consume("(")) {
            boolean inner = or(it);
            if (!consume(")")) {
                throw error("missing ')'");
            }
            return inner;
        }
        Object left = operand(it);
        if (consume("==")) {
            return same(left, operand(it));
        }
        if (consume("!=")) {
            return !same(left, operand(it));
        }
        return truth(left);
    }

    private @Nullable Object operand(@Nullable Object it) {
        skipSpaces();
        if (at >= path.length()) {
            throw error("an operand");
        }
        char c = path.charAt(at);
        if (c == '\'' || c == '"') {
            return literal();
        }
        if (Character.isDigit(c) || c == '-') {
            int start = at++;
            while (at < path.length() && (Character.isDigit(path.charAt(at)) || path.charAt(at) == '.')) {
                at++;
            }
            String number = path.substring(start, at);
            return number.contains(".") ? (Object) new BigDecimal(number) : (Object) Long.parseLong(number);
        }
        for (String word : List.of("true", "false", "null")) {
            if (path.startsWith(word, at) && !continuesIdentifier(at + word.length())) {
                at += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        if (path.startsWith("it", at) && !continuesIdentifier(at + 2)) {
            at += 2;
            return steps(it, false);
        }
        throw error("unexpected '" + path.substring(at) + "'");
    }

    private boolean continuesIdentifier(int index) {
        return index < path.length() && Character.isJavaIdentifierPart(path.charAt(index));
    }

    private static boolean same(@Nullable Object left, @Nullable Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return java.util.Objects.equals(left, right);
    }

    private boolean consume(String token) {
        skipSpaces();
        if (path.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }
}
