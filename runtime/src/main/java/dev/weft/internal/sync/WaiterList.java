package dev.weft.internal.sync;

/**
 * An intrusive doubly linked FIFO list of waiters: the nodes carry their own links, so
 * enqueueing allocates nothing and a cancelled waiter unlinks itself in O(1).
 *
 * <h2>Who may call</h2>
 * Not thread-safe: every method, and every read or write of a node's links, happens while the
 * owner's lock is held (the {@link BatchSemaphore}'s, the {@code Notify}'s). The list is the
 * Java counterpart of Tokio's {@code util::linked_list} under a {@code Mutex}.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>{@code node.list == this} if and only if the node is linked in this list.</li>
 *   <li>{@code head.prev == null}, {@code tail.next == null}; both null when empty.</li>
 * </ul>
 *
 * @param <N> the node type
 */
public final class WaiterList<N extends WaiterList.Node<N>> {
    /**
     * A list node; waiter classes extend it. Links are owned by the list's lock.
     *
     * @param <N> the concrete node type
     */
    public abstract static class Node<N extends Node<N>> {
        N prev;
        N next;
        WaiterList<N> list;

        /** @return true while linked in a list (read under the list owner's lock) */
        public final boolean isLinked() {
            return list != null;
        }
    }

    private N head;
    private N tail;
    private int size;

    /** @return true if no node is linked */
    public boolean isEmpty() {
        return head == null;
    }

    /** @return the number of linked nodes */
    public int size() {
        return size;
    }

    /** @return the oldest node, or null */
    public N peekFirst() {
        return head;
    }

    /** @param node an unlinked node, appended at the tail */
    public void addLast(N node) {
        if (node.list != null) {
            throw new IllegalStateException("waiter already linked");
        }
        node.list = this;
        node.prev = tail;
        node.next = null;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        size++;
    }

    /** @return the oldest node, unlinked, or null if empty */
    public N pollFirst() {
        N n = head;
        if (n != null) {
            remove(n);
        }
        return n;
    }

    /**
     * Unlinks {@code node} if it is linked here.
     *
     * @param node the node
     * @return true if it was linked
     */
    public boolean remove(N node) {
        if (node.list != this) {
            return false;
        }
        N p = node.prev;
        N n = node.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        node.prev = null;
        node.next = null;
        node.list = null;
        size--;
        return true;
    }
}
