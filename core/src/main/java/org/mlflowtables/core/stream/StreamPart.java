package org.mlflowtables.core.stream;

import org.mlflowtables.core.scan.ScanPart;

/** A piece of a micro-batch an executor reads on its own: some runs, or some slices of histories. */
public sealed interface StreamPart extends ScanPart permits RunsPart, PointsPart {}
