// Per-process caches of the login path and their invalidation across replicas (see
// cache-invalidation.service.ts). Global like the database: the key resolver, the login flow and
// the TCCC client all keep caches governed by the one LISTEN connection.
import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CacheDropInterceptor } from './cache-drop.interceptor';
import { CacheInvalidation } from './cache-invalidation.service';

@Global()
@Module({
  providers: [CacheInvalidation, { provide: APP_INTERCEPTOR, useClass: CacheDropInterceptor }],
  exports: [CacheInvalidation],
})
export class CacheModule {}
