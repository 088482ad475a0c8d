package io.lyceum.notifications;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SMS and voice deliveries, both through the {@link PhoneGateway}. */
@Configuration(proxyBeanMethods = false)
class PhoneChannels {

    @Bean
    DeliveryChannel smsChannel(PhoneGateway gateway) {
        return new DeliveryChannel() {
            @Override
            public NotificationChannel channel() {
                return NotificationChannel.SMS;
            }

            @Override
            public Delivery.Outcome send(Delivery delivery) {
                return gateway.sendSms(delivery);
            }
        };
    }

    @Bean
    DeliveryChannel voiceChannel(PhoneGateway gateway) {
        return new DeliveryChannel() {
            @Override
            public NotificationChannel channel() {
                return NotificationChannel.VOICE;
            }

            @Override
            public Delivery.Outcome send(Delivery delivery) {
                return gateway.placeCall(delivery);
            }
        };
    }
}
