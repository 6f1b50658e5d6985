/** Finding and holding extensions: ServiceLoader over the classpath and the plugins directory. */
package dev.sandboxer.core.extension;
