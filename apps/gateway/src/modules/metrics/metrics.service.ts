// Prometheus metrics (prom-client) on a registry of this app's own, so several apps in one process
// (the integration tests) never share counters. Labels stay bounded: routes are patterns, tenants
// and apps are ids an admin created, reasons and codes come from fixed vocabularies.
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type CircuitStateValue = 'closed' | 'half_open' | 'open';
const CIRCUIT_VALUE: Record<CircuitStateValue, number> = { closed: 0, half_open: 1, open: 2 };

/** Where an unexpected error surfaced: a request's 500, a download broken midway, the process. */
export type UnexpectedErrorSource = 'request' | 'download' | 'uncaught_exception' | 'unhandled_rejection';

/** Reads the circuit state of every app this process has called (collected at scrape time). */
export type CircuitSource = () => Iterable<{ sdkAppId: number; state: CircuitStateValue }>;

@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private circuitSource: CircuitSource = () => [];

  private readonly httpRequests = new Counter({
    name: 'seatgate_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'seatgate_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly loginsIssued = new Counter({
    name: 'seatgate_logins_issued_total',
    help: 'One-time login URLs issued, by tenant',
    labelNames: ['tenant'] as const,
    registers: [this.registry],
  });
  private readonly loginsRedeemed = new Counter({
    name: 'seatgate_logins_redeemed_total',
    help: 'Login URLs redeemed (the one successful use), by tenant',
    labelNames: ['tenant'] as const,
    registers: [this.registry],
  });
  private readonly loginsDenied = new Counter({
    name: 'seatgate_logins_denied_total',
    help: 'Logins and redemptions refused, by tenant ("unknown" before one is known) and error code',
    labelNames: ['tenant', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly rateLimitDenials = new Counter({
    name: 'seatgate_rate_limit_denials_total',
    help: 'Logins refused by a rate limit, by scope (user, tenant, ip, upstream)',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });
  private readonly upstreamDuration = new Histogram({
    name: 'seatgate_upstream_request_duration_seconds',
    help: 'TCCC API calls, by action and outcome (ok or error)',
    labelNames: ['action', 'outcome'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly upstreamErrors = new Counter({
    name: 'seatgate_upstream_errors_total',
    help: 'TCCC API calls that failed, by action and TCCC error code (network_error when none came back)',
    labelNames: ['action', 'code'] as const,
    registers: [this.registry],
  });

  private readonly unexpectedErrors = new Counter({
    name: 'seatgate_unexpected_errors_total',
    help: 'Errors nobody expected (answered 500, broke a download midway, or reached the process), by where they surfaced',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'seatgate_process_' });
    const source = () => this.circuitSource();
    new Gauge({
      name: 'seatgate_upstream_circuit_state',
      help: "State of each TCCC app's circuit breaker in this process: 0 closed, 1 half-open, 2 open",
      labelNames: ['sdk_app_id'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { sdkAppId, state } of source())
          this.set({ sdk_app_id: String(sdkAppId) }, CIRCUIT_VALUE[state]);
      },
    });
  }

  watchCircuits(source: CircuitSource): void {
    this.circuitSource = source;
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  loginIssued(tenantId: string): void {
    this.loginsIssued.inc({ tenant: tenantId });
  }

  loginRedeemed(tenantId: string): void {
    this.loginsRedeemed.inc({ tenant: tenantId });
  }

  loginDenied(tenantId: string | null, reason: string): void {
    this.loginsDenied.inc({ tenant: tenantId ?? 'unknown', reason });
  }

  rateLimited(scope: string): void {
    this.rateLimitDenials.inc({ scope });
  }

  upstreamCall(action: string, seconds: number, errorCode: string | null): void {
    this.upstreamDuration.observe({ action, outcome: errorCode === null ? 'ok' : 'error' }, seconds);
    if (errorCode !== null) this.upstreamErrors.inc({ action, code: errorCode });
  }

  unexpectedError(source: UnexpectedErrorSource): void {
    this.unexpectedErrors.inc({ source });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
