// One decorator per business-user route: the business JWT guard plus OpenAPI metadata; and
// @BusinessCtx(), which refuses to run where that guard did not.
import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import type { BusinessContext } from '../../common/context/business-context';
import { businessContextOf, BusinessJwtGuard } from './business-jwt.guard';

export function BusinessRoute(summary: string): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(BusinessJwtGuard), ApiBearerAuth(), ApiOperation({ summary }));
}

export const BusinessCtx = createParamDecorator((_: unknown, host: ExecutionContext): BusinessContext =>
  businessContextOf(host.switchToHttp().getRequest()),
);
