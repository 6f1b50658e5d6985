/**
 * Where backend commands run: an argv list, never a shell string, executed locally or (later) over SSH,
 * so one extension serves a laptop and a fleet of hosts.
 */
package dev.sandboxer.spi.transport;
