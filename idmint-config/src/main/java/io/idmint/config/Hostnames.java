package io.idmint.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes StatefulSet names its pods {@code <set>-<ordinal>}: the ordinal is a stable static worker ID. */
public final class Hostnames {
    private static final Pattern ORDINAL = Pattern.compile("-(\\d{1,9})$");

    private Hostnames() {}

    /** The ordinal of {@code idmint-3} is 3; of {@code idmint-3.idmint.default.svc} also 3 (first label only). */
    public static OptionalLong ordinal(String hostname) {
        String first = hostname.split("\\.", 2)[0];
        Matcher m = ORDINAL.matcher(first);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    static String local() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
