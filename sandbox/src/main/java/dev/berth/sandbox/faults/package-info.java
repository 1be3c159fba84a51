/**
 * Failure injection at the sandbox's gateway: rules that make chosen AWS calls fail with the error the
 * service would send, in its protocol's wire format, so the real SDK parses it as that service's error.
 * {@link dev.berth.sandbox.faults.FaultInjector} is the gateway's first interceptor and serves
 * {@code /_berth/faults}; tests use {@code sandbox.faults()}.
 */
package dev.berth.sandbox.faults;
