/**
 * The sandbox's EventBridge: what moto's EventBridge does not do for Berth. moto keeps rules and
 * delivers to SQS; it does not invoke Lambda functions. Here, every event that reaches EventBridge
 * in the sandbox is matched against the template's {@code EventBridgeRule} events with EventBridge's
 * content-filtering semantics ({@link dev.berth.sandbox.eventbridge.EventPattern}) and delivered to
 * the matching functions as asynchronous Lambda invocations.
 */
package dev.berth.sandbox.eventbridge;
