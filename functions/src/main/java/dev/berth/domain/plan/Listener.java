package dev.berth.domain.plan;

/** Which weighted forward a blue/green step shifts or reads back. */
public enum Listener {
    /** The production listener or listener rule: where users' traffic goes. */
    PRODUCTION,
    /** The optional test listener: all of it goes to the new color before any production traffic does. */
    TEST
}
