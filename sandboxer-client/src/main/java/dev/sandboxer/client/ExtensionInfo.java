package dev.sandboxer.client;

import dev.sandboxer.spi.Health;
import java.util.List;

/** An extension (backend) installed on the server, and whether it can be used now. */
public record ExtensionInfo(String id, String version, String kind, List<String> capabilities, String description,
                            Health health) {
}
