package io.lyceum.scheduling;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.platform.DemoDataContributor;
import io.lyceum.scheduling.AvailabilityRules.OverrideInput;
import io.lyceum.scheduling.AvailabilityRules.SettingsInput;
import io.lyceum.scheduling.AvailabilityRules.WindowInput;
import io.lyceum.tenancy.TenantContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo data (order 30, after the catalog's approved profiles): weekly availability, a day off and some extra hours for
 * each of the six demo tutors, set through the same service a tutor uses (validation, open time for the search,
 * events). Bookings in every state are the booking part's contribution.
 */
@Component
class AvailabilityDemoData implements DemoDataContributor {

    private record DemoSchedule(
            String email,
            List<String> days,
            List<String[]> hours,
            List<Integer> lengths,
            int buffer,
            boolean confirm) {}

    private static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

    private static final List<DemoSchedule> SCHEDULES = List.of(
            new DemoSchedule(
                    "priya.raman@lyceum.local",
                    WEEKDAYS,
                    List.<String[]>of(new String[] {"16:00", "20:00"}),
                    List.of(30, 60),
                    10,
                    false),
            new DemoSchedule(
                    "james.oconnor@lyceum.local",
                    List.of("MONDAY", "WEDNESDAY", "FRIDAY"),
                    List.<String[]>of(new String[] {"09:00", "12:00"}, new String[] {"14:00", "18:00"}),
                    List.of(60, 90),
                    15,
                    true),
            new DemoSchedule(
                    "amara.okafor@lyceum.local",
                    List.of("TUESDAY", "THURSDAY", "SUNDAY"),
                    List.<String[]>of(new String[] {"17:00", "21:00"}),
                    List.of(30, 60),
                    0,
                    false),
            new DemoSchedule(
                    "eleanor.hughes@lyceum.local",
                    List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY"),
                    List.<String[]>of(new String[] {"10:00", "15:00"}),
                    List.of(30, 60),
                    5,
                    false),
            new DemoSchedule(
                    "lucia.fernandez@lyceum.local",
                    List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"),
                    List.<String[]>of(new String[] {"18:00", "21:00"}),
                    List.of(30, 45, 60),
                    0,
                    false),
            new DemoSchedule(
                    "hiroshi.tanaka@lyceum.local",
                    List.of("SATURDAY", "SUNDAY"),
                    List.<String[]>of(new String[] {"09:00", "13:00"}, new String[] {"14:00", "17:00"}),
                    List.of(30, 60),
                    10,
                    false));

    private final Availability availability;
    private final JdbcClient jdbc;
    private final Clock clock;

    AvailabilityDemoData(Availability availability, JdbcClient jdbc, Clock clock) {
        this.availability = availability;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "scheduling-availability";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void contribute() {
        var tenant = TenantContext.require();
        LocalDate today = clock.instant().atZone(ZoneId.of("Europe/London")).toLocalDate();
        int n = 0;
        for (DemoSchedule s : SCHEDULES) {
            UUID tutorId = userId(s.email());
            if (tutorId == null) {
                continue;
            }
            List<WindowInput> windows = new ArrayList<>();
            for (String day : s.days()) {
                for (String[] h : s.hours()) {
                    windows.add(new WindowInput(day, h[0], h[1]));
                }
            }
            List<OverrideInput> overrides = List.of(
                    new OverrideInput(today.plusDays(9 + n).toString(), "BLOCKED", null, null, "Day off"),
                    new OverrideInput(today.plusDays(4 + n).toString(), "EXTRA", "07:00", "08:30", "Early slot"));
            availability.replace(
                    new CurrentUser(tutorId, tenant, Role.TUTOR, null),
                    null,
                    new SettingsInput("Europe/London", s.buffer(), 720, 60, s.lengths(), s.confirm()),
                    windows,
                    overrides);
            n++;
        }
    }

    private UUID userId(String email) {
        return jdbc.sql("SELECT id FROM users WHERE tenant_id = :t AND email_normalized = lower(:email)"
                        + " AND role = 'TUTOR'")
                .param("t", TenantContext.require().value())
                .param("email", email)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }
}
