package dev.sandboxer.bench;

/** One figure of issue 7, run in a JVM of its own by {@link BenchMain}. */
interface Figure {
    FigureResult run(RunSettings settings) throws Exception;
}
