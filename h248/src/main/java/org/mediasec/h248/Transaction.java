package org.mediasec.h248;

import java.util.List;
import java.util.Objects;

import org.mediasec.common.Checks;

/** H.248.1 §8 transactions as they appear in a message (Annex B {@code transactionList}). */
public sealed interface Transaction {

    /** {@code Transaction = id { actionRequest, ... }}. */
    record Request(long id, List<ActionRequest> actions) implements Transaction {
        public Request {
            checkId(id);
            actions = List.copyOf(actions);
            if (actions.isEmpty()) {
                throw new IllegalArgumentException("actions: empty");
            }
        }
    }

    /**
     * {@code Reply = id [/segment[/END]] { [ImmAckRequired,] (errorDescriptor / actionReply, ...) }}.
     * Exactly one of {@code error} and a non-empty {@code actions} is present.
     * {@code segmentNumber} (null when absent) and {@code segmentationComplete} are version 3 only.
     */
    record Reply(long id, boolean immAckRequired, Integer segmentNumber, boolean segmentationComplete,
                 ErrorDescriptor error, List<ActionReply> actions) implements Transaction {
        public Reply {
            checkId(id);
            actions = List.copyOf(actions);
            if ((error == null) == actions.isEmpty()) {
                throw new IllegalArgumentException("reply " + id + ": exactly one of error and actions expected");
            }
            if (segmentNumber != null) {
                Checks.inRange(segmentNumber, 0, 65535, "segmentNumber");
            } else if (segmentationComplete) {
                throw new IllegalArgumentException("segmentationComplete without segmentNumber");
            }
        }

        public Reply(long id, List<ActionReply> actions) {
            this(id, false, null, false, null, actions);
        }

        public static Reply error(long id, ErrorDescriptor error) {
            return new Reply(id, false, null, false, error, List.of());
        }
    }

    /** {@code Pending = id { }} (H.248.1 §8.2.3). */
    record Pending(long id) implements Transaction {
        public Pending {
            checkId(id);
        }
    }

    /** {@code TransactionResponseAck { 1, 5-7 }}. */
    record ResponseAck(List<AckRange> ranges) implements Transaction {
        public ResponseAck {
            ranges = List.copyOf(ranges);
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("ranges: empty");
            }
        }
    }

    /** Version 3 {@code Segment = id/segment[/END]} (segment reply). */
    record SegmentReply(long id, int segmentNumber, boolean segmentationComplete) implements Transaction {
        public SegmentReply {
            checkId(id);
            Checks.inRange(segmentNumber, 0, 65535, "segmentNumber");
        }
    }

    /** One acknowledged transaction id or an inclusive range {@code first-last}. */
    record AckRange(long first, long last) {
        public AckRange {
            checkId(first);
            checkId(last);
            if (last < first) {
                throw new IllegalArgumentException("ack range " + first + "-" + last + ": last < first");
            }
        }

        public static AckRange of(long id) {
            return new AckRange(id, id);
        }
    }

    private static void checkId(long id) {
        Checks.inRange(id, 0, 0xFFFF_FFFFL, "transactionId");
    }

    /** Transaction id; {@code ResponseAck} answers its first range's first id. */
    default long transactionId() {
        if (this instanceof Request r) {
            return r.id();
        } else if (this instanceof Reply r) {
            return r.id();
        } else if (this instanceof Pending p) {
            return p.id();
        } else if (this instanceof SegmentReply s) {
            return s.id();
        }
        return Objects.requireNonNull(((ResponseAck) this).ranges().get(0)).first();
    }
}
