import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { auditListQuery, auditVerifyQuery, type AuditListQuery } from '@seatgate/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { AdminRoute, Ctx } from '../../common/decorators/admin-route.decorator';
import type { RequestContext } from '../../common/context/request-context';
import { ApiZodQuery } from '../../common/validation/api-zod.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @AdminRoute('List audit events, newest first')
  @ApiZodQuery(auditListQuery)
  list(@Ctx() ctx: RequestContext, @Query(new ZodPipe(auditListQuery)) query: AuditListQuery) {
    return this.audit.list(ctx, query);
  }

  @Get('export')
  @AdminRoute('Export audit events as CSV')
  @ApiZodQuery(auditListQuery)
  export(
    @Ctx() ctx: RequestContext,
    @Query(new ZodPipe(auditListQuery)) query: AuditListQuery,
    @Res({ passthrough: true }) res: Response,
  ): StreamableFile {
    const stream = this.audit.export(ctx, query);
    res.setHeader('Content-Disposition', 'attachment; filename="audit.csv"');
    return new StreamableFile(stream, { type: 'text/csv; charset=utf-8' });
  }

  @Get('verify')
  @AdminRoute('Verify the hash chains of the audit trail')
  @ApiZodQuery(auditVerifyQuery)
  verify(
    @Ctx() ctx: RequestContext,
    @Query(new ZodPipe(auditVerifyQuery)) query: z.infer<typeof auditVerifyQuery>,
  ) {
    return this.audit.verify(ctx, query.tenantId);
  }
}
