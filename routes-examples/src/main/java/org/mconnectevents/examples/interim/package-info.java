/**
 * STAND-INS for the building blocks of camel-mconnect-events that the example uses before they ship: each class
 * has the shape of the block it stands for, so that replacing it is one line where the example binds it
 * ({@code ExampleConfiguration}) and the whole package can then be deleted.
 * <ul>
 * <li>{@link org.mconnectevents.examples.interim.InterimOutbox#append} → {@code Outbox.append(entityManagerFactory)};</li>
 * <li>{@link org.mconnectevents.examples.interim.InterimOutboxRelay} → the route template
 * {@code mconnect-events-outbox-relay};</li>
 * <li>{@link org.mconnectevents.examples.interim.InterimIdempotency} → {@code EventKey.eventKey()} and
 * {@code MConnectEventsIdempotency.jpaRepository(entityManagerFactory, transactionManager, processorName)};</li>
 * <li>{@link org.mconnectevents.examples.interim.InterimPersonalDataRecorder} →
 * {@code PersonalDataRecorder.jpa(policy, entityManagerFactory)}.</li>
 * </ul>
 * Their tables are in {@code db/interim-h2.sql}.
 */
package org.mconnectevents.examples.interim;
