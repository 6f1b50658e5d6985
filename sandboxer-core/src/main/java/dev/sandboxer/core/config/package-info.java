/** Where sand-boxer keeps its data and how it is configured. */
package dev.sandboxer.core.config;
