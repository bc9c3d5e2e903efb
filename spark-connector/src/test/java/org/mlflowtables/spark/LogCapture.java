package org.mlflowtables.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The log lines (warnings and worse) of every logger while it is open: Spark's own included. */
final class LogCapture extends AbstractAppender implements AutoCloseable {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  private LogCapture() {
    super("test-capture", null, null, true, Property.EMPTY_ARRAY);
  }

  static LogCapture open() {
    LogCapture c = new LogCapture();
    c.start();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().addAppender(c, Level.WARN, null);
    ctx.updateLoggers();
    return c;
  }

  @Override
  public void append(LogEvent event) {
    lines.add(event.getLevel() + " " + event.getLoggerName() + ": "
        + event.getMessage().getFormattedMessage());
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().removeAppender(getName());
    ctx.updateLoggers();
    stop();
  }
}
