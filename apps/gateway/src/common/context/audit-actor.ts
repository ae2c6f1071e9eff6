// The audit trail's record of an admin caller, the same in every module that audits admin actions.
import type { RequestContext } from './request-context';

export const auditActor = (ctx: RequestContext) => ({
  type: 'admin' as const,
  id: ctx.actor.id,
  display: ctx.actor.email,
});
