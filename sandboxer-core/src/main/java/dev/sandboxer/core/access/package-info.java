/**
 * Who may call the API: bearer tokens bound to a consumer and its projects. {@link dev.sandboxer.core.access.Tokens}
 * issues them (the secret is shown once), lists and revokes them, and turns a presented secret into a
 * {@link dev.sandboxer.core.access.Principal}. Only SHA-256 hashes of secrets are stored.
 */
package dev.sandboxer.core.access;
