package io.idmint.faults;

import io.idmint.testkit.Etcd;

import java.util.List;

/**
 * etcd, the members the nemesis works on, a spare member that only runs to take over a paused member's
 * worker ID (its requests count for the ID checks, not for availability), and what they were started with.
 */
record Cluster(Etcd etcd, List<? extends Member> members, Member spare, ClusterSettings settings, String config) {}
