package org.mediasec.h248;

import java.util.List;

/** The transactions of one message, in wire order (at least one). */
public record TransactionList(List<Transaction> transactions) implements MessageBody {
    public TransactionList {
        transactions = List.copyOf(transactions);
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("transactions: empty");
        }
    }

    public static TransactionList of(Transaction... transactions) {
        return new TransactionList(List.of(transactions));
    }
}
