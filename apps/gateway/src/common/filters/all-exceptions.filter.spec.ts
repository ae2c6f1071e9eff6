import { isDatabaseUnavailable } from './all-exceptions.filter';

describe('isDatabaseUnavailable', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [new Error('Connection terminated unexpectedly')],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    [new Error('Connection is closed.')],
    [new Error('Client has encountered a connection error and is not queryable')],
    [new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    [new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })],
    // Prisma's known-request error around the adapter's, while PostgreSQL restarts
    [
      Object.assign(
        new Error('Database error. Code: `57P03`. Message: `the database system is starting up`'),
        {
          code: 'P2010',
        },
      ),
    ],
    [
      Object.assign(new Error('Invalid invocation'), {
        code: 'P2010',
        meta: { driverAdapterError: { cause: { originalCode: '57P03', kind: 'postgres' } } },
      }),
    ],
    [Object.assign(new Error('x'), { code: '08006' })],
  ])('recognises %s', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [new Error('duplicate key value')],
    [Object.assign(new Error('Unique constraint failed'), { code: 'P2002', meta: { target: ['slug'] } })],
    [new TypeError('x is undefined')],
    [null],
    ['text'],
  ])('ignores %s', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
