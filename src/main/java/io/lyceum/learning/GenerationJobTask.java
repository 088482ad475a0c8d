package io.lyceum.learning;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The generation job's task on the PostgreSQL scheduler: one instance per course, retried after 10 s on errors. */
@Configuration(proxyBeanMethods = false)
class GenerationJobTask {

    @Bean
    OneTimeTask<Void> courseGenerationTask(GenerationJob job) {
        return Tasks.oneTime(GenerationJob.TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(10)))
                .execute((instance, context) -> job.execute(instance.getId()));
    }
}
