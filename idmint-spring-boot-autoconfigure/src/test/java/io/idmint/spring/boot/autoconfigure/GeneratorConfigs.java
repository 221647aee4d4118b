package io.idmint.spring.boot.autoconfigure;

import io.idmint.config.GeneratorSettings;

/** Generator settings for tests that need no high-water mark files. */
final class GeneratorConfigs {
    private GeneratorConfigs() {}

    static GeneratorSettings noState() {
        return GeneratorSettings.DEFAULT.withStateDir(null);
    }
}
