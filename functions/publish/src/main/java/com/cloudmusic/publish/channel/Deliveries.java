package com.cloudmusic.publish.channel;

import com.cloudmusic.outbound.HttpStatusException;
import com.cloudmusic.outbound.Retrier;
import com.cloudmusic.publish.daily.DeliveryOutcome;
import java.io.IOException;
import java.io.InterruptedIOException;

/** Runs one post under the channels' retry policy and says how it ended, as the delivery ledger records it. */
final class Deliveries {

    private Deliveries() {
    }

    /** A post is repeated after network errors too: the ledger, not the wire, keeps it to one per channel. */
    static DeliveryOutcome run(Retrier retrier, Retrier.Call<String> post) {
        try {
            return DeliveryOutcome.posted(retrier.call(Retrier.Repeat.SAFE, null, post));
        } catch (HttpStatusException e) {
            return DeliveryOutcome.failedPermanent(e.getMessage());
        } catch (Retrier.GaveUp e) {
            return DeliveryOutcome.failedTransient(e.getMessage());
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.failedTransient("interrupted while waiting to retry");
        } catch (IOException e) {
            return DeliveryOutcome.failedTransient("network error: " + e.getClass().getSimpleName());
        }
    }
}
