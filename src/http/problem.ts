import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, ERROR_CATALOGUE, type ErrorCode, type FieldProblem } from '../errors.ts';

export interface Problem {
  [extension: string]: unknown;
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldProblem[];
}

export function problemOf(code: ErrorCode, detail?: string, errors?: FieldProblem[]): Problem {
  const entry = ERROR_CATALOGUE[code];
  return {
    type: `urn:omadata:problem:${code.replace(/_/g, '-')}`,
    title: entry.title,
    status: entry.status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem) {
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0] }));
}

function validationProblems(error: {
  validation: { instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> }[];
  validationContext?: string;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const v of error.validation) {
    const base = v.instancePath.split('/').filter(Boolean).join('.');
    if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params?.keys)) {
      for (const key of v.params.keys as string[]) {
        problems.push({ field: base ? `${base}.${key}` : key, code: 'unknown_field', message: 'is not a known field' });
      }
      continue;
    }
    problems.push({
      field: base || (error.validationContext ?? 'body'),
      code: v.keyword,
      message: v.message ?? 'is invalid',
    });
  }
  return problems;
}

/** One place where every error becomes problem+json; nothing internal leaves on a 500. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (typeof error.extensions.retryAfterSeconds === 'number')
        void reply.header('retry-after', String(error.extensions.retryAfterSeconds));
      return sendProblem(reply, request, {
        ...error.extensions,
        ...problemOf(error.code, error.message, error.errors),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = validationProblems(error);
      return sendProblem(
        reply,
        request,
        problemOf('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors),
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: { message: 'response did not match its schema', code: error.code } },
        'response serialization failed',
      );
      return sendProblem(reply, request, problemOf('internal'));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(
          reply,
          request,
          problemOf('payload_too_large', `The body exceeds ${app.initialConfig.bodyLimit} bytes`),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(
          reply,
          request,
          problemOf('unsupported_media_type', 'Send JSON with Content-Type: application/json'),
        );
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(
          reply,
          request,
          problemOf('malformed_request', 'The body is not valid JSON', [
            { field: 'body', code: 'malformed_json', message: 'is not valid JSON' },
          ]),
        );
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return sendProblem(
        reply,
        request,
        problemOf('malformed_request', 'The body is not valid JSON', [
          { field: 'body', code: 'malformed_json', message: 'is not valid JSON' },
        ]),
      );
    }
    if (error.statusCode === 429) return sendProblem(reply, request, problemOf('rate_limited'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code: ErrorCode =
        error.statusCode === 404
          ? 'not_found'
          : error.statusCode === 415
            ? 'unsupported_media_type'
            : error.statusCode === 413
              ? 'payload_too_large'
              : 'malformed_request';
      return sendProblem(reply, request, problemOf(code));
    }
    // Log the error's kind and stack only: messages from the database may quote the values.
    request.log.error(
      { err: { name: error.name, code: error.code, stack: error.stack?.split('\n').slice(1, 6).join('\n') } },
      'unhandled error',
    );
    return sendProblem(reply, request, problemOf('internal'));
  });
}

/**
 * Unknown paths: a browser asking for a page gets the web UI's not-found page (status 404);
 * everything else gets problem+json.
 */
export function registerNotFound(app: FastifyInstance, webUi: boolean) {
  app.setNotFoundHandler((request, reply) => {
    const wantsHtml =
      request.method === 'GET' &&
      (request.headers.accept ?? '').includes('text/html') &&
      !request.url.startsWith('/api/');
    if (webUi && wantsHtml) return reply.code(404).type('text/html; charset=utf-8').sendFile('index.html');
    return sendProblem(reply, request, problemOf('not_found', 'No such resource'));
  });
}
