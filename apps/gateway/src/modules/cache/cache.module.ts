// Per-process caches of the login path and their invalidation across replicas (see
// cache-invalidation.service.ts): the key resolver, the login flow and the TCCC client all keep
// caches governed by the one LISTEN connection of the process (one instance, however many import it).
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CacheDropInterceptor } from './cache-drop.interceptor';
import { CacheInvalidation } from './cache-invalidation.service';

@Module({
  providers: [CacheInvalidation, { provide: APP_INTERCEPTOR, useClass: CacheDropInterceptor }],
  exports: [CacheInvalidation],
})
export class CacheModule {}
