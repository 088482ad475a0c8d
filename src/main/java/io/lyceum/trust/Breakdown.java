package io.lyceum.trust;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A score and the components it is made of. Each component has a value in [0, 1] and a weight; the score is
 * {@code round(100 × Σ weight × value / Σ weight)}, and a component's {@code points} are its share of that.
 */
record Breakdown(int score, List<Component> components) {

    /**
     * One input of a score.
     *
     * @param name a stable name such as {@code reviews}
     * @param weight the configured weight
     * @param value how well the subject does on it, 0–1
     * @param points what it adds to the score ({@code 100 × weight × value / Σ weight}, two decimals)
     * @param maxPoints what it would add at value 1
     * @param detail the facts it was computed from, in words
     * @param hint what would raise it; null when it is at its best
     */
    record Component(
            String name,
            int weight,
            BigDecimal value,
            BigDecimal points,
            BigDecimal maxPoints,
            String detail,
            @Nullable String hint) {}

    /** A component before weighing: name, value (clamped to [0, 1]), facts and hint. */
    record Part(String name, int weight, double value, String detail, String hint) {}

    static Breakdown of(List<Part> parts) {
        int total = parts.stream().mapToInt(Part::weight).sum();
        double sum = 0;
        List<Component> components = new java.util.ArrayList<>();
        for (Part part : parts) {
            double value = Math.max(0, Math.min(1, part.value()));
            double max = total == 0 ? 0 : 100.0 * part.weight() / total;
            sum += max * value;
            components.add(new Component(
                    part.name(),
                    part.weight(),
                    BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP),
                    BigDecimal.valueOf(max * value).setScale(2, RoundingMode.HALF_UP),
                    BigDecimal.valueOf(max).setScale(2, RoundingMode.HALF_UP),
                    part.detail(),
                    value >= 1 ? null : part.hint()));
        }
        return new Breakdown((int) Math.round(sum), List.copyOf(components));
    }
}
