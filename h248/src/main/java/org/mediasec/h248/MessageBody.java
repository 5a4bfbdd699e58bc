package org.mediasec.h248;

/** Annex B {@code messageBody}: a message-level {@link ErrorDescriptor} or a {@link TransactionList}. */
public sealed interface MessageBody permits TransactionList, ErrorDescriptor {
}
