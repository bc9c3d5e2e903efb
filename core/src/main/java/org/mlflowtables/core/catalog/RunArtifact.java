package org.mlflowtables.core.catalog;

import org.mlflowtables.core.client.model.FileInfo;

/** One file or directory of a run's artifacts, with the run's ids. */
public record RunArtifact(String runId, String experimentId, FileInfo file) {}
