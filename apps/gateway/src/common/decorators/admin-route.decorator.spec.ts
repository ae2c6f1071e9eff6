import { Module, Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ADMIN_ROLE, ADMIN_ROLE_EXTENSION, AdminRoute } from './admin-route.decorator';

@Controller('probe')
class ProbeController {
  @Get()
  @AdminRoute({ role: 'auditor', summary: 'Read the probe' })
  read() {
    return {};
  }

  @Post()
  @AdminRoute({ role: 'platform_admin', summary: 'Change the probe' })
  change() {
    return {};
  }
}

describe('@AdminRoute({ role, summary })', () => {
  let app: INestApplication;

  beforeAll(async () => {
    @Module({ controllers: [ProbeController] })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('puts the least role in the route metadata', () => {
    const reflector = new Reflector();
    expect(reflector.get(ADMIN_ROLE, ProbeController.prototype.read)).toBe('auditor');
    expect(reflector.get(ADMIN_ROLE, ProbeController.prototype.change)).toBe('platform_admin');
  });

  it('documents role, summary and bearer auth in OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const read = document.paths['/probe']?.get as unknown as Record<string, unknown>;
    const change = document.paths['/probe']?.post as unknown as Record<string, unknown>;
    expect(read[ADMIN_ROLE_EXTENSION]).toBe('auditor');
    expect(read.summary).toBe('Read the probe');
    expect(read.security).toEqual([{ bearer: [] }]);
    expect(change[ADMIN_ROLE_EXTENSION]).toBe('platform_admin');
  });
});
