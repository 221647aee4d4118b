package io.idmint.clock;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.idmint.core.issuing.ClockStatus;
import java.util.function.Supplier;

/**
 * The kernel's own view of the host clock, read with Linux {@code adjtimex(2)} in read-only mode (no
 * privilege needed): whether NTP keeps it synchronized ({@code STA_UNSYNC} clear and a state other than
 * {@code TIME_ERROR}) and the estimated and maximum error. Elsewhere, or when the call fails, the status
 * is {@link ClockStatus.Ntp#UNKNOWN} with the reason. Each read is one system call, cheap enough for
 * every health request.
 */
public final class KernelClock implements Supplier<ClockStatus> {
    /** {@code STA_UNSYNC} in {@code struct timex.status}: the clock is not synchronized. */
    static final int STA_UNSYNC = 0x0040;
    /** {@code TIME_ERROR}, adjtimex's return value for a clock that is not synchronized. */
    static final int TIME_ERROR = 5;
    /** {@code struct timex} on 64-bit Linux is 208 bytes; a larger zeroed buffer leaves room. */
    private static final int TIMEX_BYTES = 256;
    private static final int MAXERROR_OFFSET = 24;
    private static final int ESTERROR_OFFSET = 32;
    private static final int STATUS_OFFSET = 40;

    /** The C library's adjtimex. */
    interface LibC extends Library {
        int adjtimex(Pointer timex);
    }

    private final LibC libc;
    private final String unavailable;

    private KernelClock(LibC libc, String unavailable) {
        this.libc = libc;
        this.unavailable = unavailable;
    }

    /** The host's kernel clock; on a platform without {@code adjtimex} one that always answers unknown. */
    public static KernelClock host() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return new KernelClock(null, "adjtimex is read on 64-bit Linux only: os.name=" + System.getProperty("os.name"));
        }
        try {
            return new KernelClock(Native.load("c", LibC.class), null);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return new KernelClock(null, "cannot load the C library's adjtimex: " + e.getMessage());
        }
    }

    @Override
    public ClockStatus get() {
        if (libc == null) {
            return new ClockStatus(ClockStatus.Ntp.UNKNOWN, -1, -1, unavailable);
        }
        Memory timex = new Memory(TIMEX_BYTES);
        timex.clear(); // modes = 0: read only
        int state;
        try {
            state = libc.adjtimex(timex);
        } catch (RuntimeException | LinkageError e) {
            return new ClockStatus(ClockStatus.Ntp.UNKNOWN, -1, -1, "adjtimex failed: " + e.getMessage());
        }
        return interpret(state, timex.getInt(STATUS_OFFSET), timex.getLong(ESTERROR_OFFSET), timex.getLong(MAXERROR_OFFSET));
    }

    /** What one adjtimex answer means: its return value, {@code status} bits and error fields (microseconds). */
    static ClockStatus interpret(int state, int status, long estErrorMicros, long maxErrorMicros) {
        if (state < 0) {
            return new ClockStatus(ClockStatus.Ntp.UNKNOWN, -1, -1, "adjtimex returned " + state);
        }
        boolean unsynchronized = state == TIME_ERROR || (status & STA_UNSYNC) != 0;
        String detail = "adjtimex: state " + state + ", status 0x" + Integer.toHexString(status) + ", esterror "
                + estErrorMicros + " us, maxerror " + maxErrorMicros + " us";
        return new ClockStatus(unsynchronized ? ClockStatus.Ntp.UNSYNCHRONIZED : ClockStatus.Ntp.SYNCHRONIZED,
                estErrorMicros / 1000, maxErrorMicros / 1000, detail);
    }
}
