package io.idmint.config;

/** Where a generator's worker ID comes from: the file or env (static), a coordinator's lease, or both (hybrid). */
public enum AllocationKind { STATIC, ZOOKEEPER, ETCD, HYBRID }
