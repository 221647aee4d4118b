package io.idmint.client;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.idmint.grpc.v1.GenerateBatchRequest;
import io.idmint.grpc.v1.GenerateBatchResponse;
import io.idmint.grpc.v1.IdServiceGrpc;
import io.idmint.grpc.v1.IdServiceGrpc.IdServiceBlockingStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * GenerateBatch against a list of servers: starts at the one that answered last and moves to the next
 * on failure. Called only from the pool's single refill thread, or under the client's text lock, so it
 * keeps its state unsynchronised.
 */
final class FailoverFetcher implements BatchSource, AutoCloseable {
    /** Failures another server would repeat, because the request itself is at fault: no failover. */
    private static final Set<Status.Code> FINAL = EnumSet.of(Status.Code.INVALID_ARGUMENT,
            Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE, Status.Code.PERMISSION_DENIED,
            Status.Code.UNAUTHENTICATED);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final List<String> addresses;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<IdServiceBlockingStub> stubs = new ArrayList<>();
    private final GenerateBatchRequest request;
    private final long callTimeoutNanos;
    private int preferred;

    FailoverFetcher(List<String> addresses, String generator, int batchSize, Duration callTimeout) {
        this.addresses = List.copyOf(addresses);
        this.request = GenerateBatchRequest.newBuilder().setCount(batchSize).setGenerator(generator).build();
        this.callTimeoutNanos = callTimeout.toNanos();
        try {
            for (String address : this.addresses) {
                ManagedChannel channel = Grpc.newChannelBuilder(address, InsecureChannelCredentials.create()).build();
                channels.add(channel);
                stubs.add(IdServiceGrpc.newBlockingStub(channel));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public long[] fetch() {
        GenerateBatchResponse reply = fetchReply();
        if (reply.getIdsCount() == 0) {
            throw new IdClientException(reply.getTextsCount() > 0 ? "generator '" + request.getGenerator() + "' issues"
                    + " 128-bit IDs: build the client with wideIds() and call nextText()"
                    : "server returned 0 IDs; asked for " + request.getCount());
        }
        long[] ids = new long[reply.getIdsCount()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = reply.getIds(k); // indexed primitive read: getIdsList() would box
        }
        return ids;
    }

    /** A batch of 128-bit IDs in their canonical text, with the same failover. */
    List<String> fetchTexts() {
        GenerateBatchResponse reply = fetchReply();
        if (reply.getTextsCount() == 0) {
            throw new IdClientException(reply.getIdsCount() > 0 ? "generator '" + request.getGenerator() + "' issues"
                    + " 64-bit IDs: build the client without wideIds() and call nextId()"
                    : "server returned 0 IDs; asked for " + request.getCount());
        }
        return reply.getTextsList();
    }

    private GenerateBatchResponse fetchReply() {
        List<String> tried = new ArrayList<>(addresses.size());
        StatusRuntimeException last = null;
        for (int k = 0; k < addresses.size(); k++) {
            int i = (preferred + k) % addresses.size();
            tried.add(addresses.get(i));
            try {
                GenerateBatchResponse reply = call(i);
                preferred = i; // stick to a server that answers: no needless reconnects
                return reply;
            } catch (StatusRuntimeException e) {
                last = e;
                if (FINAL.contains(e.getStatus().getCode())) {
                    break;
                }
            }
        }
        throw new IdClientException("GenerateBatch failed on " + tried + "; last error from "
                + tried.get(tried.size() - 1) + ": " + describe(last.getStatus()), last);
    }

    private GenerateBatchResponse call(int i) {
        return stubs.get(i).withDeadlineAfter(callTimeoutNanos, TimeUnit.NANOSECONDS).generateBatch(request);
    }

    private static String describe(Status status) {
        return status.getDescription() == null ? status.getCode().toString()
                : status.getCode() + ": " + status.getDescription();
    }

    @Override
    public String describe() {
        return addresses.toString();
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow); // pending refills are dropped anyway
        for (ManagedChannel channel : channels) {
            try {
                channel.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
