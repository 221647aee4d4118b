package io.idmint.coordination;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * ZooKeeper through Curator. Owner: an ephemeral node {@code workers/<id>} holding the holder token, so
 * session expiry frees it. Record: a persistent node {@code records/<id>}; its data version is the fence.
 * A successful request proves the session alive when it was sent, so every renewal is one multi-op
 * (owner exists, record version unchanged, new record) that doubles as the keep-alive.
 */
final class ZooKeeperCoordinator implements Coordinator {
    private final CuratorFramework client;
    private final String connectString;
    private final String workersPath;
    private final String recordsPath;
    private final long ttlMillis;
    private final List<Runnable> sessionLost = new CopyOnWriteArrayList<>();
    /** The fault seam; {@link WriteReplay#NEVER} outside tests. */
    volatile WriteReplay replay = WriteReplay.NEVER;

    private ZooKeeperCoordinator(CuratorFramework client, String connectString, LeaseSettings s) {
        this.client = client;
        this.connectString = connectString;
        this.workersPath = s.basePath() + "/workers";
        this.recordsPath = s.basePath() + "/records";
        try {
            this.ttlMillis = client.getZookeeperClient().getZooKeeper().getSessionTimeout();
        } catch (Exception e) {
            throw new CoordinationException("zookeeper " + connectString + ": no session: " + e.getMessage(), e);
        }
        client.getConnectionStateListenable().addListener((c, state) -> {
            if (state == ConnectionState.LOST) {
                sessionLost.forEach(Runnable::run);
            }
        });
    }

    static ZooKeeperCoordinator connect(String connectString, LeaseSettings s) {
        int opTimeout = (int) s.operationTimeout.toMillis();
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs((int) s.leaseTtl.toMillis())
                .connectionTimeoutMs(opTimeout)
                .retryPolicy(new RetryNTimes(1, Math.max(10, opTimeout / 4)))
                .build();
        client.start();
        try {
            if (!client.blockUntilConnected((int) s.acquireTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CoordinationException("could not connect to zookeeper " + connectString + " within acquireTimeout "
                        + s.acquireTimeout.toMillis() + " ms: is it running and reachable?");
            }
            ZooKeeperCoordinator zk = new ZooKeeperCoordinator(client, connectString, s);
            zk.ensurePath(zk.workersPath);
            zk.ensurePath(zk.recordsPath);
            return zk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new CoordinationException("interrupted while connecting to zookeeper " + connectString, e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void ensurePath(String path) {
        try {
            if (client.checkExists().forPath(path) != null) {
                return;
            }
            client.create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException e) {
            // already there
        } catch (Exception e) {
            throw failure("create " + path, e);
        }
    }

    @Override
    public String describe() {
        return "zookeeper " + connectString + " " + workersPath;
    }

    @Override
    public Set<Integer> owned(WorkerRange range) {
        try {
            Set<Integer> owned = new HashSet<>();
            for (String child : client.getChildren().forPath(workersPath)) {
                int worker = Integer.parseInt(child);
                if (range.contains(worker)) {
                    owned.add(worker);
                }
            }
            return owned;
        } catch (Exception e) {
            throw failure("list " + workersPath, e);
        }
    }

    @Override
    public Slot read(int worker) {
        String token = null;
        try {
            token = new String(client.getData().forPath(ownerPath(worker)), StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException e) {
            // nobody holds it
        } catch (Exception e) {
            throw failure("read " + ownerPath(worker), e);
        }
        try {
            Stat stat = new Stat();
            byte[] data = client.getData().storingStatIn(stat).forPath(recordPath(worker));
            return new Slot(worker, token, LeaseRecord.fromJson(data, describe() + " " + recordPath(worker)), stat.getVersion());
        } catch (KeeperException.NoNodeException e) {
            return new Slot(worker, token, null, -1);
        } catch (Exception e) {
            throw failure("read " + recordPath(worker), e);
        }
    }

    @Override
    public Claim tryClaim(Slot seen, LeaseRecord record, String holderToken) {
        int w = seen.worker();
        List<CuratorOp> ops = new ArrayList<>();
        long aliveAt = System.nanoTime();
        try {
            if (seen.record() == null) {
                ops.add(client.transactionOp().create().forPath(recordPath(w), record.toJson()));
            } else {
                ops.add(client.transactionOp().setData().withVersion((int) seen.fence()).forPath(recordPath(w), record.toJson()));
            }
            if (seen.owned()) {
                ops.add(client.transactionOp().delete().forPath(ownerPath(w)));
            }
            ops.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL)
                    .forPath(ownerPath(w), holderToken.getBytes(StandardCharsets.UTF_8)));
            aliveAt = System.nanoTime();
            List<CuratorTransactionResult> results = client.transaction().forOperations(ops);
            if (replay.replayAfterCommit("claim")) {
                results = client.transaction().forOperations(ops);
            }
            return new Claim(w, seen.record() == null ? 0 : recordVersion(results), 0, aliveAt);
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return ifOurs(w, record, holderToken, aliveAt); // another claimant won, or our own retried commit
        } catch (Exception e) {
            throw failure("claim worker " + w, e);
        }
    }

    /**
     * A claim refused because the slot changed is ours after all when the slot now holds exactly what we
     * meant to write: the first attempt committed and the retry found its own work. Without this, our own
     * ephemeral owner node would hold the ID, unused, for the whole session.
     */
    private Claim ifOurs(int w, LeaseRecord record, String holderToken, long aliveAt) {
        try {
            byte[] owner = client.getData().forPath(ownerPath(w));
            Stat stat = new Stat();
            byte[] written = client.getData().storingStatIn(stat).forPath(recordPath(w));
            if (Arrays.equals(owner, holderToken.getBytes(StandardCharsets.UTF_8)) && Arrays.equals(written, record.toJson())) {
                return new Claim(w, stat.getVersion(), 0, aliveAt);
            }
            return null;
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (Exception e) {
            throw failure("read back worker " + w + " after a refused claim", e);
        }
    }

    @Override
    public long renew(Claim claim, LeaseRecord record) {
        long aliveAt = System.nanoTime();
        try {
            List<CuratorOp> ops = List.of(client.transactionOp().check().forPath(ownerPath(claim.worker)),
                    client.transactionOp().setData().withVersion((int) claim.fence).forPath(recordPath(claim.worker), record.toJson()));
            List<CuratorTransactionResult> results = client.transaction().forOperations(ops);
            claim.fence = recordVersion(results);
            if (replay.replayAfterCommit("renew")) {
                client.transaction().forOperations(ops);
            }
            return aliveAt;
        } catch (KeeperException.BadVersionException e) {
            if (renewedAlready(claim, record)) {
                return aliveAt;
            }
            throw new FencedException("worker " + claim.worker + " was claimed by another process (record version moved past "
                    + claim.fence + ")", e);
        } catch (KeeperException.NoNodeException e) {
            throw new FencedException("the owner node " + ownerPath(claim.worker) + " is gone: the session expired", e);
        } catch (Exception e) {
            throw failure("renew worker " + claim.worker, e);
        }
    }

    /**
     * A renewal refused for its version is no fence when the record already holds exactly what it meant to
     * write (a retried commit) and our owner node is still there: adopt the version instead of ending the lease.
     */
    private boolean renewedAlready(Claim claim, LeaseRecord record) {
        try {
            Stat stat = new Stat();
            byte[] written = client.getData().storingStatIn(stat).forPath(recordPath(claim.worker));
            if (!Arrays.equals(written, record.toJson()) || client.checkExists().forPath(ownerPath(claim.worker)) == null) {
                return false;
            }
            claim.fence = stat.getVersion();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void release(Claim claim, LeaseRecord record) {
        try {
            client.transaction().forOperations(List.of(
                    client.transactionOp().setData().withVersion((int) claim.fence).forPath(recordPath(claim.worker), record.toJson()),
                    client.transactionOp().delete().forPath(ownerPath(claim.worker))));
        } catch (Exception e) {
            throw failure("release worker " + claim.worker, e);
        }
    }

    @Override
    public void abandon(Claim claim) {
        try {
            client.transaction().forOperations(List.of(
                    client.transactionOp().check().withVersion((int) claim.fence).forPath(recordPath(claim.worker)),
                    client.transactionOp().delete().forPath(ownerPath(claim.worker))));
        } catch (Exception e) {
            throw failure("abandon worker " + claim.worker, e);
        }
    }

    @Override
    public Map<String, String> createAllIfAbsent(Map<String, String> values) {
        try {
            List<CuratorOp> creates = new ArrayList<>();
            for (Map.Entry<String, String> e : values.entrySet()) {
                ensurePath(e.getKey().substring(0, e.getKey().lastIndexOf('/')));
                creates.add(client.transactionOp().create().forPath(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)));
            }
            client.transaction().forOperations(creates);
        } catch (KeeperException.NodeExistsException e) {
            // Someone recorded (some of) them first: report what is there.
        } catch (Exception e) {
            throw failure("record " + values.keySet(), e);
        }
        Map<String, String> now = new java.util.HashMap<>();
        for (String key : values.keySet()) {
            try {
                now.put(key, new String(client.getData().forPath(key), StandardCharsets.UTF_8));
            } catch (KeeperException.NoNodeException e) {
                now.put(key, null);
            } catch (Exception e) {
                throw failure("read " + key, e);
            }
        }
        return now;
    }

    @Override
    public void overwrite(String key, String value) {
        try {
            ensurePath(key.substring(0, key.lastIndexOf('/')));
            byte[] data = value.getBytes(StandardCharsets.UTF_8);
            if (client.checkExists().forPath(key) == null) {
                client.create().forPath(key, data);
            } else {
                client.setData().forPath(key, data);
            }
        } catch (Exception e) {
            throw failure("write " + key, e);
        }
    }

    @Override
    public void onSessionLost(Runnable action) {
        sessionLost.add(action);
    }

    @Override
    public long ttlMillis() {
        return ttlMillis;
    }

    @Override
    public void close() {
        client.close();
    }

    private static long recordVersion(List<CuratorTransactionResult> results) {
        for (CuratorTransactionResult r : results) {
            if (r.getType() == OperationType.SET_DATA) {
                return r.getResultStat().getVersion();
            }
        }
        throw new IllegalStateException("transaction result without the record write: " + results);
    }

    private String ownerPath(int worker) {
        return workersPath + "/" + worker;
    }

    private String recordPath(int worker) {
        return recordsPath + "/" + worker;
    }

    private CoordinationException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return e instanceof CoordinationException ce ? ce
                : new CoordinationException("zookeeper " + connectString + ": " + what + " failed: " + e, e);
    }
}
