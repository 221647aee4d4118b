package io.idmint.coordination;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * etcd through jetcd. Owner: key {@code workers/<id>} bound to an etcd lease of one TTL, so a holder
 * that stops keeping it alive loses it. Record: key {@code records/<id>}; its mod revision is the fence.
 * A renewal is a fenced record write followed by one keep-alive, whose send time anchors the deadline.
 */
final class EtcdCoordinator implements Coordinator {
    private final Client client;
    private final KV kv;
    private final String endpoints;
    private final String workersPrefix;
    private final String recordsPrefix;
    private final long ttlMillis;
    private final long timeoutMillis;
    /** The fault seam; {@link WriteReplay#NEVER} outside tests. */
    volatile WriteReplay replay = WriteReplay.NEVER;

    private EtcdCoordinator(Client client, String endpoints, LeaseSettings s) {
        this.client = client;
        this.kv = client.getKVClient();
        this.endpoints = endpoints;
        this.workersPrefix = s.basePath() + "/workers/";
        this.recordsPrefix = s.basePath() + "/records/";
        this.ttlMillis = s.leaseTtl.toMillis();
        this.timeoutMillis = s.operationTimeout.toMillis();
    }

    static EtcdCoordinator connect(String endpoints, LeaseSettings s) {
        Client client = Client.builder().endpoints(endpoints.split(","))
                // Spread calls over every member: with gRPC's default (pick-first) a member that hangs (frozen,
                // partitioned away, its TCP connection still up) would take every renewal down with it.
                .loadBalancerPolicy("round_robin")
                .connectTimeout(s.operationTimeout)
                // jetcd retries failed calls; keep every retry inside one operation timeout.
                .retryDelay(20)
                .retryMaxDelay(Math.max(40, s.operationTimeout.toMillis() / 4))
                .retryMaxDuration(s.operationTimeout)
                .build();
        EtcdCoordinator etcd = new EtcdCoordinator(client, endpoints, s);
        try {
            await(client.getKVClient().get(bytes(etcd.workersPrefix), GetOption.builder().isPrefix(true).withCountOnly(true).build()),
                    s.acquireTimeout.toMillis(), "reach etcd " + endpoints);
            return etcd;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return "etcd " + endpoints + " " + workersPrefix;
    }

    @Override
    public Set<Integer> owned(WorkerRange range) {
        GetResponse r = call(kv.get(bytes(workersPrefix), GetOption.builder().isPrefix(true).withKeysOnly(true).build()),
                "list " + workersPrefix);
        Set<Integer> owned = new HashSet<>();
        for (KeyValue kvp : r.getKvs()) {
            int worker = Integer.parseInt(kvp.getKey().toString(StandardCharsets.UTF_8).substring(workersPrefix.length()));
            if (range.contains(worker)) {
                owned.add(worker);
            }
        }
        return owned;
    }

    @Override
    public Slot read(int worker) {
        GetResponse owner = call(kv.get(ownerKey(worker)), "read owner of worker " + worker);
        GetResponse record = call(kv.get(recordKey(worker)), "read record of worker " + worker);
        String token = owner.getKvs().isEmpty() ? null : owner.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8);
        if (record.getKvs().isEmpty()) {
            return new Slot(worker, token, null, 0);
        }
        KeyValue rec = record.getKvs().get(0);
        return new Slot(worker, token, LeaseRecord.fromJson(rec.getValue().getBytes(), describe() + " " + recordsPrefix + worker),
                rec.getModRevision());
    }

    @Override
    public Claim tryClaim(Slot seen, LeaseRecord record, String holderToken) {
        int w = seen.worker();
        long aliveAt = System.nanoTime();
        long leaseId = call(client.getLeaseClient().grant(TimeUnit.MILLISECONDS.toSeconds(ttlMillis + 999)),
                "grant a lease").getID();
        Cmp ownerUnchanged = seen.owned()
                ? new Cmp(ownerKey(w), Cmp.Op.EQUAL, CmpTarget.value(bytes(holderToken)))
                : new Cmp(ownerKey(w), Cmp.Op.EQUAL, CmpTarget.createRevision(0));
        java.util.function.Supplier<TxnResponse> txn = () -> call(kv.txn()
                .If(new Cmp(recordKey(w), Cmp.Op.EQUAL, CmpTarget.modRevision(seen.fence())), ownerUnchanged)
                .Then(Op.put(recordKey(w), ByteSequence.from(record.toJson()), PutOption.DEFAULT),
                        Op.put(ownerKey(w), bytes(holderToken), PutOption.builder().withLeaseId(leaseId).build()))
                .commit(), "claim worker " + w);
        TxnResponse r;
        try {
            r = txn.get();
            if (r.isSucceeded() && replay.replayAfterCommit("claim")) {
                r = txn.get();
            }
        } catch (RuntimeException e) {
            client.getLeaseClient().revoke(leaseId);
            throw e;
        }
        if (r.isSucceeded()) {
            return new Claim(w, r.getHeader().getRevision(), leaseId, aliveAt);
        }
        Claim ours = ifOurs(w, record, holderToken, leaseId, aliveAt);
        if (ours == null) {
            client.getLeaseClient().revoke(leaseId);
        }
        return ours;
    }

    /**
     * A claim refused because the slot changed is ours after all when the slot holds exactly what we meant
     * to write, bound to our etcd lease: a retried commit found its own work.
     */
    private Claim ifOurs(int w, LeaseRecord record, String holderToken, long leaseId, long aliveAt) {
        GetResponse owner = call(kv.get(ownerKey(w)), "read back owner of worker " + w);
        GetResponse written = call(kv.get(recordKey(w)), "read back record of worker " + w);
        if (owner.getKvs().isEmpty() || written.getKvs().isEmpty()) {
            return null;
        }
        KeyValue o = owner.getKvs().get(0);
        KeyValue rec = written.getKvs().get(0);
        boolean mine = o.getLease() == leaseId && o.getValue().equals(bytes(holderToken))
                && java.util.Arrays.equals(rec.getValue().getBytes(), record.toJson());
        return mine ? new Claim(w, rec.getModRevision(), leaseId, aliveAt) : null;
    }

    @Override
    public long renew(Claim claim, LeaseRecord record) {
        long fence = claim.fence;
        java.util.function.Supplier<TxnResponse> txn = () -> call(kv.txn()
                .If(new Cmp(recordKey(claim.worker), Cmp.Op.EQUAL, CmpTarget.modRevision(fence)))
                .Then(Op.put(recordKey(claim.worker), ByteSequence.from(record.toJson()), PutOption.DEFAULT))
                .commit(), "renew worker " + claim.worker);
        TxnResponse r = txn.get();
        if (r.isSucceeded() && replay.replayAfterCommit("renew")) {
            r = txn.get();
        }
        if (r.isSucceeded()) {
            claim.fence = r.getHeader().getRevision();
        } else if (!renewedAlready(claim, record)) {
            throw new FencedException("worker " + claim.worker + " was claimed by another process (record revision moved past "
                    + claim.fence + ")");
        }
        long aliveAt = System.nanoTime();
        LeaseKeepAliveResponse ka;
        try {
            ka = call(client.getLeaseClient().keepAliveOnce(claim.backendLeaseId), "keep lease " + claim.backendLeaseId + " alive");
        } catch (CoordinationException e) {
            if (String.valueOf(e.getMessage()).contains("lease not found")) {
                throw new FencedException("etcd lease " + Long.toHexString(claim.backendLeaseId) + " expired", e);
            }
            throw e;
        }
        if (ka.getTTL() <= 0) {
            throw new FencedException("etcd lease " + Long.toHexString(claim.backendLeaseId) + " expired");
        }
        return aliveAt;
    }

    /** A refused renewal is no fence when the record already holds exactly what it meant to write (a retried commit). */
    private boolean renewedAlready(Claim claim, LeaseRecord record) {
        GetResponse written = call(kv.get(recordKey(claim.worker)), "read back record of worker " + claim.worker);
        if (written.getKvs().isEmpty() || !java.util.Arrays.equals(written.getKvs().get(0).getValue().getBytes(), record.toJson())) {
            return false;
        }
        claim.fence = written.getKvs().get(0).getModRevision();
        return true;
    }

    @Override
    public void release(Claim claim, LeaseRecord record) {
        call(kv.txn()
                .If(new Cmp(recordKey(claim.worker), Cmp.Op.EQUAL, CmpTarget.modRevision(claim.fence)))
                .Then(Op.put(recordKey(claim.worker), ByteSequence.from(record.toJson()), PutOption.DEFAULT),
                        Op.delete(ownerKey(claim.worker), DeleteOption.DEFAULT))
                .commit(), "release worker " + claim.worker);
        call(client.getLeaseClient().revoke(claim.backendLeaseId), "revoke lease");
    }

    @Override
    public void abandon(Claim claim) {
        call(kv.txn()
                .If(new Cmp(recordKey(claim.worker), Cmp.Op.EQUAL, CmpTarget.modRevision(claim.fence)))
                .Then(Op.delete(ownerKey(claim.worker), DeleteOption.DEFAULT))
                .commit(), "abandon worker " + claim.worker);
        call(client.getLeaseClient().revoke(claim.backendLeaseId), "revoke lease");
    }

    @Override
    public Map<String, String> createAllIfAbsent(Map<String, String> values) {
        List<Cmp> absent = new java.util.ArrayList<>();
        List<Op> puts = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            absent.add(new Cmp(bytes(e.getKey()), Cmp.Op.EQUAL, CmpTarget.createRevision(0)));
            puts.add(Op.put(bytes(e.getKey()), bytes(e.getValue()), PutOption.DEFAULT));
        }
        call(kv.txn().If(absent.toArray(new Cmp[0])).Then(puts.toArray(new Op[0])).commit(), "record " + values.keySet());
        Map<String, String> now = new java.util.HashMap<>();
        for (String key : values.keySet()) {
            GetResponse r = call(kv.get(bytes(key)), "read " + key);
            now.put(key, r.getKvs().isEmpty() ? null : r.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8));
        }
        return now;
    }

    @Override
    public void overwrite(String key, String value) {
        call(kv.put(bytes(key), bytes(value)), "write " + key);
    }

    @Override
    public long ttlMillis() {
        return ttlMillis;
    }

    @Override
    public void close() {
        client.close();
    }

    private ByteSequence ownerKey(int worker) {
        return bytes(workersPrefix + worker);
    }

    private ByteSequence recordKey(int worker) {
        return bytes(recordsPrefix + worker);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private <T> T call(CompletableFuture<T> f, String what) {
        return await(f, timeoutMillis, what + " at etcd " + endpoints);
    }

    private static <T> T await(CompletableFuture<T> f, long timeoutMillis, String what) {
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new CoordinationException("could not " + what + " within " + timeoutMillis + " ms", e);
        } catch (ExecutionException e) {
            throw new CoordinationException("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException("interrupted: " + what, e);
        }
    }

}
