package org.mconnectevents.camel.compat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes, methods and fields that one class file refers to, read from its constant pool (JVMS 4.4): what the
 * JVM resolves when the code runs, whichever path runs. Read by hand, to need no bytecode library on the class path.
 */
final class ClassFileReferences {

    /** What a reference names: a class, or a member of {@code owner} with its JVM descriptor. */
    enum Kind {
        CLASS, METHOD, FIELD
    }

    /** One reference; {@code owner} is a binary name with slashes ({@code org/apache/camel/Exchange}). */
    record Reference(Kind kind, String owner, String name, String descriptor) {

        @Override
        public String toString() {
            return kind == Kind.CLASS ? owner : owner + "." + name + descriptor;
        }
    }

    private static final int UTF8 = 1;
    private static final int CLASS = 7;
    private static final int FIELD_REF = 9;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;

    private ClassFileReferences() {
    }

    /** The references of a class file's constant pool. */
    static List<Reference> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();   // minor version
        in.readUnsignedShort();   // major version
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int index = 1; index < count; index++) {
            tags[index] = in.readUnsignedByte();
            if (readEntry(in, tags[index], index, utf8, first, second)) {
                index++;   // a long or a double takes two entries
            }
        }
        return references(tags, utf8, first, second);
    }

    /** Reads one entry; true when it is a long or a double. */
    private static boolean readEntry(DataInputStream in, int tag, int index, String[] utf8, int[] first, int[] second) throws IOException {
        switch (tag) {
            case UTF8 -> utf8[index] = in.readUTF();
            case CLASS, 8, 16, 19, 20 -> first[index] = in.readUnsignedShort();   // class, string, method type, module, package
            case FIELD_REF, METHOD_REF, INTERFACE_METHOD_REF, NAME_AND_TYPE, 17, 18 -> {   // ... dynamic, invokedynamic
                first[index] = in.readUnsignedShort();
                second[index] = in.readUnsignedShort();
            }
            case 3, 4 -> in.readInt();   // integer, float
            case 5, 6 -> {   // long, double
                in.readLong();
                return true;
            }
            case 15 -> {   // method handle: kind, then a member reference read as its own entry
                in.readUnsignedByte();
                in.readUnsignedShort();
            }
            default -> throw new IOException("unknown constant pool tag " + tag + " at " + index);
        }
        return false;
    }

    private static List<Reference> references(int[] tags, String[] utf8, int[] first, int[] second) {
        List<Reference> references = new ArrayList<>();
        for (int index = 1; index < tags.length; index++) {
            switch (tags[index]) {
                case CLASS -> references.add(new Reference(Kind.CLASS, elementType(utf8[first[index]]), null, null));
                case FIELD_REF, METHOD_REF, INTERFACE_METHOD_REF -> {
                    String owner = utf8[first[first[index]]];
                    int nameAndType = second[index];
                    Kind kind = tags[index] == FIELD_REF ? Kind.FIELD : Kind.METHOD;
                    references.add(new Reference(kind, owner, utf8[first[nameAndType]], utf8[second[nameAndType]]));
                }
                default -> {
                    // other entries name no class or member
                }
            }
        }
        return references;
    }

    /** An array class entry ({@code [Lorg/apache/camel/Exchange;}) refers to its element class. */
    private static String elementType(String className) {
        if (!className.startsWith("[")) {
            return className;
        }
        String element = className.replaceFirst("^\\[+", "");
        return element.startsWith("L") ? element.substring(1, element.length() - 1) : element;
    }
}
