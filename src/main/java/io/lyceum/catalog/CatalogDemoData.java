package io.lyceum.catalog;

import static io.lyceum.catalog.Level.ADULT;
import static io.lyceum.catalog.Level.A_LEVEL;
import static io.lyceum.catalog.Level.GCSE;
import static io.lyceum.catalog.Level.IB;
import static io.lyceum.catalog.Level.PRIMARY;
import static io.lyceum.catalog.Level.UNIVERSITY;

import io.lyceum.accounts.AccountsApi;
import io.lyceum.accounts.CurrentUser;
import io.lyceum.accounts.Role;
import io.lyceum.catalog.ProfileDocument.About;
import io.lyceum.catalog.ProfileDocument.Certification;
import io.lyceum.catalog.ProfileDocument.Education;
import io.lyceum.catalog.ProfileDocument.Pricing;
import io.lyceum.catalog.ProfileDocument.SubjectOffer;
import io.lyceum.catalog.ProfileDocument.Teaching;
import io.lyceum.catalog.ProfileDocument.TeachingMode;
import io.lyceum.platform.DemoDataContributor;
import io.lyceum.shared.Money;
import io.lyceum.shared.UserId;
import io.lyceum.tenancy.TenantContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Demo data (order 20, after the accounts' people): four categories, ten subjects with levels, and complete APPROVED
 * profiles for the six demo tutors, built through the catalog's own services (validation, history rows and events as
 * for a real tutor who fills in the profile, submits it and is approved by the demo admin).
 */
@Component
class CatalogDemoData implements DemoDataContributor {

    static final String ADMIN = "demo.admin@lyceum.local";

    private record DemoSubject(String name, String category, List<Level> levels) {}

    private record Offer(String subject, Level level, long pence) {}

    private record DemoTutor(
            String email,
            String headline,
            String bio,
            List<Offer> offers,
            long trial,
            List<String> languages,
            TeachingMode mode,
            @Nullable String area,
            List<Certification> certifications,
            List<Education> education) {}

    private static final List<String> CATEGORIES =
            List.of("Mathematics & Sciences", "Languages", "Music", "Humanities");

    private static final List<DemoSubject> SUBJECTS = List.of(
            new DemoSubject("Mathematics", "Mathematics & Sciences", List.of(PRIMARY, GCSE, A_LEVEL, IB, UNIVERSITY)),
            new DemoSubject("Physics", "Mathematics & Sciences", List.of(GCSE, A_LEVEL, IB, UNIVERSITY)),
            new DemoSubject("Chemistry", "Mathematics & Sciences", List.of(GCSE, A_LEVEL, IB, UNIVERSITY)),
            new DemoSubject("Biology", "Mathematics & Sciences", List.of(GCSE, A_LEVEL, IB)),
            new DemoSubject("English", "Languages", List.of(PRIMARY, GCSE, A_LEVEL, ADULT)),
            new DemoSubject("Spanish", "Languages", List.of(GCSE, A_LEVEL, ADULT)),
            new DemoSubject("French", "Languages", List.of(GCSE, A_LEVEL, ADULT)),
            new DemoSubject("Piano", "Music", List.of(PRIMARY, GCSE, ADULT)),
            new DemoSubject("Guitar", "Music", List.of(PRIMARY, ADULT)),
            new DemoSubject("History", "Humanities", List.of(GCSE, A_LEVEL, IB)));

    static final List<DemoTutor> TUTORS = List.of(
            new DemoTutor(
                    "priya.raman@lyceum.local",
                    "Maths tutor: GCSE to university, calm and structured",
                    "I studied mathematics at Cambridge and have taught for nine years, in schools and one to one. "
                            + "I break problems into small steps, find the gap behind a wrong answer and set short "
                            + "practice between lessons. Many of my students move up two grades.",
                    List.of(
                            new Offer("Mathematics", GCSE, 3500),
                            new Offer("Mathematics", A_LEVEL, 4200),
                            new Offer("Mathematics", UNIVERSITY, 5000),
                            new Offer("Physics", GCSE, 3500)),
                    1000,
                    List.of("en", "hi"),
                    TeachingMode.BOTH,
                    "Cambridge and surroundings",
                    List.of(new Certification("PGCE Secondary Mathematics", "University of Cambridge", 2016, null)),
                    List.of(new Education("University of Cambridge", "BA", "Mathematics", 2011, 2014))),
            new DemoTutor(
                    "james.oconnor@lyceum.local",
                    "Physics explained with experiments you can do at home",
                    "Former research physicist, now a full-time tutor. I teach GCSE, A-level and IB physics with a "
                            + "focus on understanding rather than memorising formulas, and I help with the maths "
                            + "physics needs along the way.",
                    List.of(
                            new Offer("Physics", GCSE, 3800),
                            new Offer("Physics", A_LEVEL, 4500),
                            new Offer("Physics", IB, 4800),
                            new Offer("Mathematics", GCSE, 3500)),
                    1500,
                    List.of("en", "ga"),
                    TeachingMode.ONLINE,
                    null,
                    List.of(),
                    List.of(new Education("Trinity College Dublin", "PhD", "Physics", 2008, 2012))),
            new DemoTutor(
                    "amara.okafor@lyceum.local",
                    "Chemistry and biology tutor, A-level examiner",
                    "I mark A-level chemistry papers every summer, so I know exactly what examiners look for. "
                            + "Lessons mix clear explanations, past-paper practice and exam technique for chemistry "
                            + "and biology.",
                    List.of(
                            new Offer("Chemistry", GCSE, 3600),
                            new Offer("Chemistry", A_LEVEL, 4400),
                            new Offer("Biology", GCSE, 3600),
                            new Offer("Biology", A_LEVEL, 4400)),
                    0,
                    List.of("en", "yo"),
                    TeachingMode.BOTH,
                    "South London",
                    List.of(new Certification("A-level Chemistry examiner", "AQA", 2019, null)),
                    List.of(new Education("Imperial College London", "MSci", "Chemistry", 2010, 2014))),
            new DemoTutor(
                    "eleanor.hughes@lyceum.local",
                    "English literature and language, GCSE to adult learners",
                    "Twelve years as a secondary English teacher and head of department. I help students write "
                            + "with confidence, read closely and plan essays under time pressure. I also teach "
                            + "history at GCSE and A-level.",
                    List.of(
                            new Offer("English", GCSE, 3400),
                            new Offer("English", A_LEVEL, 4000),
                            new Offer("English", ADULT, 4000),
                            new Offer("History", GCSE, 3400)),
                    1000,
                    List.of("en"),
                    TeachingMode.IN_PERSON,
                    "Oxford",
                    List.of(new Certification("Qualified Teacher Status", "Department for Education", 2012, null)),
                    List.of(new Education(
                            "University of Oxford", "BA", "English Language and Literature", 2008, 2011))),
            new DemoTutor(
                    "lucia.fernandez@lyceum.local",
                    "Native Spanish speaker: conversation, GCSE and A-level",
                    "Soy de Sevilla. I have taught Spanish in London for eight years, from complete beginners to "
                            + "A-level and adults preparing to move abroad. Conversation from the first lesson, with "
                            + "grammar where it helps. I also teach French up to A-level.",
                    List.of(
                            new Offer("Spanish", GCSE, 3200),
                            new Offer("Spanish", A_LEVEL, 3800),
                            new Offer("Spanish", ADULT, 3500),
                            new Offer("French", GCSE, 3200)),
                    800,
                    List.of("es", "en", "fr"),
                    TeachingMode.ONLINE,
                    null,
                    List.of(new Certification("DELE examiner accreditation", "Instituto Cervantes", 2018, null)),
                    List.of(new Education(
                            "Universidad de Sevilla", "Licenciatura", "Filología Hispánica", 2006, 2011))),
            new DemoTutor(
                    "hiroshi.tanaka@lyceum.local",
                    "Piano and guitar lessons for all ages and grades",
                    "Concert pianist and teacher. I prepare students for ABRSM grades 1 to 8 and teach adults who "
                            + "want to play for pleasure. Guitar lessons for beginners too. Lessons are patient, "
                            + "structured and fun.",
                    List.of(
                            new Offer("Piano", PRIMARY, 3000),
                            new Offer("Piano", GCSE, 3500),
                            new Offer("Piano", ADULT, 4000),
                            new Offer("Guitar", ADULT, 3500)),
                    0,
                    List.of("en", "ja"),
                    TeachingMode.BOTH,
                    "Manchester city centre",
                    List.of(new Certification("LRSM Piano Teaching", "ABRSM", 2015, null)),
                    List.of(new Education(
                            "Royal Northern College of Music", "MMus", "Piano Performance", 2010, 2012))));

    private final SubjectCatalog catalog;
    private final TutorProfiles profiles;
    private final CoursePacks packs;
    private final AccountsApi accounts;

    CatalogDemoData(SubjectCatalog catalog, TutorProfiles profiles, CoursePacks packs, AccountsApi accounts) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.packs = packs;
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void contribute() {
        var tenant = TenantContext.require();
        Map<String, UUID> categories = new HashMap<>();
        for (int i = 0; i < CATEGORIES.size(); i++) {
            String name = CATEGORIES.get(i);
            categories.put(name, catalog.createCategory(name, null, i + 1).id());
        }
        Map<String, UUID> subjects = new HashMap<>();
        for (DemoSubject s : SUBJECTS) {
            subjects.put(
                    s.name(),
                    catalog.createSubject(created(categories, s.category()), s.name(), s.levels(), true)
                            .id());
        }
        var admin = new CurrentUser(UserId.of(userId(ADMIN)), tenant, Role.ADMIN, null);
        for (DemoTutor t : TUTORS) {
            var tutor = new CurrentUser(UserId.of(userId(t.email())), tenant, Role.TUTOR, null);
            profiles.updateAbout(tutor, new About(t.headline(), t.bio()));
            List<SubjectOffer> offers = new ArrayList<>();
            for (Offer o : t.offers()) {
                offers.add(new SubjectOffer(created(subjects, o.subject()), o.level(), Money.of(o.pence(), "GBP")));
            }
            profiles.updateSubjects(tutor, offers);
            profiles.updatePricing(tutor, new Pricing("GBP", List.of(30, 60), Money.of(t.trial(), "GBP")));
            profiles.updateLanguages(tutor, t.languages());
            profiles.updateTeaching(tutor, new Teaching(t.mode(), t.area(), "Europe/London", null));
            profiles.updateCertifications(tutor, t.certifications());
            profiles.updateEducation(tutor, t.education());
            profiles.submit(tutor);
            profiles.approve(admin, tutor.userId().value());
        }
        coursePack(new CurrentUser(UserId.of(userId(TUTORS.getFirst().email())), tenant, Role.TUTOR, null), categories);
    }

    /** A published GCSE maths pack of the first demo tutor with three ordered link and video materials. */
    private void coursePack(CurrentUser tutor, Map<String, UUID> categories) {
        var pack = packs.create(
                tutor,
                new CoursePackStore.PackFields(
                        "GCSE Maths: exam sprint",
                        "Eight focused lessons before the GCSE exams: algebra, geometry, statistics and two timed "
                                + "past papers marked together. Short practice sets between lessons.",
                        created(categories, "Mathematics & Sciences"),
                        GCSE,
                        28_000,
                        "GBP",
                        8,
                        60,
                        SchedulingType.FLEXIBLE,
                        List.of(),
                        true,
                        90));
        packs.addLink(
                tutor,
                pack.id(),
                MaterialKind.LINK,
                "Course plan and syllabus map",
                "What we cover in each lesson, mapped to the exam board's specification.",
                "https://www.aqa.org.uk/subjects/mathematics/gcse/mathematics-8300");
        packs.addLink(
                tutor,
                pack.id(),
                MaterialKind.VIDEO,
                "Warm-up: solving linear equations",
                "A ten-minute refresher to watch before the first lesson.",
                "https://www.youtube.com/watch?v=9DxrF6Ttws4");
        packs.addLink(
                tutor,
                pack.id(),
                MaterialKind.LINK,
                "Past papers",
                "The papers we work through in lessons 7 and 8.",
                "https://www.aqa.org.uk/find-past-papers-and-mark-schemes");
        packs.publish(tutor, pack.id(), true, null);
    }

    /** The id of a demo category or subject created above (every demo entry names one that exists). */
    private static UUID created(Map<String, UUID> ids, String name) {
        return Objects.requireNonNull(ids.get(name), () -> "no demo category or subject " + name);
    }

    private UUID userId(String email) {
        return accounts.findUserByEmail(email)
                .orElseThrow(() -> new IllegalStateException("No demo user " + email))
                .id();
    }
}
