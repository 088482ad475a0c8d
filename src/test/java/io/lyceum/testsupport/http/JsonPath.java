package io.lyceum.testsupport.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON document read by {@link GPath} paths, with RestAssured's conversions: {@code getString} of a number is its
 * text, {@code getInt} of a long is its int value, and so on.
 */
public final class JsonPath {

    private static final JsonMapper JSON = Http.MAPPER;

    private final @Nullable Object root;
    private String rootPath = "";

    public JsonPath(String json) {
        this.root = GPath.parse(json);
    }

    public static JsonPath from(String json) {
        return new JsonPath(json);
    }

    /** The whole document. */
    @SuppressWarnings("unchecked")
    public <T> T get() {
        return (T) root;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String path) {
        String whole = rootPath.isEmpty() || path.isEmpty()
                ? rootPath + path
                : rootPath + (rootPath.endsWith(".") || path.startsWith("[") ? "" : ".") + path;
        return (T) GPath.evaluate(root, whole);
    }

    /** Reads later paths from {@code path} on (RestAssured's {@code setRootPath}); this same document. */
    public JsonPath setRootPath(String path) {
        this.rootPath = path;
        return this;
    }

    /** The document as indented JSON. */
    public String prettify() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    public @Nullable String getString(String path) {
        return convert(get(path), String.class);
    }

    public int getInt(String path) {
        Object value = get(path);
        if (value instanceof Integer || value instanceof Short || value instanceof Long) {
            return ((Number) value).intValue();
        }
        return required(convert(value, Integer.class), path);
    }

    public long getLong(String path) {
        Object value = get(path);
        if (value instanceof Integer || value instanceof Short || value instanceof Long) {
            return ((Number) value).longValue();
        }
        return required(convert(value, Long.class), path);
    }

    /** A float's value through its text (4.167f is 4.167, not 4.166999816894531), as RestAssured reads it. */
    public double getDouble(String path) {
        Object value = get(path);
        if (value instanceof Double number) {
            return number;
        }
        return required(convert(value, Double.class), path);
    }

    public boolean getBoolean(String path) {
        return required(convert(get(path), Boolean.class), path);
    }

    public <T> List<T> getList(String path) {
        return get(path);
    }

    /** The list at {@code path} with each element converted to {@code type} (objects mapped by Jackson). */
    public <T> List<T> getList(String path, Class<T> type) {
        List<?> original = get(path);
        List<T> converted = new ArrayList<>();
        if (original != null) {
            for (Object element : original) {
                converted.add(
                        element instanceof Map<?, ?> && !type.isAssignableFrom(Map.class)
                                ? JSON.convertValue(element, type)
                                : convert(element, type));
            }
        }
        return Collections.unmodifiableList(converted);
    }

    public <K, V> Map<K, V> getMap(String path) {
        return get(path);
    }

    public <K, V> Map<K, V> getMap(String path, Class<K> keyType, Class<V> valueType) {
        Map<?, ?> original = get(path);
        Map<K, V> converted = new LinkedHashMap<>();
        original.forEach((key, value) -> converted.put(convert(key, keyType), convert(value, valueType)));
        return Collections.unmodifiableMap(converted);
    }

    private static <T> T required(@Nullable T value, String path) {
        if (value == null) {
            throw new NullPointerException("JSON path " + path + " is null");
        }
        return value;
    }

    /** RestAssured's {@code ObjectConverter}: a value of another type is converted through its text. */
    @SuppressWarnings("unchecked")
    static <T> T convert(@Nullable Object value, Class<T> type) {
        if (value == null) {
            return null;
        }
        if (value.getClass().isAssignableFrom(type)) {
            return (T) value;
        }
        String text = value.toString();
        Object converted;
        if (type.isAssignableFrom(Integer.class) || type == int.class) {
            converted = Integer.parseInt(text);
        } else if (type.isAssignableFrom(Boolean.class) || type == boolean.class) {
            converted = Boolean.parseBoolean(text);
        } else if (type.isAssignableFrom(Float.class) || type == float.class) {
            converted = Float.parseFloat(text);
        } else if (type.isAssignableFrom(Double.class) || type == double.class) {
            converted = Double.parseDouble(text);
        } else if (type.isAssignableFrom(Long.class) || type == long.class) {
            converted = Long.parseLong(text);
        } else if (type.isAssignableFrom(BigDecimal.class)) {
            converted = new BigDecimal(text);
        } else if (type.isAssignableFrom(String.class)) {
            converted = text;
        } else if (type.isAssignableFrom(UUID.class)) {
            converted = UUID.fromString(text);
        } else {
            converted = type.cast(value);
        }
        return (T) converted;
    }

    @Override
    public String toString() {
        return String.valueOf(root);
    }
}
