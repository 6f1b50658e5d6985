package dev.sandboxer.ext.podman;

import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.SetupFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Setup files as a tar stream for {@code podman cp - CONTAINER:/}. A stream on stdin needs no temporary
 * copy on the host (setup files may hold credentials) and one call places every file, creating missing
 * parent directories, with the requested modes and root ownership.
 */
final class SetupArchive {
    private static final int BLOCK = 512;

    private SetupArchive() {
    }

    /** Refuses paths a tar cannot carry or that would escape the root, before anything is made. */
    static void check(List<SetupFile> files) {
        for (SetupFile file : files) {
            String path = file.path();
            if (!path.startsWith("/") || path.endsWith("/") || ("/" + path + "/").contains("/../")
                    || ("/" + path + "/").contains("/./") || path.contains("//")) {
                throw new ExtensionException.ProvisionFailed("setup file path '" + path
                        + "' must be an absolute, normalised file path", "", null);
            }
            split(path.substring(1));
        }
    }

    static byte[] of(List<SetupFile> files, long modifiedEpochSeconds) {
        check(files);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SetupFile file : files) {
            byte[] content = file.content();
            out.writeBytes(header(file.path().substring(1), content.length, file.mode(), modifiedEpochSeconds));
            out.writeBytes(content);
            out.writeBytes(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    /** ustar keeps names of up to 100 bytes plus a 155-byte prefix split at a slash. */
    private static String[] split(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 100) {
            return new String[] {"", path};
        }
        for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
            String prefix = path.substring(0, i);
            String name = path.substring(i + 1);
            if (prefix.getBytes(StandardCharsets.UTF_8).length <= 155
                    && name.getBytes(StandardCharsets.UTF_8).length <= 100) {
                return new String[] {prefix, name};
            }
        }
        throw new ExtensionException.ProvisionFailed("setup file path '/" + path + "' is too long (ustar limit)",
                "", null);
    }

    private static byte[] header(String path, long size, int mode, long modified) {
        String[] parts = split(path);
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, parts[1].getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, modified);
        h[156] = '0';
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(h, 265, 32, "root".getBytes(StandardCharsets.US_ASCII));
        put(h, 297, 32, "root".getBytes(StandardCharsets.US_ASCII));
        put(h, 345, 155, parts[0].getBytes(StandardCharsets.UTF_8));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        put(h, 148, 8, checksum);
        return h;
    }

    private static void octal(byte[] h, int at, int width, long value) {
        String digits = String.format("%0" + (width - 1) + "o", value);
        put(h, at, width, (digits + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    private static void put(byte[] h, int at, int width, byte[] value) {
        System.arraycopy(value, 0, h, at, Math.min(width, value.length));
    }
}
