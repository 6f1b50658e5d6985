/** The failures users see, with stable codes, exit codes and hints. */
package dev.sandboxer.core.error;
