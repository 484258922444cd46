// The OpenAPI 3.1 document of the service, generated from the same serviceApi table the routes are
// registered from (zod 4's JSON Schema output), so the document cannot drift from the service.
import { z } from 'zod';
import { Claim, Problem, serviceApi, type RouteDef } from '../../shared/contracts';
import { CHECKLIST_REASONS, REJECTION_REASONS } from '../../shared/domain';

export const OPENAPI_PATH = '/api/v1/openapi.json';
const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'];

type JsonSchema = Record<string, unknown>;

/** Schemas published once under components/schemas and referenced from every route that uses them. */
const COMPONENTS = z.registry<{ id: string }>();
COMPONENTS.add(Claim, { id: 'Claim' });
let components: Record<string, JsonSchema> = {};

function schemaOf(s: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const id = COMPONENTS.get(s)?.id;
  if (id) {
    components[id] ??= plain(z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema);
    return { $ref: `#/components/schemas/${id}` };
  }
  const js = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12', metadata: COMPONENTS }) as JsonSchema;
  for (const [name, def] of Object.entries((js.$defs ?? {}) as Record<string, JsonSchema>)) components[name] ??= plain(def);
  delete js.$defs;
  return JSON.parse(JSON.stringify(plain(js)).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}
function plain(js: JsonSchema): JsonSchema {
  const { $schema: _ignored, id: _id, ...rest } = js;
  return rest;
}
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function parameters(def: RouteDef): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, s] of [
    ['path', def.params],
    ['query', def.query],
  ] as const) {
    if (!s) continue;
    const js = schemaOf(s, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema });
    }
  }
  return out;
}

export function openApiDocument(opts: { version: string; testClock: boolean }): JsonSchema {
  components = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [name, def] of Object.entries(serviceApi) as [string, RouteDef][]) {
    const path = def.path.replace(/:(\w+)/g, '{$1}');
    const status = String(def.status ?? 200);
    const op: JsonSchema = {
      operationId: name,
      summary: def.summary,
      ...(name === 'testClock'
        ? { description: `Exists only when the service runs with --test-clock (${opts.testClock ? 'it does now' : 'it does not now: 404'}).` }
        : {}),
      'x-roles': def.roles,
      security: def.roles === null ? [] : [{ bearer: [] }],
      parameters: parameters(def),
      responses: {
        [status]:
          def.response === 'binary' && def.produces
            ? { description: `A ${def.produces.split(';')[0]} file`, content: { [def.produces]: { schema: { type: 'string' } } } }
            : def.response === 'binary'
              ? {
                  description: 'The document bytes; ETag is their SHA-256',
                  content: Object.fromEntries(DOCUMENT_TYPES.slice(0, 3).map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
                }
              : { description: 'Success', content: { 'application/json': { schema: schemaOf(def.response, 'output') } } },
        '4XX': problemResponse('The request was refused; detail names the field or the rule'),
        '5XX': problemResponse('The service failed'),
      },
    };
    if (def.body === 'binary') {
      op.requestBody = { required: true, content: Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) };
    } else if (def.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(def.body, 'input') } } };
    }
    (paths[path] ??= {})[def.method.toLowerCase()] = op;
  }
  paths[OPENAPI_PATH] = {
    get: {
      operationId: 'openapi',
      summary: 'This document',
      security: [],
      responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'PoE review service',
      version: opts.version,
      description: 'Reference review service for CPOR association claims and their Proof of Execution review (API v1).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...components,
        Problem: schemaOf(Problem, 'output'),
        ChecklistReason: { type: 'string', enum: [...CHECKLIST_REASONS], description: 'Why more information is requested (the checklist)' },
        RejectionReason: { type: 'string', enum: [...REJECTION_REASONS], description: 'Why a claim was rejected' },
      },
    },
  };
}
