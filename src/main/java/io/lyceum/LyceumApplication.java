package io.lyceum;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Lyceum: one Spring Boot application, one module per top-level package. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(
        systemName = "Lyceum",
        sharedModules = {"shared", "platform"})
public class LyceumApplication {

    public static void main(String[] args) {
        SpringApplication.run(LyceumApplication.class, args);
    }
}
