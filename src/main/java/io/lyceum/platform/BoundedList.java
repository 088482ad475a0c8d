package io.lyceum.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route whose answer is a whole JSON array rather than a page: a list that is small by nature (the materials
 * of one pack, the kinds of a closed set). The handler must keep the answer within {@link #value()} items (by refusing
 * to grow past it, or by a closed set smaller than it); the API document then states the bound as the array's
 * {@code maxItems} and in the operation's description. Every other list answers a {@code PageResponse}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedList {

    /** The most items the answer ever holds. */
    int value();
}
