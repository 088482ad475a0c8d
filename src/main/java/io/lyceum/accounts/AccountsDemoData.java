package io.lyceum.accounts;

import io.lyceum.platform.DemoDataContributor;
import io.lyceum.tenancy.TenantContext;
import io.lyceum.tenancy.TenantId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo data (DESIGN.md section 10): the people of the default tenant's demo marketplace, all with verified emails and
 * the documented password {@value #PASSWORD}: an owner, an admin, six tutors across subjects, eight students, a
 * guardian linked to one student and a second guardian whose invitation to another student is pending (its code is
 * in the development outbox). Later modules (catalog, scheduling, ...) find these users by email.
 */
@Component
class AccountsDemoData implements DemoDataContributor {

    static final String PASSWORD = "demo-password-2026";
    static final String GUARDIAN = "demo.guardian@lyceum.local";
    static final String LINKED_STUDENT = "sophie.clarke@lyceum.local";
    static final String PENDING_GUARDIAN = "demo.guardian2@lyceum.local";
    static final String INVITED_STUDENT = "ethan.walsh@lyceum.local";

    /** A demo account; {@code subject} names what a tutor teaches (the catalog module builds the profile). */
    record DemoUser(
            String email,
            String fullName,
            Role role,
            @Nullable String subject) {}

    static final List<DemoUser> USERS = List.of(
            new DemoUser("demo.owner@lyceum.local", "Olivia Bennett", Role.OWNER, null),
            new DemoUser("demo.admin@lyceum.local", "Marcus Webb", Role.ADMIN, null),
            new DemoUser("priya.raman@lyceum.local", "Priya Raman", Role.TUTOR, "Mathematics"),
            new DemoUser("james.oconnor@lyceum.local", "James O'Connor", Role.TUTOR, "Physics"),
            new DemoUser("amara.okafor@lyceum.local", "Amara Okafor", Role.TUTOR, "Chemistry"),
            new DemoUser("eleanor.hughes@lyceum.local", "Eleanor Hughes", Role.TUTOR, "English"),
            new DemoUser("lucia.fernandez@lyceum.local", "Lucía Fernández", Role.TUTOR, "Spanish"),
            new DemoUser("hiroshi.tanaka@lyceum.local", "Hiroshi Tanaka", Role.TUTOR, "Piano"),
            new DemoUser(LINKED_STUDENT, "Sophie Clarke", Role.STUDENT, null),
            new DemoUser(INVITED_STUDENT, "Ethan Walsh", Role.STUDENT, null),
            new DemoUser("aisha.khan@lyceum.local", "Aisha Khan", Role.STUDENT, null),
            new DemoUser("noah.patel@lyceum.local", "Noah Patel", Role.STUDENT, null),
            new DemoUser("mia.rossi@lyceum.local", "Mia Rossi", Role.STUDENT, null),
            new DemoUser("liam.murphy@lyceum.local", "Liam Murphy", Role.STUDENT, null),
            new DemoUser("chloe.dubois@lyceum.local", "Chloé Dubois", Role.STUDENT, null),
            new DemoUser("yusuf.demir@lyceum.local", "Yusuf Demir", Role.STUDENT, null),
            new DemoUser(GUARDIAN, "Helen Clarke", Role.GUARDIAN, null),
            new DemoUser(PENDING_GUARDIAN, "David Walsh", Role.GUARDIAN, null));

    private final AuthService auth;
    private final UserStore users;
    private final GuardianLinks links;
    private final PasswordPolicy policy;
    private final JdbcClient jdbc;

    AccountsDemoData(AuthService auth, UserStore users, GuardianLinks links, PasswordPolicy policy, JdbcClient jdbc) {
        this.auth = auth;
        this.users = users;
        this.links = links;
        this.policy = policy;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void contribute() {
        TenantContext.runAs(TenantId.DEFAULT, () -> {
            // the loader's transaction took its connection before any tenant was bound: bind the default tenant for
            // row-level security until this transaction ends
            jdbc.sql("SELECT set_config('lyceum.tenant_id', :tenant, true)")
                    .param("tenant", TenantId.DEFAULT.toString())
                    .query(String.class)
                    .single();
            for (DemoUser user : USERS) {
                policy.check("password", PASSWORD, user.email());
                auth.createVerified(user.email(), PASSWORD, user.fullName(), user.role());
            }
            var guardian = users.findByEmail(GUARDIAN).orElseThrow();
            var student = users.findByEmail(LINKED_STUDENT).orElseThrow();
            if (!links.mayActFor(guardian.id(), student.id())) {
                links.linkDirectly(guardian.id(), student.id());
            }
            links.invite(users.findByEmail(PENDING_GUARDIAN).orElseThrow().id(), INVITED_STUDENT);
        });
    }
}
