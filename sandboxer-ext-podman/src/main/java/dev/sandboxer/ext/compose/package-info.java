/**
 * The {@code compose} extension: one podman-compose project per sandbox, from a compose file sand-boxer
 * writes itself (the profile's services plus labels, ports, egress policy, limits, env, secrets and setup
 * files), torn down by label.
 */
package dev.sandboxer.ext.compose;
