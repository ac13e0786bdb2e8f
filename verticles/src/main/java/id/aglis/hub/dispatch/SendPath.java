package id.aglis.hub.dispatch;

import id.aglis.hub.dispatch.queue.DispatchQueue;
import java.time.Clock;

/**
 * What every device worker of a node shares: the queue it claims from, the record it writes to, the policy
 * that decides what each outcome does, what watches and reports on the sends, and the clock the quiet hours
 * are read on.
 */
record SendPath(DispatchSettings settings, DispatchQueue queue, MessageRepository messages, Devices devices, StatusEvents events,
                DispatchMetrics metrics, UnknownSends unknown, OutcomeJournal journal, OptOuts optOuts, OutcomePolicy policy,
                Clock clock) {
}
