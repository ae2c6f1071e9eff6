// @ZodBody(schema) and @ZodQuery(schema): one parameter decorator that both validates the body or
// query with its shared schema from @seatgate/contracts (ZodPipe) and documents it in OpenAPI, so
// that a route names its schema once.
import { Body, Query } from '@nestjs/common';
import type { z } from 'zod';
import { ApiZodBody, ApiZodQuery } from './api-zod.decorator';
import { ZodPipe } from './zod.pipe';

/** Applies a method decorator (OpenAPI metadata) from a parameter decorator of that method. */
function onMethod(decorator: MethodDecorator): ParameterDecorator {
  return (target, key) => {
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key === undefined || !descriptor)
      throw new Error('@ZodBody()/@ZodQuery() belong on a method parameter');
    decorator(target, key, descriptor);
  };
}

export function ZodBody(schema: z.ZodType): ParameterDecorator {
  const validate = Body(new ZodPipe(schema));
  const document = onMethod(ApiZodBody(schema));
  return (target, key, index) => {
    validate(target, key, index);
    document(target, key, index);
  };
}

export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  const validate = Query(new ZodPipe(schema));
  const document = onMethod(ApiZodQuery(schema));
  return (target, key, index) => {
    validate(target, key, index);
    document(target, key, index);
  };
}
