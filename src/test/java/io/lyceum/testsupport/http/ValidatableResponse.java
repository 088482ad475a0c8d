package io.lyceum.testsupport.http;

import static org.hamcrest.Matchers.equalTo;

import java.util.Locale;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.StringDescription;
import org.jspecify.annotations.Nullable;

/**
 * Checks of an answer, each made when it is called: a failed one throws an {@link AssertionError} naming the request,
 * what was expected, what came, and the body.
 */
public final class ValidatableResponse {

    private static final int BODY_CHARS = 3_000;

    private final Response response;

    ValidatableResponse(Response response) {
        this.response = response;
    }

    public ValidatableResponse statusCode(int expected) {
        if (response.statusCode() != expected) {
            throw failure("status " + expected, String.valueOf(response.statusCode()));
        }
        return this;
    }

    public ValidatableResponse statusCode(Matcher<? super Integer> expected) {
        return check("status", response.statusCode(), expected);
    }

    /** The value at each JSON path matches its matcher: {@code body(path, matcher, path2, matcher2, ...)}. */
    public ValidatableResponse body(String path, Matcher<?> matcher, Object... morePathsAndMatchers) {
        checkPath(path, matcher);
        if (morePathsAndMatchers.length % 2 != 0) {
            throw new IllegalArgumentException("paths and matchers come in pairs");
        }
        for (int i = 0; i < morePathsAndMatchers.length; i += 2) {
            checkPath((String) morePathsAndMatchers[i], (Matcher<?>) morePathsAndMatchers[i + 1]);
        }
        return this;
    }

    /** The whole body, as text, matches each matcher. */
    public ValidatableResponse body(Matcher<?> matcher, Matcher<?>... moreMatchers) {
        check("body", response.asString(), matcher);
        for (Matcher<?> more : moreMatchers) {
            check("body", response.asString(), more);
        }
        return this;
    }

    private void checkPath(String path, Matcher<?> matcher) {
        Object value;
        try {
            value = response.path(path);
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "JSON path " + path + " could not be read: " + e.getMessage() + "\n" + request() + clip(), e);
        }
        check("JSON path " + path, value, matcher);
    }

    public ValidatableResponse header(String name, Matcher<?> matcher) {
        return check("header " + name, response.header(name), matcher);
    }

    public ValidatableResponse header(String name, String expected) {
        return header(name, equalTo(expected));
    }

    /** The content type starts with {@code expected}, case and spaces aside. */
    public ValidatableResponse contentType(String expected) {
        String actual = normalized(response.contentType());
        if (!actual.startsWith(normalized(expected))) {
            throw failure("content type " + expected, response.contentType());
        }
        return this;
    }

    public ValidatableResponse contentType(Matcher<? super String> expected) {
        return check("content type", response.contentType(), expected);
    }

    /** The answer sets the cookie. */
    public ValidatableResponse cookie(String name) {
        if (!response.cookies().containsKey(name)) {
            throw failure("a cookie " + name, response.cookies().keySet().toString());
        }
        return this;
    }

    public ValidatableResponse cookie(String name, Object expected) {
        cookie(name);
        return check("cookie " + name, response.cookie(name), asMatcher(expected));
    }

    /** The answer, to read values from. */
    public Response extract() {
        return response;
    }

    private ValidatableResponse check(String what, @Nullable Object actual, Matcher<?> matcher) {
        if (!matcher.matches(actual)) {
            Description mismatch = new StringDescription();
            matcher.describeMismatch(actual, mismatch);
            throw failure(what + " " + StringDescription.toString(matcher), mismatch.toString());
        }
        return this;
    }

    private static Matcher<?> asMatcher(Object expected) {
        return expected instanceof Matcher<?> matcher ? matcher : equalTo(expected);
    }

    private AssertionError failure(String expected, String actual) {
        return new AssertionError("Expected " + expected + " but was " + actual + "\n" + request() + clip());
    }

    private String request() {
        return response.describe() + "\n";
    }

    private String clip() {
        String body = response.asString();
        return body.length() <= BODY_CHARS
                ? body
                : body.substring(0, BODY_CHARS) + " ... (" + body.length() + " chars)";
    }

    private static String normalized(String contentType) {
        return contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
