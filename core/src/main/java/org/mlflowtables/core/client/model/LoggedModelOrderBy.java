package org.mlflowtables.core.client.model;

/** One ORDER BY key of search-logged-models (a structured object, not a string). */
public record LoggedModelOrderBy(
    String fieldName, boolean ascending, String datasetName, String datasetDigest) {}
