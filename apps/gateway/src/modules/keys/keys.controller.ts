import { Controller, Delete, Get, HttpCode, Param, PipeTransform, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  SEATGATE_KID,
  signingKeyCreateSchema,
  signingKeyListQuery,
  type SigningKeyCreate,
  type SigningKeyListQuery,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import { ZodBody, ZodQuery } from '../../common/validation/zod-request.decorator';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import { DomainError } from '../../common/errors/domain.error';
import { TenantId } from '../../common/decorators/tenant-id.decorator';
import { KeysService } from './keys.service';

/** Anything that is not a Seatgate kid cannot name a key: not found, like any other. */
class KidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SEATGATE_KID.test(value)) throw new DomainError('key_not_found', 'signing key not found');
    return value;
  }
}

const Kid = () => Param('kid', new KidPipe());

@ApiTags('keys')
@Controller('api/admin/tenants/:tenantId/keys')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Get()
  @AdminRoute({
    role: 'auditor',
    summary: "List a tenant's signing keys for business tokens (never their secrets)",
  })
  list(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodQuery(signingKeyListQuery) query: SigningKeyListQuery,
  ) {
    return this.keys.list(ctx, tenantId, query);
  }

  @Post()
  @AdminRoute({
    role: 'tenant_admin',
    summary: 'Add a signing key: a generated HS256 secret (shown once), a public key, or a JWKS URL',
  })
  create(
    @Ctx() ctx: RequestContext,
    @TenantId() tenantId: string,
    @ZodBody(signingKeyCreateSchema) body: SigningKeyCreate,
  ) {
    return this.keys.create(ctx, tenantId, body);
  }

  @Get(':kid')
  @AdminRoute({ role: 'auditor', summary: 'Get a signing key' })
  get(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @Kid() kid: string) {
    return this.keys.get(ctx, tenantId, kid);
  }

  @Delete(':kid')
  @HttpCode(204)
  @AdminRoute({
    role: 'tenant_admin',
    summary: 'Revoke a signing key: tokens it signed stop working at once',
  })
  async revoke(@Ctx() ctx: RequestContext, @TenantId() tenantId: string, @Kid() kid: string): Promise<void> {
    await this.keys.revoke(ctx, tenantId, kid);
  }
}
