/**
 * The SPI's {@code Transport} over SSH (Apache MINA SSHD client): argv quoted so no shell interprets it, env
 * and secrets on stdin, one reused session per host with keep-alive, and a host key pinned by fingerprint
 * ({@link dev.sandboxer.transport.ssh.HostKeyPin}) that is strictly checked on every connect.
 */
package dev.sandboxer.transport.ssh;
