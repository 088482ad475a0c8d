package io.lyceum.testsupport.http;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** TEMPORARY: evaluates every path both ways (GPath and RestAssured) and fails on any difference. */
final class GPathVerification {

    static final boolean ON = Boolean.getBoolean("lyceum.gpath.verify");

    private GPathVerification() {}

    static @Nullable Object evaluate(String text, @Nullable Object root, String path) {
        Object ours;
        RuntimeException ourError = null;
        try {
            ours = GPath.evaluate(root, path);
        } catch (RuntimeException e) {
            ours = null;
            ourError = e;
        }
        Object theirs;
        RuntimeException theirError = null;
        try {
            theirs = new io.restassured.path.json.JsonPath(text).get(path);
        } catch (RuntimeException e) {
            theirs = null;
            theirError = e;
        }
        boolean same = (ourError != null) == (theirError != null) && Objects.equals(ours, theirs);
        if (!same) {
            String message = "GPATH-MISMATCH path=" + path + " ours=" + describe(ours, ourError) + " restassured="
                    + describe(theirs, theirError) + " body=" + (text.length() > 500 ? text.substring(0, 500) : text);
            System.out.println(message);
            throw new AssertionError(message);
        }
        if (ourError != null) {
            throw ourError;
        }
        return ours;
    }

    private static String describe(@Nullable Object value, @Nullable RuntimeException error) {
        if (error != null) {
            return "error " + error.getClass().getSimpleName() + ": " + error.getMessage();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
