package dev.onair.operator.restream;

import java.util.List;
import java.util.Map;

/**
 * A Restream's endpoints after resolution: the outputs that can be sent (by endpoint name) and the
 * ones skipped, each with a sentence saying why.
 */
record ResolvedEndpoints(Map<String, OutputConfig> usable, List<String> skipped) {}
