/**
 * Remote hosts: the registry ({@link dev.sandboxer.core.host.Hosts}), capacity-aware placement with a
 * transactional reservation per sandbox ({@link dev.sandboxer.core.host.Placement}), and host telemetry
 * ({@link dev.sandboxer.core.host.Telemetry}). Operator's guide: docs/hosts.md.
 */
package dev.sandboxer.core.host;
