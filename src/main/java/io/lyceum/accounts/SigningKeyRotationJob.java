package io.lyceum.accounts;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hourly: rotate the signing key when it is older than the rotation period, and drop keys no token can use. */
@Configuration(proxyBeanMethods = false)
class SigningKeyRotationJob {

    @Bean
    RecurringTask<Void> signingKeyMaintenance(SigningKeys keys, AuthProperties properties) {
        return Tasks.recurring("signing-key-maintenance", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> keys.maintain(
                        properties.signingKeyRotation(),
                        properties.accessTokenTtl().plusHours(1)));
    }
}
