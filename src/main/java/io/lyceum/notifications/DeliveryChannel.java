package io.lyceum.notifications;

/**
 * A way out for queued deliveries. {@link #send} is called with the delivery's tenant bound and no transaction or row
 * lock held (it may call an outside service); it never throws for a provider's failure but answers an outcome.
 */
interface DeliveryChannel {

    NotificationChannel channel();

    Delivery.Outcome send(Delivery delivery);
}
