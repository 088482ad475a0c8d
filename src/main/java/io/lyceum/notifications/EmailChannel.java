package io.lyceum.notifications;

import io.lyceum.mail.Attachment;
import io.lyceum.scheduling.SchedulingApi;
import io.lyceum.shared.BookingId;
import io.lyceum.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Email deliveries: fetches the files they carry from their owning module, then hands them to the transport. */
@Component
class EmailChannel implements DeliveryChannel {

    private final EmailTransport transport;
    private final SchedulingApi scheduling;

    EmailChannel(EmailTransport transport, SchedulingApi scheduling) {
        this.transport = transport;
        this.scheduling = scheduling;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.EMAIL;
    }

    @Override
    public Delivery.Outcome send(Delivery delivery) {
        List<Attachment> files = new ArrayList<>();
        for (Delivery.AttachmentRef ref : delivery.attachments()) {
            if ("CALENDAR_INVITE".equals(ref.kind())) {
                scheduling
                        .calendarInvite(BookingId.of(ref.bookingId()), UserId.of(ref.userId()))
                        .ifPresent(files::add);
            }
        }
        try {
            String id = transport.send(new EmailMessage(
                    delivery.address(),
                    delivery.subject(),
                    delivery.textBody(),
                    delivery.htmlBody(),
                    files,
                    delivery.unsubscribeUrl(),
                    delivery.id().toString()));
            return Delivery.Outcome.sent(id);
        } catch (EmailTransport.TransportException e) {
            return e.permanent ? Delivery.Outcome.failed(e.getMessage()) : Delivery.Outcome.retry(e.getMessage());
        }
    }
}
