package io.lyceum;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyceum.accounts.CurrentUser;
import io.lyceum.shared.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A typed id handed to an {@code Object} parameter compiles, and fails only at run time: {@code JdbcClient}'s
 * {@code param(...)} passes it on to the JDBC driver, which does not know the type (docs/typed-ids.md). This reads the
 * compiled main classes with the JDK's class-file API and fails for a {@code param} call whose value comes straight
 * from an expression of a typed id type: a method or record accessor returning one ({@code user.userId()}), a field or
 * local variable declared as one, or a cast to one. Unwrap with {@code .value()}.
 */
class TypedIdsBytecodeTests {

    /** The shared kernel's ids ({@code UserId}, {@code BookingId}...) and the tenant's. */
    private static final Pattern TYPED_ID = Pattern.compile("Lio/lyceum/(shared/\\w+Id|tenancy/TenantId);");

    private static final String STATEMENT_SPEC = "org/springframework/jdbc/core/simple/JdbcClient$StatementSpec";

    @Test
    void mainCodeHandsJdbcParametersNoTypedIds() throws IOException {
        Path root = mainClasses();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                found.addAll(typedIdsPassedToParam(ClassFile.of().parse(file)));
            }
        }
        assertThat(found)
                .as("typed ids passed to JdbcClient param(...): unwrap them with .value()")
                .isEmpty();
    }

    @Test
    void theCheckSeesATypedIdPassedToParam() {
        assertThat(typedIdsPassedToParam(classModelOf(Planted.class)))
                .hasSize(4)
                .anyMatch(call -> call.contains("param(String, Object) given io/lyceum/shared/UserId"))
                .anyMatch(call -> call.contains("param(Object) given io/lyceum/tenancy/TenantId"))
                .anyMatch(call -> call.contains("param(int, Object) given io/lyceum/shared/UserId"))
                .anyMatch(call -> call.contains("param(String, Object) given io/lyceum/shared/BookingId"));
    }

    /** What the check finds, compiled and never run; the unwrapped values are what it lets through. */
    private static final class Planted {
        static void typedIds(JdbcClient jdbc, CurrentUser user, UserId student, Object booking) {
            jdbc.sql("SELECT :x")
                    .param("x", user.userId())
                    .param(user.tenantId())
                    .param(1, student)
                    .param("b", (io.lyceum.shared.BookingId) booking)
                    .param("fine", user.userId().value())
                    .param(student.value())
                    .param(2, "text")
                    .query();
        }
    }

    /** The param calls of one class whose value is an expression of a typed id type. */
    static List<String> typedIdsPassedToParam(ClassModel type) {
        List<String> found = new ArrayList<>();
        for (MethodModel method : type.methods()) {
            method.findAttribute(Attributes.code())
                    .ifPresent(code -> found.addAll(typedIdsPassedToParam(type, method, code)));
        }
        return found;
    }

    private static List<String> typedIdsPassedToParam(ClassModel type, MethodModel method, CodeAttribute code) {
        List<String> found = new ArrayList<>();
        int line = -1;
        int offset = 0;
        @Nullable Instruction previous = null;
        int previousOffset = -1;
        for (CodeElement element : code.elementList()) {
            if (element instanceof LineNumber number) line = number.line();
            if (!(element instanceof Instruction instruction)) continue;
            if (previous != null && isParamWithObjectValue(instruction)) {
                String typedId = typedIdProducedBy(previous, previousOffset, code);
                if (typedId != null) {
                    found.add(type.thisClass().asInternalName() + "." + method.methodName() + " (line " + line + "): "
                            + describe((InvokeInstruction) instruction) + " given " + typedId);
                }
            }
            previous = instruction;
            previousOffset = offset;
            offset += instruction.sizeInBytes();
        }
        return found;
    }

    /** {@code param(Object)}, {@code param(int, Object)}, {@code param(String, Object)}: the value comes last. */
    private static boolean isParamWithObjectValue(Instruction instruction) {
        return instruction instanceof InvokeInstruction call
                && call.owner().asInternalName().equals(STATEMENT_SPEC)
                && call.name().equalsString("param")
                && call.typeSymbol()
                        .parameterList()
                        .getLast()
                        .descriptorString()
                        .equals("Ljava/lang/Object;");
    }

    /** The typed id type (internal name) of the value {@code instruction} leaves on the stack, or null. */
    private static @Nullable String typedIdProducedBy(Instruction instruction, int offset, CodeAttribute code) {
        String descriptor =
                switch (instruction) {
                    case InvokeInstruction call ->
                        call.typeSymbol().returnType().descriptorString();
                    case FieldInstruction field
                    when field.opcode() == Opcode.GETFIELD || field.opcode() == Opcode.GETSTATIC ->
                        field.typeSymbol().descriptorString();
                    case TypeCheckInstruction cast
                    when cast.opcode() == Opcode.CHECKCAST ->
                        cast.type().asSymbol().descriptorString();
                    case LoadInstruction load -> localType(load.slot(), offset, code);
                    default -> null;
                };
        if (descriptor == null || !TYPED_ID.matcher(descriptor).matches()) return null;
        return descriptor.substring(1, descriptor.length() - 1);
    }

    /** The declared type of the local variable in {@code slot} at {@code offset} (javac's -g debug table). */
    private static @Nullable String localType(int slot, int offset, CodeAttribute code) {
        return code.findAttribute(Attributes.localVariableTable()).stream()
                .flatMap(table -> table.localVariables().stream())
                .filter(local ->
                        local.slot() == slot && local.startPc() <= offset && offset < local.startPc() + local.length())
                .map(local -> local.type().stringValue())
                .findFirst()
                .orElse(null);
    }

    private static String describe(InvokeInstruction call) {
        return "param("
                + String.join(
                        ", ",
                        call.typeSymbol().parameterList().stream()
                                .map(p -> p.displayName())
                                .toList())
                + ")";
    }

    private static Path mainClasses() {
        try {
            return Path.of(LyceumApplication.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClassModel classModelOf(Class<?> type) {
        String file = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream bytes = Objects.requireNonNull(type.getResourceAsStream(file), file)) {
            return ClassFile.of().parse(bytes.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
