package org.mlflowtables.jdbc.exec;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one scan as Calcite reads them: core's {@link RowIterator} for the request of one
 * execution (parameters bound), opened on the first {@code moveNext()} with the session's search
 * streams (parts read at once, their rows interleaved), read one row at a time (memory stays
 * bounded by core's pages) and closed at the end, on {@code close()}, or as soon as the statement
 * is cancelled or its query timeout has passed (checked before each row, so no further page is
 * requested).
 */
final class ScanEnumerable extends AbstractEnumerable<Object> {
  private static final Logger LOG = LoggerFactory.getLogger(ScanEnumerable.class);

  private final TableReader table;
  private final ScanRequest request;
  private final List<OutputColumn> outputs;
  private final DataContext root;

  ScanEnumerable(TableReader table, ScanRequest request, List<OutputColumn> outputs,
      DataContext root) {
    this.table = table;
    this.request = request;
    this.outputs = outputs;
    this.root = root;
  }

  @Override
  public Enumerator<Object> enumerator() {
    return new ScanEnumerator();
  }

  private final class ScanEnumerator implements Enumerator<Object> {
    private final AtomicBoolean cancelFlag;
    private final long timeoutMillis;
    private final long deadlineNanos;
    private RowIterator rows;
    private Object current;
    private boolean done;

    ScanEnumerator() {
      AtomicBoolean flag = null;
      long timeout = 0;
      if (root != null) {
        Object f = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
        flag = f instanceof AtomicBoolean a ? a : null;
        Object t = root.get(DataContext.Variable.TIMEOUT.camelName);
        timeout = t instanceof Number n ? n.longValue() : 0;
      }
      this.cancelFlag = flag;
      this.timeoutMillis = timeout;
      this.deadlineNanos = timeout > 0 ? System.nanoTime() + timeout * 1_000_000 : 0;
    }

    @Override
    public Object current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (done) {
        return false;
      }
      checkStop();
      try {
        if (rows == null) {
          open();
        }
        boolean more = rows.hasNext();
        checkStop();
        if (!more) {
          finish();
          return false;
        }
        current = project(rows.next());
        return true;
      } catch (MlflowTablesException e) {
        close();
        throw Errors.raise(Errors.reading(request.table(), table.session(), e));
      }
    }

    private void open() {
      MlflowSession session = table.session();
      rows = table.plan(request).openAll(session.client(), session.scanStreams());
    }

    private Object project(Object[] row) {
      if (outputs.size() == 1) {
        return outputs.get(0).read(row);
      }
      Object[] out = new Object[outputs.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = outputs.get(i).read(row);
      }
      return out;
    }

    private void checkStop() {
      if (cancelFlag != null && cancelFlag.get()) {
        close();
        throw Errors.raise(Errors.cancelled(request.table()));
      }
      if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
        close();
        throw Errors.raise(Errors.timedOut(request.table(), timeoutMillis));
      }
    }

    private void finish() {
      done = true;
      current = null;
      closeRows();
    }

    @Override
    public void reset() {
      closeRows();
      done = false;
      current = null;
    }

    @Override
    public void close() {
      done = true;
      current = null;
      closeRows();
    }

    private void closeRows() {
      RowIterator r = rows;
      rows = null;
      if (r != null) {
        LOG.debug("Scan of {} closed: {}", request.table(), r.counters());
        r.close();
      }
    }
  }
}
