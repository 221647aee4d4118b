package io.idmint.node;

/** Maps a Maelstrom node ID such as {@code n3} to its worker ID, 3. */
final class NodeIds {
    private NodeIds() {}

    /** @throws IllegalArgumentException naming the node ID and the layout's worker range */
    static long workerOf(String nodeId, long maxWorker, String layoutName) {
        int i = nodeId.length();
        while (i > 0 && nodeId.charAt(i - 1) >= '0' && nodeId.charAt(i - 1) <= '9') {
            i--;
        }
        String digits = nodeId.substring(i);
        // "n03" and "n3" would share a worker: only the canonical spelling is accepted.
        if (digits.isEmpty() || digits.length() > 18 || digits.length() > 1 && digits.charAt(0) == '0') {
            throw new IllegalArgumentException("node_id must end in a worker number without leading zeros, such as n3:"
                    + " node_id=" + nodeId);
        }
        long worker = Long.parseLong(digits);
        if (worker > maxWorker) {
            throw new IllegalArgumentException("node_id " + nodeId + " maps to worker " + worker + ", but layout '" + layoutName
                    + "' allows workers 0.." + maxWorker + ": node_id=" + nodeId);
        }
        return worker;
    }

}
