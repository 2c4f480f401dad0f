package com.cloudmusic.billing;

/**
 * The money a payment has lost so far, in its currency's minor unit: refunded (Stripe's cumulative
 * {@code amount_refunded}) and disputed. Events may come in any order and more than once, so amounts
 * only ever grow to the largest seen.
 */
public record Reversal(long refunded, long disputed) {

    public static final Reversal NONE = new Reversal(0, 0);

    public Reversal {
        if (refunded < 0 || disputed < 0) {
            throw new IllegalArgumentException("negative reversal");
        }
    }

    public static Reversal refund(long amountRefunded) {
        return new Reversal(amountRefunded, 0);
    }

    public static Reversal dispute(long amountDisputed) {
        return new Reversal(0, amountDisputed);
    }

    /** What is known once both this and {@code other} have arrived. */
    public Reversal merge(Reversal other) {
        return new Reversal(Math.max(refunded, other.refunded), Math.max(disputed, other.disputed));
    }

    public boolean isNone() {
        return refunded == 0 && disputed == 0;
    }

    /**
     * Credits of a purchase this reversal takes back: in proportion to the money gone, rounded up, so a
     * partial refund costs the buyer at most one credit more than its exact share (a refund of 1 cent
     * of USD 4.00 takes 1 of 40 credits, not all 40). All the money gone takes all the credits.
     *
     * @param amount the purchase's price (a price unknown or zero counts any reversal as total)
     */
    public long creditsToReclaim(long credits, long amount) {
        if (isNone()) {
            return 0;
        }
        if (amount <= 0) {
            return credits;
        }
        long gone = Math.min(amount, Math.min(refunded, amount) + Math.min(disputed, amount));
        return Math.min(credits, (Math.multiplyExact(credits, gone) + amount - 1) / amount);
    }
}
