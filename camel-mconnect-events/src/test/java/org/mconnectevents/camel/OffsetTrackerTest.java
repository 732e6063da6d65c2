package org.mconnectevents.camel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cumulative confirmation never passes an event still in flight or failed, whatever order events finish in. */
class OffsetTrackerTest {

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void confirmsUpToTheFirstUnfinishedOffsetOnly() {
        for (long offset = 100; offset <= 104; offset++) {
            tracker.delivered(offset);
        }
        tracker.finished(100);
        tracker.finished(102);
        tracker.finished(103);

        assertThat(tracker.takeConfirmation()).isEqualTo(new OffsetTracker.Confirmation(100, 1));
        assertThat(tracker.takeConfirmation()).as("nothing new until 101 finishes").isNull();

        assertThat(tracker.finished(101)).as("101 lets 102 and 103 be confirmed too").isEqualTo(3);
        assertThat(tracker.takeConfirmation()).isEqualTo(new OffsetTracker.Confirmation(103, 3));
        assertThat(tracker.inFlight()).isEqualTo(1);
    }

    @Test
    void aFailedOffsetBlocksEveryLaterOne() {
        tracker.delivered(7);
        tracker.delivered(9);
        tracker.delivered(12);
        tracker.finished(7);
        tracker.failed(9);
        tracker.finished(12);

        assertThat(tracker.hasFailed()).isTrue();
        assertThat(tracker.takeConfirmation()).isEqualTo(new OffsetTracker.Confirmation(7, 1));
        assertThat(tracker.takeConfirmation()).isNull();
    }

    @Test
    void offsetsNeedNotBeContiguous() {
        tracker.delivered(10);
        tracker.delivered(20);
        tracker.finished(20);
        tracker.finished(10);

        assertThat(tracker.takeConfirmation()).isEqualTo(new OffsetTracker.Confirmation(20, 2));
    }
}
