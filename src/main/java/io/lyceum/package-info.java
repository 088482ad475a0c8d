/** The application class; each module is a package below this one. */
@NullMarked
package io.lyceum;

import org.jspecify.annotations.NullMarked;
