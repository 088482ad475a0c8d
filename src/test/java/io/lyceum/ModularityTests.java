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

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases()
                .writeAggregatingDocument();
    }
}
