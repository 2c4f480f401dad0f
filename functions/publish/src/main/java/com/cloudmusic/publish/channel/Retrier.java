package com.cloudmusic.publish.channel;

import com.cloudmusic.publish.daily.DeliveryOutcome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.time.Duration;
import java.util.Objects;

/** Runs one remote call under a {@link RetryPolicy} and turns its end into a {@link DeliveryOutcome}. */
final class Retrier {

    /** One request; returns the remote message id. */
    @FunctionalInterface
    interface Call {
        String send() throws IOException, ChannelHttpException;
    }

    private static final Logger LOG = System.getLogger(Retrier.class.getName());

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    Retrier(RetryPolicy policy, Sleeper sleeper) {
        this.policy = Objects.requireNonNull(policy, "policy == null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    }

    /**
     * @param operation names the call in logs and reasons; must not contain secrets (the Telegram
     *                  URL holds the bot token, the Discord URL the webhook token)
     */
    DeliveryOutcome run(String operation, Call call) {
        Duration waited = Duration.ZERO;
        String lastFailure = "no attempt made";
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            Duration wait;
            try {
                return DeliveryOutcome.posted(call.send());
            } catch (ChannelHttpException e) {
                if (!e.retryable()) {
                    LOG.log(Level.WARNING, "{0}: failed for good: {1}", operation, e.getMessage());
                    return DeliveryOutcome.failedPermanent(e.getMessage());
                }
                lastFailure = e.getMessage();
                wait = e.retryAfter().orElse(policy.backoffAfter(attempt));
            } catch (IOException e) {
                lastFailure = "network error: " + e.getClass().getSimpleName();
                wait = policy.backoffAfter(attempt);
            }
            if (attempt == policy.maxAttempts()) {
                break;
            }
            if (waited.plus(wait).compareTo(policy.maxTotalWait()) > 0) {
                String reason = lastFailure + "; asked to wait " + wait.toMillis() + " ms, beyond the "
                        + policy.maxTotalWait().toSeconds() + " s retry budget";
                LOG.log(Level.WARNING, "{0}: giving up: {1}", operation, reason);
                return DeliveryOutcome.failedTransient(reason);
            }
            LOG.log(Level.INFO, "{0}: attempt {1} of {2} failed ({3}), retrying in {4} ms",
                    operation, attempt, policy.maxAttempts(), lastFailure, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DeliveryOutcome.failedTransient(lastFailure + "; interrupted while waiting to retry");
            }
            waited = waited.plus(wait);
        }
        String reason = lastFailure + " after " + policy.maxAttempts() + " attempts";
        LOG.log(Level.WARNING, "{0}: giving up: {1}", operation, reason);
        return DeliveryOutcome.failedTransient(reason);
    }
}
