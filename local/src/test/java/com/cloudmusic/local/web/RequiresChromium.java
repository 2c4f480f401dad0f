package com.cloudmusic.local.web;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a browser test class, saying how to install a browser, where Chromium or chromedriver is missing
 * (a user's machine); in CI ({@code CI=true}) fails it instead, so the browser tests cannot silently stop
 * running there.
 */
final class RequiresChromium implements ExecutionCondition {

    /** Surefire's summary shows the skips but not their reason: say it once on the console. */
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = HeadlessChromium.missing();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing.get() + " In CI these tests must run, not be skipped.");
        }
        if (TOLD.compareAndSet(false, true)) {
            System.err.println("Skipping the browser tests. " + missing.get());
        }
        return ConditionEvaluationResult.disabled(missing.get());
    }
}
