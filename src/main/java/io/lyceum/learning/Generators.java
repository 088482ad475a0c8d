package io.lyceum.learning;

import io.lyceum.shared.FieldError;
import io.lyceum.shared.LyceumException;
import java.util.List;
import org.springframework.stereotype.Component;

/** The generators of this installation, chosen by name. */
@Component
class Generators {

    private final List<CourseGenerator> generators;

    Generators(List<CourseGenerator> generators) {
        this.generators = generators;
    }

    CourseGenerator choose(String name) {
        CourseGenerator generator = generators.stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow(() -> LyceumException.invalid(
                        "course.unknown_generator",
                        "There is no generator called " + name + ".",
                        List.of(new FieldError("preferences.generator", "must be extractive or llm"))));
        if (!generator.available()) {
            throw LyceumException.invalid(
                    "course.generator_unavailable",
                    "The " + name + " generator is not configured on this installation (see docs/learning.md).",
                    List.of(new FieldError("preferences.generator", "is not configured")));
        }
        return generator;
    }
}
