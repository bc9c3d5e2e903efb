package org.mlflowtables.core.catalog;

import org.mlflowtables.core.client.model.Span;
import org.mlflowtables.core.client.model.TraceInfo;

/** One span with the info of its trace. */
public record TraceSpan(TraceInfo trace, Span span) {}
