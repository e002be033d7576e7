package dev.weft.examples.guide.step11_testing;

import dev.weft.Suspendable;

/** A balance with a check-then-act race: the check and the update are split by an await. */
final class Account {
    /** Where a withdrawal is recorded before the money moves. */
    @FunctionalInterface
    interface Audit {
        @Suspendable
        void record(int amount);
    }

    private final Audit audit;
    private int balance;

    Account(int balance, Audit audit) {
        this.balance = balance;
        this.audit = audit;
    }

    @Suspendable
    boolean withdraw(int amount) {
        if (balance < amount) {
            return false;
        }
        audit.record(amount);          // an await: another task may run here, and withdraw too
        balance -= amount;
        return true;
    }

    int balance() {
        return balance;
    }
}
