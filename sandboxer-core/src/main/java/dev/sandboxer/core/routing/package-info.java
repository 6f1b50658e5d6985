/** Choosing the extension for a profile, with the reason recorded (question 2: which backend, and why). */
package dev.sandboxer.core.routing;
