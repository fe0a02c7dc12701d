import { DomainError, notFound, type FieldProblem } from '../../errors.ts';
import type { Tx } from '../../db/database.ts';
import { queueNoticeChanges } from '../records/notice-changes.ts';
import { registerDescriptionSchema, declaredFields, type RegisterDescription } from './description.schema.ts';
import type { FieldKey } from './field-catalogue.ts';
import { registerRepository } from './register.repository.ts';
import { noticeProblems } from '../notices/notice-check.ts';

export interface LoadedRegister {
  id: string;
  controllerId: string;
  name: string;
  version: number;
  description: RegisterDescription;
  declared: ReadonlySet<FieldKey>;
}

/** Descriptions never change once written, so a parsed version can be kept for the process's life. */
const parsedVersions = new Map<string, { description: RegisterDescription; declared: ReadonlySet<FieldKey> }>();

/**
 * The version each register was last seen at. A write that depends on it re-checks it in the same
 * statement (see orderRepository.insertWithCustomer), so a stale entry costs a retry, never a
 * wrong write.
 */
const lastSeen = new Map<string, { controllerId: string; name: string; version: number }>();

export function forgetRegister(registerId: string) {
  lastSeen.delete(registerId);
}

export function parseDescription(document: unknown): RegisterDescription {
  const parsed = registerDescriptionSchema.safeParse(document);
  if (!parsed.success) {
    const errors: FieldProblem[] = parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(description)',
      code: issue.code,
      message: issue.message,
    }));
    throw new DomainError('invalid_description', `The register description has ${errors.length} problem(s)`, errors);
  }
  return parsed.data;
}

export function registerService(db: Tx) {
  const repo = registerRepository(db);

  async function load(registerId: string, version: number, row: { id: string; controller_id: string; name: string }) {
    const cacheKey = `${registerId}@${version}`;
    let parsed = parsedVersions.get(cacheKey);
    if (!parsed) {
      const stored = await repo.getVersion(registerId, version);
      if (!stored) throw notFound('Register description');
      const description = registerDescriptionSchema.parse(stored.document);
      parsed = { description, declared: declaredFields(description) };
      parsedVersions.set(cacheKey, parsed);
    }
    if (lastSeen.size > 100_000) lastSeen.clear();
    lastSeen.set(registerId, { controllerId: row.controller_id, name: row.name, version });
    return {
      id: row.id,
      controllerId: row.controller_id,
      name: row.name,
      version,
      description: parsed.description,
      declared: parsed.declared,
    } satisfies LoadedRegister;
  }

  return {
    async create(controllerId: string, document: unknown) {
      const description = parseDescription(document);
      const controller = await db
        .selectFrom('controllers')
        .select('id')
        .where('id', '=', controllerId)
        .executeTakeFirst();
      if (!controller) throw notFound('Controller');
      const register = await repo.insertRegister(controllerId, description.name.fi);
      await repo.insertVersion(controllerId, register.id, 1, description);
      return register;
    },

    /** Publishes a new version; the previous ones stay as they were. */
    async publishVersion(controllerId: string, registerId: string, document: unknown) {
      const register = await repo.lockForController(controllerId, registerId);
      if (!register) throw notFound('Register');
      const description = parseDescription(document);
      // A published version is a public privacy notice: it must have what GDPR 13 and 14 require.
      const missing = noticeProblems(description);
      if (missing.length > 0)
        throw new DomainError(
          'invalid_description',
          `The privacy notice would lack ${missing.length} item(s) the law requires`,
          missing,
        );
      const version = register.current_version + 1;
      await repo.insertVersion(controllerId, registerId, version, description);
      await repo.setCurrentVersion(registerId, version, description.name.fi);
      // Customers whose processing the version changes are told (docs/records.md).
      await queueNoticeChanges(db, {
        controllerId,
        registerId,
        fromVersion: version - 1,
        toVersion: version,
        next: description,
      });
      return { registerId, version };
    },

    /** The register as the acting controller may see it; another controller's register does not exist. */
    async loadForController(controllerId: string, registerId: string): Promise<LoadedRegister> {
      const row = await repo.findForController(controllerId, registerId);
      if (!row) throw notFound('Register');
      return load(registerId, row.current_version, row);
    },

    /**
     * Throws not-found unless the controller has the register. A register never changes hands,
     * so once seen it needs no query.
     */
    async assertOwned(controllerId: string, registerId: string): Promise<void> {
      if (lastSeen.get(registerId)?.controllerId === controllerId) return;
      await this.loadForController(controllerId, registerId);
    },

    /** The register as last seen by this process, without a query; null if not seen (or not this controller's). */
    async lastSeenForController(controllerId: string, registerId: string): Promise<LoadedRegister | null> {
      const seen = lastSeen.get(registerId);
      if (!seen || seen.controllerId !== controllerId) return null;
      return load(registerId, seen.version, { id: registerId, controller_id: seen.controllerId, name: seen.name });
    },

    /** For callers that read the register row themselves as part of a larger query. */
    fromRow(row: {
      id: string;
      controller_id: string;
      name: string;
      current_version: number;
    }): Promise<LoadedRegister> {
      return load(row.id, row.current_version, row);
    },

    async loadAny(registerId: string): Promise<LoadedRegister> {
      const row = await repo.findById(registerId);
      if (!row) throw notFound('Register');
      return load(registerId, row.current_version, row);
    },

    list: (controllerId: string) => repo.listForController(controllerId),
    listVersions: (registerId: string) => repo.listVersions(registerId),
    getVersion: (registerId: string, version: number) => repo.getVersion(registerId, version),
  };
}
