package io.idmint.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generator.worker: 4..7}: several static worker IDs in one process, one per thread. */
class WorkerRangeTest {
    @TempDir
    Path dir;

    @Test
    void aRangeIsTheFirstWorkerAndTheCount() {
        GeneratorSettings g = ConfigFiles.load(dir, "generator: {worker: 4..7}\n").defaultGenerator().generator();
        assertThat(g.worker()).isEqualTo(4);
        assertThat(g.workerCount()).isEqualTo(4);
        assertThat(g.lastWorker()).isEqualTo(7);
        assertThat(ConfigFiles.load(dir, "generator: {worker: 3}\n").defaultGenerator().generator().workerCount()).isEqualTo(1);
    }

    @Test
    void aRangeMustFitTheLayoutAndNotBeEmpty() {
        assertThat(ConfigFiles.problems(dir, "generator: {worker: 30..33}\nlayout: {preset: default}\n")).anySatisfy(p ->
                assertThat(p).startsWith("generator.worker must be 0..31 for layout 'default': generator.worker=33"));
        assertThat(ConfigFiles.problems(dir, "generator: {worker: 7..4}\n")).containsExactly(
                "generator.worker must be a number or a range first..last of 1..1024 worker IDs: generator.worker=7..4"
                        + " (example: worker: 4..7)");
    }

    @Test
    void overlappingRangesOfTwoGeneratorsWouldIssueTheSameIds() {
        assertThat(ConfigFiles.problems(dir, "generator: {worker: 0..3}\ngenerators:\n  orders: {generator: {worker: 3..5}}\n"))
                .containsExactly("generators default and orders would issue the same IDs: same layout bits"
                        + " (timestamp:41,datacenter:5,worker:5,sequence:12;tick=1ms;epoch=1704067200000), datacenter 0, worker 3"
                        + " (example: generators.orders.generator.worker: 4)");
        assertThat(ConfigFiles.problems(dir, "generator: {worker: 0..3}\ngenerators:\n  orders: {generator: {worker: 4..5}}\n"))
                .isEmpty();
    }

    @Test
    void leasedAllocationsHoldSeveralIdsWithPerProcessNotARange() {
        assertThat(ConfigFiles.problems(dir, "generator: {worker: 0..1}\nworkers: {allocation: etcd, etcd: \"http://127.0.0.1:2379\"}\n"))
                .containsExactly("generator.worker=0..1 names static worker IDs, but workers.allocation=etcd leases them: hold"
                        + " several leased IDs with workers.perProcess (example: perProcess: 2)");
    }
}
