import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { apiKeyService } from '../modules/apikeys/api-key.service.ts';

export interface ApiPrincipal {
  kind: 'api_key';
  keyId: string;
  controllerId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: ApiPrincipal;
  }
}

/** preHandler for shop-facing routes: `Authorization: Bearer <api key>`. */
export function requireApiKey(db: Kysely<DB>) {
  const keys = apiKeyService(db);
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const principal = match ? await keys.authenticate(match[1]!) : null;
    if (!principal) {
      throw new DomainError(
        'unauthorized',
        header ? 'The API key is not valid or has been revoked' : 'Send Authorization: Bearer <api key>',
      );
    }
    request.principal = { kind: 'api_key', ...principal };
  };
}

export function principalOf(request: FastifyRequest): ApiPrincipal {
  if (!request.principal) throw new DomainError('unauthorized');
  return request.principal;
}
