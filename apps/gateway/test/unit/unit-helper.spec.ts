import { Inject, Injectable, Optional } from '@nestjs/common';
import { automock, newTestService, takeUnexpectedCalls, UnexpectedCall } from '../support/unit';

class BaseStore {
  read(key: string): Promise<string | null> {
    return Promise.resolve(`real ${key}`);
  }
}

class Store extends BaseStore {
  write(key: string, value: string): Promise<void> {
    return Promise.resolve(void [key, value]);
  }
  get size(): number {
    return 1;
  }
}

class Clock {
  now(): number {
    return Date.now();
  }
}

const LIMIT = Symbol('LIMIT');

@Injectable()
class Cache {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    @Optional() @Inject(LIMIT) private readonly limit?: number,
  ) {}

  async get(key: string): Promise<string | null> {
    return this.store.read(key);
  }

  /** swallows the store's failures, as a best-effort write would */
  async remember(key: string, value: string): Promise<boolean> {
    try {
      await this.store.write(`${key}@${this.clock.now()}`, value);
      return true;
    } catch {
      return false;
    }
  }

  max(): number | undefined {
    return this.limit;
  }
}

describe('unit helper: strict stubs', () => {
  it('stubs every method, inherited ones included, and each throws until stubbed', () => {
    const store = automock(Store);
    expect(Object.keys(store).sort()).toEqual(['read', 'write']);
    expect(() => store.read('k')).toThrow(new UnexpectedCall('unexpected call Store.read'));
    expect(takeUnexpectedCalls()).toEqual(['Store.read']);
    store.read.mockResolvedValue('stubbed');
    return expect(store.read('k')).resolves.toBe('stubbed');
  });

  it('builds a service from its constructor types, one stub per class, tokens from `provide`', async () => {
    const { sut, mock } = newTestService(Cache, { provide: [[LIMIT, 3]] });
    mock(Store).read.mockResolvedValue('v');
    await expect(sut.get('k')).resolves.toBe('v');
    expect(mock(Store).read).toHaveBeenCalledWith('k');
    expect(sut.max()).toBe(3);
  });

  it('refuses to build when a token parameter is not provided, or the parameters are not known', () => {
    expect(() => newTestService(Cache)).toThrow(/constructor parameter 2 .*options\.provide/);
    class Undecorated {
      constructor(readonly store: Store) {}
    }
    expect(() => newTestService(Undecorated)).toThrow('Undecorated has no constructor metadata');
  });

  it('records an unstubbed call the service swallowed, so the afterEach fails the test', async () => {
    const { sut, mock } = newTestService(Cache, { provide: [[LIMIT, 3]] });
    mock(Clock).now.mockReturnValue(1_000);
    // the service catches the stub's error and answers as if the store had failed
    await expect(sut.remember('k', 'v')).resolves.toBe(false);
    expect(takeUnexpectedCalls()).toEqual(['Store.write']);
  });

  it('stubs the constructor calls before it runs, when asked to', () => {
    class Reader {
      readonly first: string | null;
      constructor(store: Store) {
        this.first = store.size === undefined ? 'no state on a stub' : null;
        void store.read('boot');
      }
    }
    Reflect.defineMetadata('design:paramtypes', [Store], Reader);
    expect(() => newTestService(Reader)).toThrow('unexpected call Store.read');
    expect(takeUnexpectedCalls()).toEqual(['Store.read']);
    const { sut, mock } = newTestService(Reader, {
      beforeConstruct: (stub) => stub(Store).read.mockResolvedValue(null),
    });
    expect(mock(Store).read).toHaveBeenCalledWith('boot');
    expect(sut.first).toBe('no state on a stub');
  });

  it('a class can be given a real instance instead of a stub', async () => {
    const { sut, mock } = newTestService(Cache, {
      provide: [
        [LIMIT, 1],
        [Store, new Store()],
      ],
    });
    await expect(sut.get('k')).resolves.toBe('real k');
    expect(() => mock(Store)).toThrow('Cache takes no stubbed Store');
  });
});
