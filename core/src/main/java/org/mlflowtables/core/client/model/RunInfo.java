package org.mlflowtables.core.client.model;

/** The info part of a run. */
public record RunInfo(
    String runId,
    String runName,
    String experimentId,
    String userId,
    String status,
    Long startTime,
    Long endTime,
    String artifactUri,
    String lifecycleStage) {}
