/** The control plane's domain values: sandboxes, their states, operations and events. Records only. */
package dev.sandboxer.core.model;
