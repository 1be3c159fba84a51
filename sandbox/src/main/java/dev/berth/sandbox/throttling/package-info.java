/**
 * API rate limits at the sandbox's gateway: {@link dev.berth.sandbox.throttling.RateLimiter} holds each
 * AWS API to a token bucket with AWS's published figures ({@link dev.berth.sandbox.throttling.PublishedLimits})
 * and answers over-limit calls with the service's throttling error; off unless a test or bench switches it on
 * ({@code sandbox.rateLimiter().enforcePublished()}).
 */
package dev.berth.sandbox.throttling;
