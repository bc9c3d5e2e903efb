package org.mlflowtables.core.client.model;

/** An alias of a registered model and the version it points to. */
public record RegisteredModelAlias(String alias, String version) {}
