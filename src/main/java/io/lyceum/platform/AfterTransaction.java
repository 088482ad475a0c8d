package io.lyceum.platform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that must run once the current transaction has committed <em>and its connection is back in the pool</em>: a call
 * to an outside service (a payment provider) whose need was recorded in the transaction. Spring's own after-commit
 * callbacks run while the connection is still held, so a slow provider would hold one connection per caller; this
 * queue is drained by the application's transaction manager only after the outermost transaction on the thread has
 * finished and released its connection (see {@code AfterTransactionDrain}).
 *
 * <p>Nothing here is durable: a crash after the commit loses the queued work, so whatever is queued must also be found
 * again by a recovery job from the rows the transaction wrote. Work that throws is logged, never rethrown into the
 * code that committed (its transaction is already done).
 */
public final class AfterTransaction {

    private static final Logger log = LoggerFactory.getLogger(AfterTransaction.class);
    private static final ThreadLocal<Deque<Runnable>> QUEUED = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<Boolean> DRAINING = ThreadLocal.withInitial(() -> false);

    private AfterTransaction() {}

    /**
     * Runs {@code work} after the current transaction commits and no transaction is left open on this thread; at once
     * when there is no transaction; never when the transaction rolls back.
     */
    public static void run(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            runQuietly(work);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                QUEUED.get().add(work);
            }
        });
    }

    /**
     * Runs what was queued, if no transaction is open on this thread any more. Called by the transaction manager after
     * each commit or rollback; work that itself commits transactions queues and drains in turn.
     */
    public static void drainIfOutside() {
        if (DRAINING.get()
                || TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        DRAINING.set(true);
        try {
            Deque<Runnable> queue = QUEUED.get();
            while (!queue.isEmpty()) {
                List<Runnable> batch = new ArrayList<>(queue);
                queue.clear();
                batch.forEach(AfterTransaction::runQuietly);
            }
        } finally {
            DRAINING.set(false);
            QUEUED.remove();
        }
    }

    private static void runQuietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // the transaction that asked for it committed; a recovery job finds the work again
            log.warn("Work after a transaction failed; its recovery job will retry it", e);
        }
    }
}
