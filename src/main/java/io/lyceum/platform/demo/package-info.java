@NullMarked
package io.lyceum.platform.demo;

import org.jspecify.annotations.NullMarked;
