/**
 * The benchmarks behind {@code bench/run.sh}: each figure of issue 7 runs in its own JVM and writes one JSON
 * fragment; {@link dev.sandboxer.bench.Report} merges them into {@code bench/results/<date>.json} and
 * {@code BENCHMARKS.md}. Nothing here is part of the product or of its test suite.
 */
package dev.sandboxer.bench;
