// The SCIM 2.0 service (RFC 7644) at /scim/v2 for tenants' identity providers: discovery, Users and
// Groups. Every route answers application/scim+json, errors in SCIM's schema (ScimExceptionFilter);
// every call is authenticated by a tenant's SCIM token, rate limited per tenant and audited.
import {
  All,
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ScimAuditInterceptor } from './scim-audit.interceptor';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimCtx, type ScimContext } from './scim-context';
import { resourceTypes, schemas, serviceProviderConfig } from './scim-discovery';
import { SCIM_CONTENT_TYPE, ScimExceptionFilter } from './scim-exception.filter';
import { ScimGroupsService } from './scim-groups.service';
import { ScimUsersService, type ListQuery } from './scim-users.service';
import { scimErrors } from './scim.errors';
import { LIST_SCHEMA } from './scim-user';

type Query = ListQuery & { excludedAttributes?: string };

/** Query values as strings: a repeated parameter (an array) or a nested one is refused. */
function flat(query: Record<string, unknown>): Query {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value !== 'string')
      throw scimErrors.invalidValue(`the query parameter ${key.slice(0, 40)} is given more than once`);
    out[key] = value;
  }
  return out;
}

@ApiExcludeController()
@Controller('scim/v2')
@UseFilters(ScimExceptionFilter)
@UseGuards(ScimAuthGuard)
@UseInterceptors(ScimAuditInterceptor)
export class ScimController {
  constructor(
    private readonly users: ScimUsersService,
    private readonly groups: ScimGroupsService,
  ) {}

  @Get('ServiceProviderConfig')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  serviceProviderConfig(@ScimCtx() ctx: ScimContext) {
    return serviceProviderConfig(ctx.base);
  }

  @Get('ResourceTypes')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  resourceTypes(@ScimCtx() ctx: ScimContext) {
    const types = resourceTypes(ctx.base);
    return {
      schemas: [LIST_SCHEMA],
      totalResults: types.length,
      startIndex: 1,
      itemsPerPage: types.length,
      Resources: types,
    };
  }

  @Get('ResourceTypes/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  resourceType(@ScimCtx() ctx: ScimContext, @Param('id') id: string) {
    const type = resourceTypes(ctx.base).find((candidate) => candidate.id === id);
    if (!type) throw scimErrors.notFound(`ResourceType ${id.slice(0, 80)}`);
    return type;
  }

  @Get('Schemas')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  schemas(@ScimCtx() ctx: ScimContext) {
    const all = schemas(ctx.base);
    return {
      schemas: [LIST_SCHEMA],
      totalResults: all.length,
      startIndex: 1,
      itemsPerPage: all.length,
      Resources: all,
    };
  }

  @Get('Schemas/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  schema(@ScimCtx() ctx: ScimContext, @Param('id') id: string) {
    const schema = schemas(ctx.base).find((candidate) => candidate.id === id);
    if (!schema) throw scimErrors.notFound(`Schema ${id.slice(0, 120)}`);
    return schema;
  }

  // ---- Users ----------------------------------------------------------------------------------

  @Get('Users')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  listUsers(@ScimCtx() ctx: ScimContext, @Query() query: Record<string, unknown>) {
    return this.users.list(ctx, flat(query));
  }

  @Post('Users')
  async createUser(
    @ScimCtx() ctx: ScimContext,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const user = await this.users.create(ctx, body);
    res.setHeader('Content-Type', SCIM_CONTENT_TYPE);
    res.setHeader('Location', String((user['meta'] as { location: string }).location));
    return user;
  }

  @Get('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  getUser(@ScimCtx() ctx: ScimContext, @Param('id') id: string) {
    return this.users.get(ctx, id);
  }

  @Put('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  replaceUser(@ScimCtx() ctx: ScimContext, @Param('id') id: string, @Body() body: unknown) {
    return this.users.replace(ctx, id, body);
  }

  @Patch('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  patchUser(@ScimCtx() ctx: ScimContext, @Param('id') id: string, @Body() body: unknown) {
    return this.users.patch(ctx, id, body);
  }

  @Delete('Users/:id')
  @HttpCode(204)
  async deleteUser(@ScimCtx() ctx: ScimContext, @Param('id') id: string): Promise<void> {
    await this.users.delete(ctx, id);
  }

  // ---- Groups ---------------------------------------------------------------------------------

  @Get('Groups')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  listGroups(@ScimCtx() ctx: ScimContext, @Query() query: Record<string, unknown>) {
    return this.groups.list(ctx, flat(query));
  }

  @Post('Groups')
  async createGroup(
    @ScimCtx() ctx: ScimContext,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const group = await this.groups.create(ctx, body);
    res.setHeader('Content-Type', SCIM_CONTENT_TYPE);
    res.setHeader('Location', group.meta.location);
    return group;
  }

  @Get('Groups/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  getGroup(@ScimCtx() ctx: ScimContext, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    return this.groups.get(ctx, id, flat(query));
  }

  @Put('Groups/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  replaceGroup(@ScimCtx() ctx: ScimContext, @Param('id') id: string, @Body() body: unknown) {
    return this.groups.replace(ctx, id, body);
  }

  @Patch('Groups/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  patchGroup(@ScimCtx() ctx: ScimContext, @Param('id') id: string, @Body() body: unknown) {
    return this.groups.patch(ctx, id, body);
  }

  @Delete('Groups/:id')
  @HttpCode(204)
  async deleteGroup(@ScimCtx() ctx: ScimContext, @Param('id') id: string): Promise<void> {
    await this.groups.delete(ctx, id);
  }

  /** Anything else under /scim/v2 (Bulk, /Me, .search, a typo): SCIM's 404, never the console. */
  @All('*path')
  other(): never {
    throw scimErrors.notFound('this SCIM endpoint');
  }
}
