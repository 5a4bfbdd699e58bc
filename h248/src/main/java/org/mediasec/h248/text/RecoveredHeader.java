package org.mediasec.h248.text;

import org.mediasec.h248.MId;

/**
 * What could be salvaged from a message that did not decode, so the layer above can still answer
 * with an error: each field is null when it could not be recovered.
 *
 * @param transactionId the id of the transaction being parsed when the error occurred (or the first one)
 * @param request       true when that transaction is a TransactionRequest (answer with a Reply + error)
 */
public record RecoveredHeader(Integer version, MId mId, Long transactionId, boolean request) {
    public static final RecoveredHeader NONE = new RecoveredHeader(null, null, null, false);
}
