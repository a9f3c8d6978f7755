/**
 * docs/api/openapi.yaml against the code: every route the reference server implements is documented
 * and nothing else is; the documented parameters, body fields, required fields and enums are those of
 * the wire schemas (`lib/wire/schemas.ts`); every example parses with them; every `$ref` resolves; and the
 * error answers the contract promises (401, 404, 409, 422, 429 with Retry-After) are there.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AccountSchema, ACTION_STATUSES, ActionSchema, CHANNELS, SurveySendSchema, WINDOWS } from '../lib/model';
import {
  AccountContextSchema, ActionBodySchema, ChangesPageSchema, ChangesParamsSchema, ConflictBodySchema, ContextParamsSchema,
  CreateActionSchema, ErrorBodySchema, LOOKUP_VIA, LookupParamsSchema, LookupResultSchema, ROUTES, SearchParamsSchema,
  SearchResultSchema, SourceInfoSchema, UpdateActionSchema, WireResponseSchema, type RouteName,
} from '../lib/wire/schemas';
import { IMPLEMENTED_ROUTES } from './http';

type Json = Record<string, unknown>;
const spec = parse(readFileSync(new URL('../docs/api/openapi.yaml', import.meta.url), 'utf8')) as Json;
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

function resolve(ref: string): Json {
  expect(ref.startsWith('#/'), ref).toBe(true);
  let node: unknown = spec;
  for (const part of ref.slice(2).split('/')) {
    node = (node as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    expect(node, `${ref} resolves`).toBeDefined();
  }
  return node as Json;
}

/** The node, with a `$ref` followed (once is enough for this file's shallow references). */
function deref(node: unknown): Json {
  const json = node as Json;
  return typeof json.$ref === 'string' ? resolve(json.$ref) : json;
}

const paths = spec.paths as Record<string, Record<string, Json>>;
const operations = Object.entries(paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, operation })),
);
const operation = (name: RouteName) => {
  const found = operations.find((o) => o.key === `${ROUTES[name].method} ${ROUTES[name].path}`);
  expect(found, name).toBeDefined();
  return found!.operation;
};
const schemas = (spec.components as Json).schemas as Record<string, Json>;

type AnyObject = z.ZodObject<z.ZodRawShape>;
/** Field names of a zod object, and which are always present (`out`) or must be sent (`in`). */
function fields(schema: AnyObject, direction: 'in' | 'out') {
  const shape = schema.shape;
  const required = Object.keys(shape).filter((key) => {
    const internals = (shape[key] as unknown as { _zod: { optin?: string; optout?: string } })._zod;
    // A field with a default may be left out of a request (`optin` is 'defaulted') but is always in an answer.
    return direction === 'in' ? internals.optin === undefined : internals.optout !== 'optional';
  });
  return { names: Object.keys(shape).sort(), required: required.sort() };
}

function documented(schema: Json) {
  return {
    names: Object.keys(schema.properties as Json).sort(),
    required: [...((schema.required as string[] | undefined) ?? [])].sort(),
  };
}

describe('docs/api/openapi.yaml', () => {
  it('is OpenAPI 3.1 with bearer auth on every operation', () => {
    expect(String(spec.openapi)).toMatch(/^3\.1\.\d+$/);
    expect((spec.components as Json).securitySchemes).toMatchObject({ bearerAuth: { type: 'http', scheme: 'bearer' } });
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
    for (const { key, operation: op } of operations) expect(op.security, key).toBeUndefined();
  });

  it('documents exactly the routes the server implements', () => {
    expect(operations.map((o) => o.key).sort()).toEqual([...IMPLEMENTED_ROUTES].sort());
    expect(IMPLEMENTED_ROUTES.sort()).toEqual(Object.values(ROUTES).map((r) => `${r.method} ${r.path}`).sort());
  });

  it('resolves every $ref', () => {
    const refs: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else walk(value);
        }
      }
    };
    walk(spec);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) resolve(ref);
  });

  it('promises the error answers: 401 and 429 with Retry-After everywhere, 404, 409, 413 and 422 where they happen', () => {
    for (const { key, operation: op } of operations) {
      const responses = op.responses as Json;
      for (const status of ['401', '422', '429']) expect(responses[status], `${key} ${status}`).toBeDefined();
      const tooMany = deref(responses['429']);
      expect(deref((tooMany.headers as Json)['Retry-After']).schema, key).toMatchObject({ type: 'integer' });
      for (const status of Object.keys(responses).filter((s) => Number(s) >= 400)) {
        const schema = deref(((deref(responses[status]).content as Json)['application/json'] as Json).schema);
        expect(schema === schemas.Error || schema === schemas.Conflict, `${key} ${status} uses the error shape`).toBe(true);
      }
    }
    for (const name of ['context', 'updateAction'] as const) expect((operation(name).responses as Json)['404']).toBeDefined();
    for (const name of ['createAction', 'updateAction'] as const) {
      const responses = operation(name).responses as Json;
      expect(deref(((deref(responses['409']).content as Json)['application/json'] as Json).schema)).toBe(schemas.Conflict);
      expect(responses['413']).toBeDefined();
    }
  });

  it('documents the Idempotency-Key header: required on POST, optional on PATCH', () => {
    const header = (name: RouteName) =>
      ((operation(name).parameters as Json[]) ?? []).map(deref).find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    expect(header('createAction')).toMatchObject({ required: true });
    expect(header('updateAction')).toMatchObject({ required: false });
  });

  it('documents the query parameters each route validates', () => {
    const cases: Array<[RouteName, AnyObject | null]> = [
      ['source', null],
      ['lookup', LookupParamsSchema as unknown as AnyObject],
      ['search', SearchParamsSchema as unknown as AnyObject],
      ['context', ContextParamsSchema as unknown as AnyObject],
      ['changes', ChangesParamsSchema as unknown as AnyObject],
      ['createAction', null],
      ['updateAction', null],
    ];
    for (const [name, schema] of cases) {
      const params = ((operation(name).parameters as Json[] | undefined) ?? []).map(deref);
      const query = params.filter((p) => p.in === 'query');
      expect(query.map((p) => p.name).sort(), name).toEqual(schema ? fields(schema, 'in').names : []);
      expect(query.filter((p) => p.required).map((p) => p.name).sort(), name).toEqual(schema ? fields(schema, 'in').required : []);
      const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
      expect(pathParams, name).toEqual(ROUTES[name].path.includes('{id}') ? ['id'] : []);
    }
  });

  it('describes the bodies with the wire schemas’ fields, required fields and enums', () => {
    const bodies: Array<[string, AnyObject, 'in' | 'out']> = [
      ['Account', AccountSchema as unknown as AnyObject, 'out'],
      ['SurveyResponse', WireResponseSchema as unknown as AnyObject, 'out'],
      ['Action', ActionSchema as unknown as AnyObject, 'out'],
      ['SurveySend', SurveySendSchema as unknown as AnyObject, 'out'],
      ['SourceInfo', SourceInfoSchema as unknown as AnyObject, 'out'],
      ['SearchResult', SearchResultSchema as unknown as AnyObject, 'out'],
      ['AccountContext', AccountContextSchema as unknown as AnyObject, 'out'],
      ['ChangesPage', ChangesPageSchema as unknown as AnyObject, 'out'],
      ['ActionBody', ActionBodySchema as unknown as AnyObject, 'out'],
      ['CreateAction', CreateActionSchema as unknown as AnyObject, 'in'],
      ['UpdateAction', UpdateActionSchema as unknown as AnyObject, 'in'],
      ['Error', ErrorBodySchema as unknown as AnyObject, 'out'],
    ];
    for (const [name, schema, direction] of bodies) {
      expect(documented(schemas[name]!), name).toEqual(fields(schema, direction));
    }
    const changes = (schemas.UpdateAction!.properties as Json).changes as Json;
    expect(Object.keys(changes.properties as Json).sort()).toEqual(
      fields(UpdateActionSchema.shape.changes as unknown as AnyObject, 'in').names,
    );
    const errorFields = ((schemas.Error!.properties as Json).error as Json);
    expect(documented(errorFields)).toEqual(fields(ErrorBodySchema.shape.error as unknown as AnyObject, 'out'));

    const props = (name: string) => schemas[name]!.properties as Record<string, Json>;
    expect(props('Action').status!.enum).toEqual([...ACTION_STATUSES]);
    expect(props('CreateAction').status!.enum).toEqual([...ACTION_STATUSES]);
    expect(props('SurveyResponse').channel!.enum).toEqual([...CHANNELS]);
    expect(props('SurveySend').channel!.enum).toEqual([...CHANNELS]);
    expect(props('AccountContext').window!.enum).toEqual([...WINDOWS]);
    expect(schemas.LookupVia!.enum).toEqual([...LOOKUP_VIA]);
    const windowParam = (operation('context').parameters as Json[]).map(deref).find((p) => p.name === 'window')!;
    expect((windowParam.schema as Json).enum).toEqual([...WINDOWS]);
  });

  it('gives examples that the wire schemas accept', () => {
    const examples: Array<[string, z.ZodType]> = [
      ['Account', AccountSchema],
      ['SurveyResponse', WireResponseSchema],
      ['Action', ActionSchema],
      ['SurveySend', SurveySendSchema],
      ['SourceInfo', SourceInfoSchema],
      ['LookupResult', LookupResultSchema],
      ['SearchResult', SearchResultSchema],
      ['CreateAction', CreateActionSchema],
      ['UpdateAction', UpdateActionSchema],
      ['Conflict', ConflictBodySchema],
    ];
    for (const [name, schema] of examples) {
      const example = schemas[name]!.example;
      expect(example, name).toBeDefined();
      const result = schema.safeParse(example);
      expect(result.success, `${name}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
    const responses = (spec.components as Json).responses as Record<string, Json>;
    for (const [name, response] of Object.entries(responses)) {
      const example = ((response.content as Json)['application/json'] as Json).example;
      if (example !== undefined) expect(ErrorBodySchema.safeParse(example).success, name).toBe(true);
    }
  });
});
