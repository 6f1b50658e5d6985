package dev.sandboxer.spi;

import java.util.Arrays;

/**
 * A file placed in the sandbox before the workload starts.
 *
 * @param path    absolute path inside the sandbox
 * @param content the bytes
 * @param mode    POSIX mode, e.g. {@code 0644}
 */
public record SetupFile(String path, byte[] content, int mode) {
    public SetupFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetupFile f && f.path.equals(path) && f.mode == mode && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "SetupFile[" + path + ", " + content.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
    }
}
