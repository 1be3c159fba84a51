/**
 * The simulated ECS data plane of the sandbox: what moto does not model (tasks, ALB target health,
 * rolling deployments, the circuit breaker, deployment events), so a release can go bad on purpose.
 *
 * <p>Wiring: an {@link dev.berth.sandbox.ecs.EcsDataPlane} on a {@link dev.berth.sandbox.ecs.ScaledClock}
 * with a {@link dev.berth.sandbox.ecs.Scenario} of misbehaving images, {@link
 * dev.berth.sandbox.ecs.DataPlaneTimings}, and a {@link dev.berth.sandbox.ecs.PutEventsSink} to moto;
 * {@code startTicker} so rollouts progress on their own; and an {@link
 * dev.berth.sandbox.ecs.EcsDataPlaneInterceptor} in the gateway in front of moto (it resolves images in
 * moto's ECR when a deployment starts, {@link dev.berth.sandbox.ecs.EcrImages}). Which images misbehave:
 * {@link dev.berth.sandbox.ecs.ImageSelector}s in the scenario, set by name through
 * {@link dev.berth.sandbox.ecs.ImageBehaviours} (and its HTTP API in {@code ecs.control}). Each task's
 * health checks: {@link dev.berth.sandbox.ecs.HealthChecks}; the scheduler: {@code SimService}. Tests
 * drive the same model with a {@link dev.berth.sandbox.ecs.ManualClock}.
 */
package dev.berth.sandbox.ecs;
