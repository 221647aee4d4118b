package io.idmint.coordination;

import io.idmint.core.BitLayout;
import io.idmint.core.IdGenerator;
import io.idmint.core.IdGenerationException;
import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The child process of the failure tests: holds one leased worker ID and issues an ID about every
 * millisecond, printing {@code lease <worker> <epoch>} when it holds a new lease, {@code id <epoch> <id>}
 * for every ID ({@code ?} when the lease changed during the call), and {@code refused <message>} when a
 * call is refused (once per distinct message).
 *
 * <p>Arguments: backend address cluster range ttlMillis recycleDelayMillis
 */
public final class LeaseHolderMain {
    private LeaseHolderMain() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        LeaseSettings settings = TestLeases.settings(args[2], WorkerRange.parse(args[3]))
                .leaseTtl(Duration.ofMillis(Long.parseLong(args[4])))
                .recycleDelay(Duration.ofMillis(Long.parseLong(args[5])))
                .acquireTimeout(Duration.ofSeconds(30))
                .build();
        WorkerIdAllocator allocator = args[0].equals("zookeeper") ? WorkerIdAllocator.zookeeper(args[1], settings)
                : WorkerIdAllocator.etcd(args[1], settings);
        BitLayout layout = BitLayout.preset("default");
        LeasedIdGenerator generator = LeasedIdGenerator.open(allocator, layout, 1,
                lease -> IdGenerator.builder(layout).lease(lease).maxStartupWait(Duration.ofSeconds(10)).build());
        long printedEpoch = -1;
        String lastRefusal = "";
        for (;;) {
            io.idmint.core.issuing.LeaseView before = generator.leases().get(0);
            if (before.held() && before.epoch() != printedEpoch) {
                out.println("lease " + before.worker() + " " + before.epoch());
                printedEpoch = before.epoch();
            }
            try {
                long id = generator.nextId();
                io.idmint.core.issuing.LeaseView after = generator.leases().get(0);
                out.println("id " + (after.epoch() == before.epoch() ? Long.toString(before.epoch()) : "?") + " " + id);
            } catch (IdGenerationException e) {
                String kind = e.getMessage().contains("deadline") ? "deadline" : e.getMessage().contains("no worker lease") ? "none" : "other";
                if (!kind.equals(lastRefusal)) {
                    out.println("refused " + e.getMessage());
                    lastRefusal = kind;
                }
            }
            LockSupport.parkNanos(1_000_000); // pacing: about one ID per millisecond
        }
    }
}
