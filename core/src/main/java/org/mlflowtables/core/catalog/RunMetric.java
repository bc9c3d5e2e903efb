package org.mlflowtables.core.catalog;

import org.mlflowtables.core.client.model.Metric;

/** One point of a run's metric history (the point carries its run id), with the run's experiment. */
public record RunMetric(String experimentId, Metric point) {}
