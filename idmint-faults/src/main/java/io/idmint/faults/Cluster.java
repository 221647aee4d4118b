package io.idmint.faults;

import java.util.List;

/** etcd and the members the nemesis works on. */
record Cluster(Etcd etcd, List<? extends Member> members) {}
