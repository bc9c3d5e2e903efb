package org.mlflowtables.core.client.model;

/** A logged model a run used as input (MLflow 3). */
public record ModelInput(String modelId) {}
