package dev.berth.sandbox.eventbridge;

import java.util.Random;

/**
 * EventBridge delivers at least once: now and then a target gets the same event twice. The sandbox
 * does so on demand ({@code duplicateDeliveryRatio}, 0 by default), from a seeded generator so a run
 * can be repeated.
 */
final class AtLeastOnce {

    /** The settings as the control endpoint shows and takes them. */
    record Settings(double duplicateDeliveryRatio, long seed) {
        static final Settings EXACTLY_ONCE = new Settings(0, 7);

        Settings {
            if (!(duplicateDeliveryRatio >= 0 && duplicateDeliveryRatio <= 1)) {
                throw new IllegalArgumentException("duplicateDeliveryRatio must be between 0 and 1, got " + duplicateDeliveryRatio);
            }
        }
    }

    private Settings settings = Settings.EXACTLY_ONCE;
    private Random random = new Random(settings.seed());

    synchronized Settings settings() {
        return settings;
    }

    /** New settings; the generator restarts from the seed, so the same events get the same duplicates again. */
    synchronized void set(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    /** Whether the next delivery is made twice. */
    synchronized boolean twice() {
        return settings.duplicateDeliveryRatio() > 0 && random.nextDouble() < settings.duplicateDeliveryRatio();
    }
}
