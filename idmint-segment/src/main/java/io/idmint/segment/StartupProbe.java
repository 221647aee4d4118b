package io.idmint.segment;

import io.idmint.core.FailureKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a generator checks before its first segment: the key's row on every reachable store, so that a store
 * configured with another stride or remainder than its row is refused at start, not at its first fetch; and
 * the step an operator stored for the key, which a generator starts with unless told otherwise.
 */
final class StartupProbe {
    private StartupProbe() {}

    /**
     * @throws SegmentException PERMANENT on a stride mismatch; RETRY_LATER when no store answers, naming each
     */
    static int initialStep(SegmentGeneratorBuilder.Settings b, StoreSet stores) {
        Integer stored = null;
        List<SegmentException> failures = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            SegmentStore s = stores.get(i);
            try {
                Optional<SegmentKey> key = s.key(b.bizTag());
                stores.recordSuccess(i);
                if (key.isPresent() && (key.get().stride() != s.stride() || key.get().remainder() != s.remainder())) {
                    throw StrideMismatch.of(b.bizTag(), s.location(), key.get(), s.stride(), s.remainder());
                }
                if (key.isPresent() && stored == null) {
                    stored = key.get().step();
                }
            } catch (SegmentException e) {
                if (e.kind() == FailureKind.PERMANENT) {
                    throw e;
                }
                stores.recordFailure(i, e.getMessage());
                failures.add(e);
            }
        }
        if (failures.size() == stores.size()) {
            throw noStoreReachable(b.bizTag(), failures);
        }
        int step = b.initialStepSet() || stored == null ? b.initialStep() : stored;
        return Math.max(b.minStep(), Math.min(b.maxStep(), step));
    }

    private static SegmentException noStoreReachable(String bizTag, List<SegmentException> failures) {
        if (failures.size() == 1) {
            return failures.get(0);
        }
        List<String> messages = new ArrayList<>();
        failures.forEach(f -> messages.add(f.getMessage()));
        return SegmentException.unavailable("no segment store of biz tag '" + bizTag + "' is reachable (" + failures.size()
                + " tried): " + String.join("; ", messages), failures.get(0));
    }
}
