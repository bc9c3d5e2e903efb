package org.mlflowtables.core.client.model;

/** An artifact listed under a run. */
public record FileInfo(String path, Boolean isDir, Long fileSize) {}
