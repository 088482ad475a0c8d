package io.lyceum.testsupport;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Awaitility's defaults for the whole test JVM, set once before any test runs (registered in
 * {@code META-INF/services}). By default Awaitility sleeps one poll interval (100 ms) before it first looks, even when
 * the condition already holds; most of the suite's conditions do by the time they are asked, so it looks at once.
 */
public final class AwaitilityDefaults implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
    }
}
