package org.mlflowtables.core.client.model;

/** A dataset a run used (MLflow's {@code Dataset}). */
public record Dataset(
    String name, String digest, String sourceType, String source, String schema, String profile) {}
