// The unit tier's one setup helper (STYLE.md, "Tests, in three tiers"): a service built with every
// injected collaborator replaced by a strict stub. Each method of each collaborator is a jest mock
// that throws "unexpected call Class.method" until the test stubs it, so a service that starts
// calling something new fails its specs instead of quietly getting `undefined`. Modelled on
// immich's `newTestService` + automock. No database, no Nest container: the constructor's
// parameter types come from the decorator metadata swc emits (jest.preset.js).
import 'reflect-metadata';
import type { AdminActor, RequestContext } from '../../src/common/context/request-context';

type Class<T> = abstract new (...args: never[]) => T;
/** what a constructor parameter is injected by: a class (private constructors too) or a token */
type Token = string | symbol | { readonly prototype: unknown; readonly name: string };

/** The error an unstubbed call throws (and records, see `takeUnexpectedCalls`). */
export class UnexpectedCall extends Error {
  override readonly name = 'UnexpectedCall';
}

const unexpectedCalls: string[] = [];

/**
 * The unstubbed calls made since the last check, emptied. A service may catch the error an
 * unstubbed call throws; the afterEach below still fails the test, unless the test took them here.
 */
export function takeUnexpectedCalls(): string[] {
  return unexpectedCalls.splice(0);
}

afterEach(() => {
  const calls = takeUnexpectedCalls();
  if (calls.length > 0) throw new UnexpectedCall(`unexpected call(s) nobody stubbed: ${calls.join(', ')}`);
});

/** Every method name of a class, its ancestors' included (Object's and the constructor excluded). */
function methodNames(type: Class<unknown>): string[] {
  const names = new Set<string>();
  for (
    let proto: object | null = type.prototype as object;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      // accessors are state, not calls: a stub has none (reading one gives undefined)
      if (descriptor && typeof descriptor.value === 'function') names.add(name);
    }
  }
  return [...names];
}

/**
 * A strict stub of `type`: one jest mock per method, each throwing until stubbed. Stub with the
 * usual jest API (`mockResolvedValue`, `mockImplementation`, …); `mockReset()` makes it lenient
 * (returns undefined), so prefer stubbing over resetting.
 */
export function automock<T>(type: Class<T>, name: string = type.name): jest.Mocked<T> {
  const stub: Record<string, jest.Mock> = {};
  for (const method of methodNames(type)) {
    const label = `${name}.${method}`;
    stub[method] = jest
      .fn()
      .mockName(label)
      .mockImplementation(() => {
        unexpectedCalls.push(label);
        throw new UnexpectedCall(`unexpected call ${label}`);
      });
  }
  return stub as unknown as jest.Mocked<T>;
}

export interface TestService<S> {
  /** the service under test, a real instance */
  sut: S;
  /** the strict stub injected for a class-typed constructor parameter */
  mock<T>(type: Class<T>): jest.Mocked<T>;
}

export interface TestServiceOptions {
  /**
   * Values for parameters that are not stubbed: `@Inject(TOKEN)` parameters (their token) and any
   * class the test wants real (e.g. a pure collaborator or AppConfig), keyed by class or token.
   */
  provide?: ReadonlyArray<readonly [Token, unknown]>;
  /** stubs the constructor itself calls (e.g. a store asked for its limiters), before it runs */
  beforeConstruct?: (mock: <T>(type: Class<T>) => jest.Mocked<T>) => void;
}

/** Nest's metadata for `@Inject(token)` parameters (`@nestjs/common` SELF_DECLARED_DEPS_METADATA). */
const SELF_DECLARED_DEPS = 'self:paramtypes';

/**
 * Builds `Service` with a strict stub for each class its constructor takes. A parameter whose type
 * is not a class (an interface, a `@Inject(TOKEN)` value) must be given in `options.provide`;
 * building fails otherwise, so a new dependency never arrives as `undefined`.
 */
export function newTestService<S>(
  Service: new (...args: never[]) => S,
  options: TestServiceOptions = {},
): TestService<S> {
  const provided = new Map<Token, unknown>(options.provide ?? []);
  const paramTypes = (Reflect.getMetadata('design:paramtypes', Service) ?? []) as unknown[];
  if (paramTypes.length < Service.length)
    throw new Error(`${Service.name} has no constructor metadata: is it decorated (@Injectable())?`);
  const declared = (Reflect.getMetadata(SELF_DECLARED_DEPS, Service) ?? []) as Array<{
    index: number;
    param: Token;
  }>;
  const stubs = new Map<Class<unknown>, unknown>();
  const args = paramTypes.map((paramType, index) => {
    const token = declared.find((entry) => entry.index === index)?.param ?? paramType;
    if (provided.has(token as Token)) return provided.get(token as Token);
    if (typeof token !== 'function' || token === Object)
      throw new Error(
        `${Service.name}: constructor parameter ${index} (${String(token)}) is not a class; pass it in options.provide`,
      );
    const type = token as Class<unknown>;
    let stub = stubs.get(type);
    if (!stub) {
      stub = automock(type);
      stubs.set(type, stub);
    }
    return stub;
  });
  const mock = <T>(type: Class<T>): jest.Mocked<T> => {
    const stub = stubs.get(type);
    if (!stub) throw new Error(`${Service.name} takes no stubbed ${type.name}`);
    return stub as jest.Mocked<T>;
  };
  options.beforeConstruct?.(mock);
  return { sut: new Service(...(args as never[])), mock };
}

/** The context of an admin request, for service specs: a tenant admin of `tenant-a` unless told. */
export function adminContext(
  actor: Partial<Pick<AdminActor, 'role' | 'tenantIds' | 'allTenants' | 'id' | 'email'>> = {},
): RequestContext {
  const role = actor.role ?? 'tenant_admin';
  return {
    requestId: 'req-unit',
    ip: '198.51.100.20',
    userAgent: 'jest',
    actor: {
      type: 'admin',
      id: actor.id ?? '00000000-0000-4000-8000-0000000000ad',
      email: actor.email ?? 'admin@example.test',
      role,
      tenantIds: actor.tenantIds ?? (role === 'platform_admin' ? [] : ['tenant-a']),
      allTenants: actor.allTenants ?? role === 'platform_admin',
      sessionId: 'session-unit',
      passwordChangeRequired: false,
    },
  };
}
