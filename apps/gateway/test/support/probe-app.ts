// A bare Nest application around probe controllers, with the gateway's exception filter: for unit
// specs of decorators, pipes and error answers that need HTTP but no database.
import { Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AllExceptionsFilter } from '../../src/common/filters/all-exceptions.filter';

export async function probeApp(...controllers: Type[]): Promise<INestApplication> {
  @Module({ controllers })
  class ProbeModule {}
  const app = await NestFactory.create(ProbeModule, { logger: false });
  app.useGlobalFilters(new AllExceptionsFilter({}));
  await app.init();
  return app;
}
