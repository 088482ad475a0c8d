@NullMarked
package io.lyceum.platform.web;

import org.jspecify.annotations.NullMarked;
