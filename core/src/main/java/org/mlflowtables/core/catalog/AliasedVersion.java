package org.mlflowtables.core.catalog;

import java.util.Map;
import org.mlflowtables.core.client.model.ModelVersion;

/**
 * A model version with its registered model's aliases (alias to version), which
 * search-model-versions leaves out.
 */
public record AliasedVersion(ModelVersion version, Map<String, String> modelAliases) {}
