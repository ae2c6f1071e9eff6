import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/api-zod.decorator';
import { IdPipe } from '../../common/validation/id.pipe';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { UsersService } from './users.service';

@ApiTags('admin users')
@Controller('api/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AdminRoute('List admin users (platform admins)')
  @ApiZodQuery(adminUserListQuery)
  list(
    @Ctx() ctx: RequestContext,
    @Query(new ZodPipe(adminUserListQuery)) query: z.infer<typeof adminUserListQuery>,
  ) {
    return this.users.list(ctx, query);
  }

  @Post()
  @AdminRoute('Create an admin user (platform admins)')
  @ApiZodBody(adminUserCreateSchema)
  create(@Ctx() ctx: RequestContext, @Body(new ZodPipe(adminUserCreateSchema)) body: AdminUserCreate) {
    return this.users.create(ctx, body);
  }

  @Get(':userId')
  @AdminRoute('Get an admin user (platform admins)')
  get(@Ctx() ctx: RequestContext, @Param('userId', new IdPipe('user_not_found')) userId: string) {
    return this.users.get(ctx, userId);
  }

  @Patch(':userId')
  @AdminRoute('Change role, tenants, password or disabled flag (platform admins)')
  @ApiZodBody(adminUserUpdateSchema)
  update(
    @Ctx() ctx: RequestContext,
    @Param('userId', new IdPipe('user_not_found')) userId: string,
    @Body(new ZodPipe(adminUserUpdateSchema)) body: AdminUserUpdate,
  ) {
    return this.users.update(ctx, userId, body);
  }

  @Delete(':userId')
  @HttpCode(204)
  @AdminRoute('Delete an admin user (platform admins)')
  async delete(
    @Ctx() ctx: RequestContext,
    @Param('userId', new IdPipe('user_not_found')) userId: string,
  ): Promise<void> {
    await this.users.delete(ctx, userId);
  }
}
