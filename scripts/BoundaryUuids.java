import java.lang.classfile.*;
import java.lang.classfile.attribute.*;
import java.lang.reflect.AccessFlag;
import java.nio.file.*;
import java.util.*;
import java.util.regex.Pattern;

/**
 * Counts raw UUIDs in module boundary signatures (docs/typed-ids.md): parameters and returns of the public *Api
 * interfaces and components of the public records (nested ones too) in io.lyceum.<module> top packages, read from the
 * compiled classes with the JDK's class-file API (parameter names need -parameters, which the build sets). Lines
 * marked ID are named like a user, tutor, student, booking, order or course pack id: what TypedIdsTests checks.
 * Usage: ./mvnw -q -DskipTests compile && java scripts/BoundaryUuids.java target/classes
 */
public class BoundaryUuids {
    static final Pattern ID = Pattern.compile("(?i).*(user|tutor|student|booking|order|coursePack|pack)Ids?");
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "target/classes").resolve("io/lyceum");
        boolean allInterfaces = args.length > 1 && args[1].equals("all");
        int total = 0, named = 0;
        List<Path> files = new ArrayList<>();
        try (var modules = Files.list(root)) {
            for (Path m : modules.filter(Files::isDirectory).sorted().toList())
                try (var fs = Files.list(m)) { fs.filter(p -> p.toString().endsWith(".class")).sorted().forEach(files::add); }
        }
        for (Path f : files) {
            ClassModel c = ClassFile.of().parse(f);
            String name = c.thisClass().asInternalName();
            String simple = name.substring(name.lastIndexOf('/') + 1);
            String leaf = simple.substring(simple.lastIndexOf('$') + 1);
            if (name.endsWith("package-info") || !c.flags().has(AccessFlag.PUBLIC)) continue;
            if (simple.contains("$") && !outerPublic(f, simple)) continue;
            boolean isApi = c.flags().has(AccessFlag.INTERFACE) && (allInterfaces || leaf.endsWith("Api"));
            var rec = c.findAttribute(Attributes.record());
            List<String[]> positions = new ArrayList<>(); // member, name, type
            if (isApi) {
                for (MethodModel m : c.methods()) {
                    if (!m.flags().has(AccessFlag.PUBLIC) || m.flags().has(AccessFlag.SYNTHETIC) || m.flags().has(AccessFlag.BRIDGE)) continue;
                    String sig = m.findAttribute(Attributes.signature()).map(s -> s.signature().stringValue()).orElse(m.methodType().stringValue());
                    MethodSignature ms = MethodSignature.parseFrom(sig);
                    var names = m.findAttribute(Attributes.methodParameters()).map(a -> a.parameters().stream().map(p -> p.name().map(n -> n.stringValue()).orElse("?")).toList()).orElse(List.of());
                    var ps = ms.arguments();
                    for (int i = 0; i < ps.size(); i++) {
                        String pn = i < names.size() ? names.get(i) : "arg" + i;
                        positions.add(new String[] {m.methodName().stringValue() + "(" + pn + ")", pn, ps.get(i).signatureString()});
                    }
                    positions.add(new String[] {m.methodName().stringValue() + " returns", m.methodName().stringValue(), ms.result().signatureString()});
                }
            }
            if (rec.isPresent()) {
                for (RecordComponentInfo rc : rec.get().components()) {
                    String sig = rc.findAttribute(Attributes.signature()).map(s -> s.signature().stringValue()).orElse(rc.descriptor().stringValue());
                    positions.add(new String[] {"component " + rc.name().stringValue(), rc.name().stringValue(), sig});
                }
            }
            for (String[] p : positions) {
                if (!p[2].contains("Ljava/util/UUID;")) continue;
                total++;
                boolean n = ID.matcher(p[1]).matches() && !p[0].endsWith(" returns");
                if (n) named++;
                System.out.println((n ? "ID  " : "    ") + name.replace('/', '.') + " " + p[0] + " : " + p[2]);
            }
        }
        System.out.println("raw UUID positions: " + total + ", of which named like a user/tutor/student/booking/order/pack id: " + named);
    }
    static boolean outerPublic(Path f, String simple) throws Exception {
        String outer = simple.substring(0, simple.lastIndexOf('$'));
        ClassModel o = ClassFile.of().parse(f.resolveSibling(outer + ".class"));
        return o.flags().has(AccessFlag.PUBLIC) && (!outer.contains("$") || outerPublic(f.resolveSibling(outer + ".class"), outer));
    }
}
