package io.lyceum.notifications;

/**
 * The telephone provider as the SMS and voice channels use it: send a text, place a call. Called with no transaction
 * open; the delivery's id is the provider's reference, so its later status reports find the delivery.
 */
interface PhoneGateway {

    Delivery.Outcome sendSms(Delivery delivery);

    Delivery.Outcome placeCall(Delivery delivery);
}
