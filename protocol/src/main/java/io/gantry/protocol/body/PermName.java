package io.gantry.protocol.body;

/** Permission bits of topics and queue data ({@code perm}). Normal topics have 6; TBW102 has 7. */
public final class PermName {

    public static final int PRIORITY = 8;
    public static final int READ = 4;
    public static final int WRITE = 2;
    /** The topic may serve as a template for auto-created topics. */
    public static final int INHERIT = 1;

    private PermName() {
    }

    public static boolean isReadable(int perm) {
        return (perm & READ) != 0;
    }

    public static boolean isWriteable(int perm) {
        return (perm & WRITE) != 0;
    }

    public static boolean isInherited(int perm) {
        return (perm & INHERIT) != 0;
    }
}
