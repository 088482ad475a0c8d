package io.lyceum;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure of DESIGN.md section 1 holds, and its documentation is regenerated. */
class ModularityTests {

    // read once for both tests: JUnit makes an instance per test, and analysing the classes takes seconds
    private static final ApplicationModules modules = ApplicationModules.of(LyceumApplication.class);

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        modules.verify();
    }

    /**
     * The overview diagram (modules and their dependencies), one canvas per module (its API, the events it publishes
     * and listens to) and the document that gathers them. A diagram per module takes twice as long as all of those
     * together, so it is written on request: {@code -Dlyceum.module-diagrams=true}.
     */
    @Test
    void writesModuleDocumentation() {
        var documenter = new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml()
                .writeModuleCanvases();
        if (Boolean.getBoolean("lyceum.module-diagrams")) {
            documenter.writeIndividualModulesAsPlantUml();
        }
        documenter.writeAggregatingDocument();
    }
}
