import { Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { SwaggerModule, DocumentBuilder } from '@nestjs/swagger';
import request from 'supertest';
import { probeApp } from '../../../test/support/probe-app';
import { z } from 'zod';
import { ZodBody, ZodQuery } from './zod-request.decorator';

const body = z.object({ name: z.string().min(2), count: z.number().int().optional() }).strict();
const query = z.object({ page: z.coerce.number().int().min(1).default(1), q: z.string().optional() });

@Controller('probe')
class ProbeController {
  @Post()
  create(@ZodBody(body) input: z.infer<typeof body>) {
    return input;
  }

  @Get()
  list(@ZodQuery(query) input: z.infer<typeof query>) {
    return input;
  }
}

describe('@ZodBody / @ZodQuery: one decorator validates and documents', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await probeApp(ProbeController);
  });

  afterAll(() => app.close());

  it('passes the parsed body and query to the handler', async () => {
    const created = await request(app.getHttpServer())
      .post('/probe')
      .send({ name: 'ok', count: 2 })
      .expect(201);
    expect(created.body).toEqual({ name: 'ok', count: 2 });
    const listed = await request(app.getHttpServer()).get('/probe?q=x').expect(200);
    expect(listed.body).toEqual({ page: 1, q: 'x' });
  });

  it('refuses what the schema refuses, with validation_failed', async () => {
    const bad = await request(app.getHttpServer()).post('/probe').send({ name: 'x' }).expect(400);
    expect(bad.body.code).toBe('validation_failed');
    const extra = await request(app.getHttpServer())
      .post('/probe')
      .send({ name: 'ok', admin: true })
      .expect(400);
    expect(extra.body.code).toBe('validation_failed');
    const page = await request(app.getHttpServer()).get('/probe?page=0').expect(400);
    expect(page.body.code).toBe('validation_failed');
  });

  it('documents the body and every query field from the same schema', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const post = document.paths['/probe']?.post;
    const schema = (post?.requestBody as { content: Record<string, { schema: { properties: object } }> })
      .content['application/json']?.schema;
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual(['count', 'name']);
    const get = document.paths['/probe']?.get;
    const names = (get?.parameters ?? []).map((parameter) => ('name' in parameter ? parameter.name : ''));
    expect(names.sort()).toEqual(['page', 'q']);
  });
});
