package org.mconnectevents.camel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule behind every cumulative confirmation: the offset sent is the highest one below which every delivered
 * event finished, so it never passes an event still in flight or one that failed, however the lanes finish.
 */
class OffsetTrackerTest {

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void eventsFinishedInOrderAreConfirmedUpToTheLastWithTheirCount() {
        deliver(1000, 1001, 1002);

        tracker.finished(1000);
        tracker.finished(1001);

        assertThat(tracker.takeConfirmation()).isEqualTo(new OffsetTracker.Confirmation(1001, 2));
        assertThat(tracker.takeConfirmation()).as("nothing new finished").isNull();
        assertThat(tracker.inFlight()).isEqualTo(1);
    }

    @Test
    void anEventFinishedAheadOfAnEarlierOneWaitsForIt() {
        deliver(7, 8, 9, 10);

        assertThat(tracker.finished(9)).as("events the next confirmation would cover").isZero();
        assertThat(tracker.finished(10)).isZero();
        assertThat(tracker.takeConfirmation()).isNull();

        assertThat(tracker.finished(7)).isEqualTo(1);
        assertThat(tracker.finished(8)).isEqualTo(4);
        assertThat(tracker.takeConfirmation()).isEqualTo(new OffsetTracker.Confirmation(10, 4));
    }

    @Test
    void nothingAtOrAfterAFailedEventIsEverConfirmed() {
        deliver(20, 21, 22, 23);
        tracker.finished(20);

        tracker.failed(21);
        tracker.finished(22);
        tracker.finished(23);

        assertThat(tracker.hasFailed()).isTrue();
        assertThat(tracker.takeConfirmation()).isEqualTo(new OffsetTracker.Confirmation(20, 1));
        assertThat(tracker.takeConfirmation()).isNull();
    }

    @Test
    void aFailedEventFinishedAfterwardsStillBlocksEverythingAfterIt() {
        deliver(30, 31, 32);
        tracker.failed(31);

        tracker.finished(31);
        tracker.finished(32);
        tracker.finished(30);

        assertThat(tracker.takeConfirmation()).isEqualTo(new OffsetTracker.Confirmation(30, 1));
        assertThat(tracker.takeConfirmation()).isNull();
    }

    @Test
    void anEventFinishedTwiceCountsOnce() {
        deliver(5, 6);

        tracker.finished(5);
        tracker.finished(5);

        assertThat(tracker.takeConfirmation()).isEqualTo(new OffsetTracker.Confirmation(5, 1));
        assertThat(tracker.finished(6)).isEqualTo(1);
    }

    private void deliver(long... offsets) {
        for (long offset : offsets) {
            tracker.delivered(offset);
        }
    }
}
