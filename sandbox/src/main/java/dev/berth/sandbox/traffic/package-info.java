/**
 * Where ALB listeners and rules send traffic in the sandbox: {@link dev.berth.sandbox.traffic.ListenerTraffic}
 * reads a weighted forward from ELB, {@link dev.berth.sandbox.traffic.WeightedForward} routes modelled requests
 * by its weights, and {@link dev.berth.sandbox.traffic.TrafficEndpoint} serves it as {@code GET /_berth/traffic}.
 */
package dev.berth.sandbox.traffic;
