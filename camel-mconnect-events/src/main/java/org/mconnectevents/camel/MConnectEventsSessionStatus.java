package org.mconnectevents.camel;

/**
 * One consumer session as the dev console and the metrics show it, at the moment it was asked for. Offsets and counts
 * are those of the session open at that moment: a new session starts again from none (-1 and 0), since the service
 * numbers the offsets of each session anew and delivers again what the last one did not confirm.
 *
 * @param name             the session's name, {@code MConnectEventsConsumer[channel, group]#index}
 * @param state            {@code CONNECTING}, {@code CONNECTED}, {@code RECONNECTING} or {@code STOPPED}
 * @param deliveredOffset  the highest offset the service delivered in this session; -1 before the first event
 * @param confirmedOffset  the highest offset whose confirmation the service acknowledged; -1 before the first
 * @param inFlight         events delivered and not finished yet (being processed, waiting in a lane, held while the
 *                         route is suspended, or waiting for the route's confirmation)
 * @param confirmationLag  events delivered and not covered by an acknowledged confirmation yet: the events the service
 *                         would deliver again if the session ended now
 * @param pending          events handed to the lanes and not done with, the session's share of the bound
 *                         {@code maxPendingEvents}
 * @param lastError        why the last session ended or could not open, while the session is not connected; else null.
 *                         Never event data.
 */
public record MConnectEventsSessionStatus(String name, String state, long deliveredOffset, long confirmedOffset, int inFlight,
                                          long confirmationLag, int pending, String lastError) {
}
