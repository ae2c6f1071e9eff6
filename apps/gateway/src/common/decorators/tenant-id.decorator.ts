// The `:tenantId` route parameter, checked to be an id (anything else is "tenant not found", like
// a tenant the caller may not see).
import { Param } from '@nestjs/common';
import { IdPipe } from '../validation/id.pipe';

export const TenantId = () => Param('tenantId', new IdPipe('tenant_not_found'));
