package id.aglis.hub.dispatch.send;

import id.aglis.hub.dispatch.Devices;
import id.aglis.hub.dispatch.DispatchMetrics;
import id.aglis.hub.dispatch.DispatchSettings;
import id.aglis.hub.dispatch.MessageRepository;
import id.aglis.hub.dispatch.OptOuts;
import id.aglis.hub.dispatch.StatusEvents;
import java.time.Clock;
import id.aglis.hub.dispatch.queue.DispatchQueue;

/**
 * What every device worker of a node shares: the queue it claims from, the record it writes to, the policy
 * that decides what each outcome does, what watches and reports on the sends, and the clock the quiet hours
 * are read on.
 */
public record SendPath(DispatchSettings settings, DispatchQueue queue, MessageRepository messages, Devices devices, StatusEvents events,
                       DispatchMetrics metrics, UnknownSends unknown, OutcomeJournal journal, OptOuts optOuts, OutcomePolicy policy,
                       Clock clock) {
}
