package com.cloudmusic.quota;

/**
 * Where a generation's unit came from, in the order they are spent (SPEC §4.2); {@code NONE} for the
 * system's own tracks (the daily track of the publish run), which nobody paid for.
 */
public enum ChargeSource {
    WALLET("credit"), CREDIT("credit"), FREE("free"), NONE("none");

    private final String wireName;

    ChargeSource(String wireName) {
        this.wireName = wireName;
    }

    /** What the API says in {@code "charged"}: "credit" or "free". */
    public String wireName() {
        return wireName;
    }
}
