package io.lyceum.accounts;

import io.lyceum.tenancy.TenancyApi;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds a user's personal-data export from every {@link PersonalDataContributor} bean. */
@Service
class PersonalDataExport {

    static final String FORMAT = "lyceum-personal-data/1";

    private final ObjectProvider<PersonalDataContributor> contributors;
    private final TenancyApi tenancy;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    PersonalDataExport(
            ObjectProvider<PersonalDataContributor> contributors,
            TenancyApi tenancy,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.contributors = contributors;
        this.tenancy = tenancy;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    Map<String, Object> export(CurrentUser user) {
        List<PersonalDataContributor> all = contributors
                .orderedStream()
                .sorted(Comparator.comparing(PersonalDataContributor::section))
                .toList();
        Set<String> seen = new HashSet<>();
        for (PersonalDataContributor contributor : all) {
            if (!seen.add(contributor.section())) {
                throw new IllegalStateException("Two personal-data contributors use the section "
                        + contributor.section() + ": " + contributor.getClass().getName());
            }
        }
        return readOnly.execute(status -> {
            Map<String, Object> sections = new LinkedHashMap<>();
            for (PersonalDataContributor contributor : all) {
                sections.put(
                        contributor.section(), contributor.collect(user.userId().value()));
            }
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("format", FORMAT);
            export.put("exportedAt", clock.instant());
            export.put("userId", user.userId().value());
            export.put("tenant", tenancy.current().slug());
            export.put("sections", sections);
            return export;
        });
    }
}
