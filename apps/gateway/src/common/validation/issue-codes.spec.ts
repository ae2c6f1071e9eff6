// Every validation issue the gateway answers with carries a code (and its params) the console can
// word in the admin's language, whether zod raised it or a feature's own check did.
import { Controller, Post, type INestApplication } from '@nestjs/common';
import { PUBLIC_KEY_REFUSALS, seatCreateSchema, type SeatCreate } from '@seatgate/contracts';
import request from 'supertest';
import { probeApp } from '../../../test/support/probe-app';
import { domainError } from '../errors/domain.error';
import { ZodBody } from './zod-request.decorator';

@Controller('probe')
class ProbeController {
  @Post('seat')
  seat(@ZodBody(seatCreateSchema) input: SeatCreate) {
    return input;
  }

  @Post('key')
  key() {
    throw domainError('validation_failed', `publicKeyPem: ${PUBLIC_KEY_REFUSALS.key_not_rsa}`, {
      issues: [{ path: 'publicKeyPem', message: PUBLIC_KEY_REFUSALS.key_not_rsa }],
    });
  }

  @Post('prose')
  prose() {
    throw domainError('validation_failed', 'x: something new', {
      issues: [{ path: 'x', message: 'something new' }],
    });
  }
}

describe('validation issues answer with codes', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await probeApp(ProbeController);
  });

  afterAll(() => app.close());

  it('a refused body: one coded issue per problem, with params, the English message kept', async () => {
    const response = await request(app.getHttpServer())
      .post('/probe/seat')
      .send({ businessUserId: 'u', sdkAppId: 0, seatUserId: 'x'.repeat(129), extra: 1 })
      .expect(400);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.details.issues).toEqual([
      { path: 'sdkAppId', code: 'too_small', params: { min: 1 }, message: expect.any(String) },
      { path: 'seatUserId', code: 'too_long', params: { max: 128 }, message: expect.any(String) },
      { path: 'seatUserId', code: 'seat_account_format', message: expect.any(String) },
      { path: '', code: 'unknown_field', params: { fields: 'extra' }, message: expect.any(String) },
    ]);
  });

  it("a feature's own refusal raised in prose is coded by the rule it names, else 'invalid'", async () => {
    const key = await request(app.getHttpServer()).post('/probe/key').expect(400);
    expect(key.body.details.issues).toEqual([
      { path: 'publicKeyPem', code: 'key_not_rsa', message: PUBLIC_KEY_REFUSALS.key_not_rsa },
    ]);
    const prose = await request(app.getHttpServer()).post('/probe/prose').expect(400);
    expect(prose.body.details.issues).toEqual([{ path: 'x', code: 'invalid', message: 'something new' }]);
  });
});
