import type { FastifyInstance } from 'fastify';
import { invalid, type FieldProblem } from '../errors.ts';

/** PostgreSQL text cannot hold U+0000: a value containing it is refused before anything else. */
export function registerNulCharacterCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const problems: FieldProblem[] = [];
    const walk = (value: unknown, path: string, depth: number) => {
      if (depth > 32) return;
      if (typeof value === 'string') {
        if (value.includes('\u0000'))
          problems.push({ field: path || 'body', code: 'control_characters', message: 'contains a NUL character' });
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, path ? `${path}.${i}` : String(i), depth + 1));
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          const field = path ? `${path}.${k}` : k;
          if (k.includes('\u0000'))
            problems.push({ field, code: 'control_characters', message: 'the field name contains a NUL character' });
          walk(v, field, depth + 1);
        }
      }
    };
    walk(request.body, '', 0);
    walk(request.query, '', 0);
    if (problems.length > 0) throw invalid(problems);
  });
}
