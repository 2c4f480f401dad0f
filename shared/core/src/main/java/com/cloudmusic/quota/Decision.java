package com.cloudmusic.quota;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What was decided about one generation request (SPEC §1), made once by the charge and then stated as it
 * is in the answer and the log line: ALLOW and where the unit was charged from, or BLOCK and why.
 *
 * @param charged where the unit came from (ALLOW only)
 * @param reason  the refusal's code (BLOCK only), e.g. {@code quota_exhausted}
 */
public record Decision(Verdict verdict, ChargeSource charged, String reason) {

    public enum Verdict { ALLOW, BLOCK }

    public Decision {
        Objects.requireNonNull(verdict, "verdict == null");
        if (verdict == Verdict.ALLOW) {
            Objects.requireNonNull(charged, "charged == null");
        } else {
            Objects.requireNonNull(reason, "reason == null");
        }
    }

    public static Decision allow(ChargeSource charged) {
        return new Decision(Verdict.ALLOW, charged, null);
    }

    public static Decision block(String reason) {
        return new Decision(Verdict.BLOCK, null, reason);
    }

    /** The decision's fields for a log line: {@code decision}, and {@code charged} or {@code reason}. */
    public Map<String, Object> logFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("decision", verdict.name());
        if (charged != null) {
            fields.put("charged", charged.wireName());
            fields.put("chargedFrom", charged.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (reason != null) {
            fields.put("reason", reason);
        }
        return fields;
    }
}
