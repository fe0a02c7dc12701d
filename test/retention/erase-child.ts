// Erases one customer in a process of its own, so that a test can kill it part way.
// Run with `node --import tsx`.
import { openDatabase, type DatabaseOptions } from '../../src/db/database.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { registerService } from '../../src/modules/registers/register.service.ts';
import { subjectControl } from '../../src/modules/retention/subject-control.service.ts';
import { createSecretBox } from '../../src/crypto/secret-box.ts';

const job = JSON.parse(process.env.OMADATA_ERASE_JOB ?? '{}') as {
  database: DatabaseOptions;
  registerId: string;
  subjectId: string;
  key: string;
};
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
