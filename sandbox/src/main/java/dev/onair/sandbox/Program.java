package dev.onair.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * What a container image runs locally: a fat jar and the JVM options of the image's entry point.
 */
record Program(Path jar, List<String> jvmOptions) {}
