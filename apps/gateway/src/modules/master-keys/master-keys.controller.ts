import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { masterKeyRotationSchema, masterKeyStatusSchema } from '@seatgate/contracts';
import { z } from 'zod';
import type { RequestContext } from '../../common/context/request-context';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { MasterKeysService } from './master-keys.service';

function ApiZodOk(schema: z.ZodType): MethodDecorator {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
  return ApiOkResponse({ schema: json });
}

@ApiTags('master keys')
@Controller('api/admin/master-keys')
export class MasterKeysController {
  constructor(private readonly masterKeys: MasterKeysService) {}

  @Get()
  @AdminRoute({
    role: 'platform_admin',
    summary: 'Which master key wraps the stored credentials and secrets (platform admins)',
  })
  @ApiZodOk(masterKeyStatusSchema)
  status(@Ctx() ctx: RequestContext) {
    return this.masterKeys.status(ctx);
  }

  @Post('rotate')
  @HttpCode(200)
  @AdminRoute({
    role: 'platform_admin',
    summary: 'Re-wrap app credentials and HS256 secrets under the primary master key (platform admins)',
  })
  @ApiZodOk(masterKeyRotationSchema)
  rotate(@Ctx() ctx: RequestContext) {
    return this.masterKeys.rotate(ctx);
  }
}
