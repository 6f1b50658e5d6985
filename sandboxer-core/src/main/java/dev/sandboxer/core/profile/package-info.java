/**
 * Profiles: the recipes sandboxes are made from. Reads profile files strictly
 * ({@link dev.sandboxer.core.profile.ProfileParser}), keeps the built-in and user catalog
 * ({@link dev.sandboxer.core.profile.ProfileCatalog}), applies a consumer's inputs
 * ({@link dev.sandboxer.core.profile.ProfileResolver}) and, at the provision boundary only, resolves
 * secret references ({@link dev.sandboxer.core.profile.SecretResolver}).
 *
 * <p>The model is records; the YAML tree, sections and rules are package-private and may change. The
 * file format is documented for users in {@code docs/profiles.md}.
 */
package dev.sandboxer.core.profile;
