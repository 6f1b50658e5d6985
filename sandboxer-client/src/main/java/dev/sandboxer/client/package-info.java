/**
 * The Java client of a sand-boxer server ({@code docs/http-api.md}): {@link dev.sandboxer.client.SandboxerClient}
 * and what it answers with. It returns the engine's own records and throws the engine's own
 * {@link dev.sandboxer.core.error.SandboxerException}s, so code written against the embedded engine reads the
 * same against a server; {@link dev.sandboxer.client.ClientException} covers what only a remote caller meets.
 */
package dev.sandboxer.client;
