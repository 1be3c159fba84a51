import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step after ProGuard (run as a single-file program by the functions module's package phase): drops the AWS
 * SDK service classes (software/amazon/awssdk/services/**) that no kept class refers to. ProGuard's shrinker keeps
 * the model classes of every operation, called or not: each implements SDK interfaces whose methods Berth's calls use
 * (SdkPojo.sdkFields, ToCopyableBuilder.toBuilder), and it keeps implementations in every class it cannot prove
 * unused, which the models' cycles (request to builder and back) defeat. Once ProGuard has removed the operations
 * themselves, nothing refers to those models, so the JVM can never load them.
 *
 * <p>What counts as a reference, from every class outside the service packages and every service class reached:
 * the class's used constant pool (rebuilt, as ProGuard leaves entries of removed members behind): class references,
 * descriptors, signatures, string constants; the types in its stack maps (the verifier may load those); and every
 * class-like name spelled out in a resource (META-INF/services, execution.interceptors). Not the InnerClasses
 * attribute: it lists every nested class the source mentioned, and the JVM reads it only for reflection on nesting.
 * Everything outside the service packages, and every resource, is copied as it is.
 *
 * <p>Usage: {@code java PruneUnreferencedModels.java in.jar out.jar}
 */
public final class PruneUnreferencedModels {

    private static final String PRUNED = "software/amazon/awssdk/services/";
    private static final String SHRUNK = "software/amazon/awssdk/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:[/.][A-Za-z_$][\\w$]*)+");

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(in.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (entry.getName().endsWith(".class")) {
                    try (InputStream bytes = zip.getInputStream(entry)) {
                        classes.put(entry.getName().substring(0, entry.getName().length() - 6), bytes.readAllBytes());
                    }
                }
            }
            Set<String> reached = new HashSet<>();
            ArrayDeque<String> todo = new ArrayDeque<>();
            classes.keySet().stream().filter(name -> !name.startsWith(PRUNED)).forEach(todo::add);
            // Names spelled out in resources (META-INF/services, execution.interceptors) are roots too.
            for (ZipEntry entry : zip.stream().toList()) {
                if (!entry.isDirectory() && !entry.getName().endsWith(".class")) {
                    try (InputStream bytes = zip.getInputStream(entry)) {
                        names(new String(bytes.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1), todo);
                    }
                }
            }
            while (!todo.isEmpty()) {
                String name = todo.pop();
                if (!classes.containsKey(name) || !reached.add(name)) {
                    continue;
                }
                // Rewritten into a new constant pool: the shrinker leaves entries of the members it removed behind.
                ClassModel original = ClassFile.of().parse(classes.get(name));
                // The InnerClasses attribute is left out: it names every nested class the original source mentioned,
                // and the JVM reads it only for reflection on nesting, which nothing does with SDK models.
                // Stack maps are dropped from the copy (rebuilding them needs the class hierarchy), and their types
                // taken from the original instead: the verifier may load those.
                // Only the SDK was shrunk; the classes ProGuard kept whole (Berth, Jackson, ...) keep exact pools.
                ClassModel model = !name.startsWith(SHRUNK) ? original
                        : ClassFile.of().parse(ClassFile.of(ClassFile.ConstantPoolSharingOption.NEW_POOL,
                        ClassFile.StackMapsOption.DROP_STACK_MAPS).transformClass(original, java.lang.classfile.ClassTransform.dropping(
                                element -> element instanceof java.lang.classfile.attribute.InnerClassesAttribute)));
                for (var method : original.methods()) {
                    method.code().flatMap(code -> code.findAttribute(java.lang.classfile.Attributes.stackMapTable())).ifPresent(table ->
                            table.entries().forEach(frame -> java.util.stream.Stream.concat(frame.locals().stream(), frame.stack().stream())
                                    .filter(type -> type instanceof java.lang.classfile.attribute.StackMapFrameInfo.ObjectVerificationTypeInfo)
                                    .map(type -> ((java.lang.classfile.attribute.StackMapFrameInfo.ObjectVerificationTypeInfo) type)
                                            .className().asInternalName().replaceAll("^\\[+L|;$", ""))
                                    .forEach(todo::add)));
                }
                for (PoolEntry entry : model.constantPool()) {
                    switch (entry) {
                        case ClassEntry c -> todo.add(c.asInternalName().replaceAll("^\\[+L|;$", ""));
                        case Utf8Entry u -> names(u.stringValue(), todo);
                        case StringEntry s -> names(s.stringValue(), todo);
                        default -> { }
                    }
                }
            }
            int dropped = 0;
            long droppedBytes = 0;
            try (ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(out))) {
                for (ZipEntry entry : zip.stream().toList()) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && name.startsWith(PRUNED) && !reached.contains(name.substring(0, name.length() - 6))) {
                        dropped++;
                        droppedBytes += entry.getCompressedSize();
                        continue;
                    }
                    zipOut.putNextEntry(new ZipEntry(name));
                    try (InputStream bytes = zip.getInputStream(entry)) {
                        bytes.transferTo(zipOut);
                    }
                    zipOut.closeEntry();
                }
            }
            System.out.printf("PruneUnreferencedModels: dropped %d unreferenced service classes (%.1f MB compressed)%n",
                    dropped, droppedBytes / 1e6);
        }
    }

    /** Every class-like name in {@code text}, in internal form: descriptors, signatures and dotted names alike. */
    private static void names(String text, ArrayDeque<String> todo) {
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            todo.add(m.group().replace('.', '/'));
        }
    }
}
