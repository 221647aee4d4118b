package io.idmint.node;

import io.idmint.core.InvalidRequestException;

/** Reads the number at the end of a Maelstrom node ID: {@code n3} is node 3. */
final class NodeIds {
    private NodeIds() {}

    /** @throws InvalidRequestException naming the node ID when it does not end in a canonical number */
    static long numberOf(String nodeId) {
        int i = nodeId.length();
        while (i > 0 && nodeId.charAt(i - 1) >= '0' && nodeId.charAt(i - 1) <= '9') {
            i--;
        }
        String digits = nodeId.substring(i);
        // "n03" and "n3" would share a worker: only the canonical spelling is accepted.
        if (digits.isEmpty() || digits.length() > 18 || digits.length() > 1 && digits.charAt(0) == '0') {
            throw new InvalidRequestException("node_id must end in a worker number without leading zeros, such as n3:"
                    + " node_id=" + nodeId);
        }
        return Long.parseLong(digits);
    }
}
