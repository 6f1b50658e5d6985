/**
 * The HTTP/JSON API over the engine (docs/http-api.md, src/main/resources/openapi.yaml). One Javalin server,
 * routes grouped by resource ({@code *Routes}), bearer tokens checked before any matched route runs, every
 * failure answered as RFC 9457 problem+json. {@link dev.sandboxer.server.SandboxerServer} is the public entry.
 */
package dev.sandboxer.server;
