/**
 * The sandbox's HTTP API for the simulated ECS data plane: {@code /_berth/images}, how images behave
 * (see {@link dev.berth.sandbox.ecs.control.ImageBehaviourEndpoint}).
 */
package dev.berth.sandbox.ecs.control;
