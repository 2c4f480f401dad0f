package com.cloudmusic.billing;

import com.cloudmusic.errors.DomainException;

/**
 * The payment provider could not be used. {@code payments_unavailable} (503) is worth retrying:
 * payments are not configured, or the provider was rate-limiting, failing or unreachable.
 * {@code payments_error} (502) is not: the provider refused our request (a bad key or parameter),
 * which an operator has to fix. Either way nothing was charged.
 */
public final class PaymentsException extends DomainException {

    private final String detail;

    private PaymentsException(Kind kind, String code, String message, String detail) {
        super(kind, code, message);
        this.detail = detail;
    }

    /** For the log, not the caller: the provider's error type, code and request id (never a key). */
    @Override
    public String logDetail() {
        return detail;
    }

    public static PaymentsException notConfigured() {
        return new PaymentsException(Kind.UNAVAILABLE, "payments_unavailable",
                "Payments are not available on this server. Nothing was charged.", "no payment provider configured");
    }

    /** The provider was busy, failing or unreachable (HTTP 429, 5xx, or no answer). */
    public static PaymentsException unavailable(String what, String detail) {
        return new PaymentsException(Kind.UNAVAILABLE, "payments_unavailable",
                "The payment provider is not answering right now (" + what + "). Nothing was charged; please try again in a minute.",
                detail);
    }

    /** The provider refused our request (HTTP 4xx other than 429): a configuration problem on our side. */
    public static PaymentsException refused(String what, String detail) {
        return new PaymentsException(Kind.UPSTREAM_REFUSED, "payments_error",
                "The payment provider refused the checkout request (" + what + "). Nothing was charged; this is a problem on our side.",
                detail);
    }
}
