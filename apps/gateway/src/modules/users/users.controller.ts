import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  adminUserCreateSchema,
  adminUserListQuery,
  adminUserUpdateSchema,
  type AdminUserCreate,
  type AdminUserUpdate,
} from '@seatgate/contracts';
import { z } from 'zod';
import type { RequestContext } from '../../common/context/request-context';
import { ZodBody, ZodQuery } from '../../common/validation/zod-request.decorator';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { UsersService } from './users.service';

@ApiTags('admin users')
@Controller('api/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AdminRoute({ role: 'platform_admin', summary: 'List admin users (platform admins)' })
  list(@Ctx() ctx: RequestContext, @ZodQuery(adminUserListQuery) query: z.infer<typeof adminUserListQuery>) {
    return this.users.list(ctx, query);
  }

  @Post()
  @AdminRoute({ role: 'platform_admin', summary: 'Create an admin user (platform admins)' })
  create(@Ctx() ctx: RequestContext, @ZodBody(adminUserCreateSchema) body: AdminUserCreate) {
    return this.users.create(ctx, body);
  }

  @Get(':userId')
  @AdminRoute({ role: 'platform_admin', summary: 'Get an admin user (platform admins)' })
  get(@Ctx() ctx: RequestContext, @Param('userId', new IdPipe('user_not_found')) userId: string) {
    return this.users.get(ctx, userId);
  }

  @Patch(':userId')
  @AdminRoute({
    role: 'platform_admin',
    summary: 'Change role, tenants, password or disabled flag (platform admins)',
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('userId', new IdPipe('user_not_found')) userId: string,
    @ZodBody(adminUserUpdateSchema) body: AdminUserUpdate,
  ) {
    return this.users.update(ctx, userId, body);
  }

  @Delete(':userId')
  @HttpCode(204)
  @AdminRoute({ role: 'platform_admin', summary: 'Delete an admin user (platform admins)' })
  async delete(
    @Ctx() ctx: RequestContext,
    @Param('userId', new IdPipe('user_not_found')) userId: string,
  ): Promise<void> {
    await this.users.delete(ctx, userId);
  }
}
