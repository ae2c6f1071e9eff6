// OpenAPI documentation generated from the same zod schema that validates the request.
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  return ApiBody({ schema: toJsonSchema(schema, 'input') });
}

export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const decorators = Object.entries(schema.shape).map(([name, field]) =>
    ApiQuery({ name, required: false, schema: toJsonSchema(field as z.ZodType, 'input') }),
  );
  return (target, key, descriptor) => {
    for (const decorator of decorators) decorator(target, key, descriptor);
  };
}
