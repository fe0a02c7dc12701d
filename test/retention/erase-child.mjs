// Erases one customer in a process of its own, so that a test can kill it part way.
import { register } from 'tsx/esm/api';

register();
const { openDatabase } = await import('../../src/db/database.ts');
const { inTenant } = await import('../../src/db/tenant.ts');
const { registerService } = await import('../../src/modules/registers/register.service.ts');
const { subjectControl } = await import('../../src/modules/retention/subject-control.service.ts');
const { createSecretBox } = await import('../../src/crypto/secret-box.ts');

const job = JSON.parse(process.env.OMADATA_ERASE_JOB);
const database = await openDatabase(job.database);
const reg = await registerService(database.db).loadAny(job.registerId);
process.stdout.write('start\n');
await inTenant(database.db, reg.controllerId, (tx) =>
  subjectControl(tx, reg).erase(job.subjectId, {
    secretBox: createSecretBox(job.key),
    cause: 'request',
    actor: { type: 'api_key', id: 'crash-test' },
    now: new Date(),
  }),
);
process.stdout.write('done\n');
await database.close();
