// The audit trail's record of an admin caller, the same in every module that audits admin actions.
import type { RequestContext } from './request-context';

export const auditActor = (ctx: RequestContext) => ({
  type: 'admin' as const,
  id: ctx.actor.id,
  display: ctx.actor.email,
});

/** An admin's action as an audit event: the admin as its actor, and the request it came with. */
export const adminEvent = <E extends object>(ctx: RequestContext, event: E) => ({
  ...event,
  actor: auditActor(ctx),
  meta: ctx,
});
