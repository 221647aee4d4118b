package io.idmint.faults;

import io.idmint.testkit.Etcd;

import java.util.List;

/**
 * What the members depend on (etcd for leasing members, PostgreSQL for segment members; the other is null),
 * the members the nemesis works on, a spare member that only runs to take over a paused member's worker ID
 * (its requests count for the ID checks, not for availability; null with segment members), and what they
 * were started with.
 */
record Cluster(Etcd etcd, PostgresServer postgres, List<? extends Member> members, Member spare, ClusterSettings settings,
               String config) {}
