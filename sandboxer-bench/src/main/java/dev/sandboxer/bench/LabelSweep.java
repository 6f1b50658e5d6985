package dev.sandboxer.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes every podman container, network and volume carrying one label: how the baselines are torn down and
 * how each figure makes sure it leaves nothing behind, whatever failed half-way.
 */
final class LabelSweep {
    private LabelSweep() {
    }

    /** @return how many resources were still there */
    static int remove(String key, String value) {
        String filter = "label=" + key + "=" + value;
        int found = 0;
        List<String> containers = ids(List.of("podman", "ps", "-aq", "--filter", filter));
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("podman", "rm", "-f", "-v", "-t", "0"));
            rm.addAll(containers);
            Proc.run(rm);
            found += containers.size();
        }
        for (String network : ids(List.of("podman", "network", "ls", "-q", "--filter", filter))) {
            Proc.run(List.of("podman", "network", "rm", "-f", network));
            found++;
        }
        for (String volume : ids(List.of("podman", "volume", "ls", "-q", "--filter", filter))) {
            Proc.run(List.of("podman", "volume", "rm", "-f", volume));
            found++;
        }
        return found;
    }

    /** How many containers, networks and volumes carry the label (0 when clean). */
    static int count(String key, String value) {
        String filter = "label=" + key + "=" + value;
        return ids(List.of("podman", "ps", "-aq", "--filter", filter)).size()
                + ids(List.of("podman", "network", "ls", "-q", "--filter", filter)).size()
                + ids(List.of("podman", "volume", "ls", "-q", "--filter", filter)).size();
    }

    private static List<String> ids(List<String> argv) {
        return Proc.run(argv).stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
