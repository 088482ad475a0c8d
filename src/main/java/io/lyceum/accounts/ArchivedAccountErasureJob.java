package io.lyceum.accounts;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Daily at 03:30 UTC: erase the personal data of accounts archived more than 30 days ago. */
@Configuration(proxyBeanMethods = false)
class ArchivedAccountErasureJob {

    static final String NAME = "archived-account-erasure";
    private static final Logger log = LoggerFactory.getLogger(ArchivedAccountErasureJob.class);

    @Bean
    RecurringTask<Void> archivedAccountErasure(ArchivedAccountEraser eraser) {
        return Tasks.recurring(NAME, Schedules.daily(ZoneOffset.UTC, LocalTime.of(3, 30)))
                .execute((instance, context) -> {
                    int erased = eraser.eraseExpired();
                    if (erased > 0) {
                        log.info("Erased {} archived accounts", erased);
                    }
                });
    }
}
