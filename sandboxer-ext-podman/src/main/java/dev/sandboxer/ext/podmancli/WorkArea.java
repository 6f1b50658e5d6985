package dev.sandboxer.ext.podmancli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandboxer.spi.ExtensionException;
import dev.sandboxer.spi.OwnedResource;
import dev.sandboxer.spi.Owner;
import dev.sandboxer.spi.OwnershipLabels;
import dev.sandboxer.spi.transport.Command;
import dev.sandboxer.spi.transport.CommandResult;
import dev.sandboxer.spi.transport.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-sandbox directories on the backend host, under the extension's work dir, mode 0700: compose files,
 * setup files (never secrets). Each holds a {@code labels.json} with the sandbox's ownership
 * labels, so a directory left by a crash is found like any other owned resource.
 */
public final class WorkArea {
    public static final String KIND = "directory";
    private static final String LABELS_FILE = "labels.json";

    private final Transport transport;
    private final String root;

    /** @param workDir the extension's own directory ({@code ExtensionContext.workDir()}), already per extension */
    public WorkArea(Transport transport, Path workDir) {
        this.transport = transport;
        this.root = workDir.toString();
    }

    public String dir(String sandboxId) {
        return root + "/" + BackendNames.safe(sandboxId);
    }

    /** Makes the sandbox's directory and records its labels first, before anything else goes in. */
    public String open(String sandboxId, Map<String, String> labels) {
        String dir = dir(sandboxId);
        try {
            transport.makeDirectory(root, 0700);
            transport.makeDirectory(dir, 0700);
            transport.writeFile(dir + "/" + LABELS_FILE, PodmanJson.MAPPER.writeValueAsBytes(labels), 0600);
            return dir;
        } catch (IOException e) {
            throw new ExtensionException.BackendFailure("cannot make " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file in the sandbox's directory and returns its path on the backend host. */
    public String write(String sandboxId, String name, byte[] content, int mode) {
        String path = dir(sandboxId) + "/" + name;
        try {
            transport.writeFile(path, content, mode);
            return path;
        } catch (IOException e) {
            throw new ExtensionException.BackendFailure("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    public void delete(String path) {
        try {
            transport.deleteTree(path);
        } catch (IOException e) {
            throw new ExtensionException.BackendFailure("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    public void remove(String sandboxId) {
        delete(dir(sandboxId));
    }

    public boolean exists(String sandboxId) {
        return names().contains(BackendNames.safe(sandboxId));
    }

    public List<OwnedResource> owned(Owner owner) {
        List<OwnedResource> owned = new ArrayList<>();
        for (String name : names()) {
            String dir = root + "/" + name;
            Map<String, String> labels = readLabels(dir + "/" + LABELS_FILE);
            if (labels.isEmpty()) {
                // Made but crashed before its labels were written: it can only be ours, named after its sandbox.
                owned.add(new OwnedResource(KIND, dir, name, Map.of()));
            } else if (owner.installationId().equals(labels.get(OwnershipLabels.INSTALLATION))) {
                owned.add(new OwnedResource(KIND, dir, labels.getOrDefault(OwnershipLabels.SANDBOX, name), labels));
            }
        }
        return owned;
    }

    private List<String> names() {
        try {
            return transport.list(root);
        } catch (IOException e) {
            throw new ExtensionException.BackendFailure("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> readLabels(String path) {
        CommandResult read = transport.run(Command.of("cat", path));
        if (!read.ok()) {
            return Map.of();
        }
        try {
            JsonNode node = PodmanJson.MAPPER.readTree(read.stdout().getBytes(StandardCharsets.UTF_8));
            return PodmanJson.labels(node);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
