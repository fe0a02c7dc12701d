import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../errors.ts';
import { pathId } from '../../http/ids.ts';
import { clearSessionCookie, requirePermission, requireSession, setSessionCookie } from '../../http/staff-auth.ts';
import { appendEvents } from '../audit/audit.service.ts';
import { controllerService, newControllerSchema } from '../controllers/controller.service.ts';
import { mayGrant, ROLES } from './permissions.ts';
import { staffService } from './staff.service.ts';

const role = z.enum(ROLES as ['owner', 'admin', 'staff', 'viewer']);
const password = z.string().min(1).max(256);

export function staffRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { database, secretBox, config, mailer } = deps;
  const db = database.db;
  const secure = config.publicUrl.startsWith('https:');
  const staff = () => staffService(db, secretBox);

  return async (app) => {
    app.get(
      '/api/v1/setup',
      { schema: { tags: ['staff'], summary: 'Whether the first operator is still to be created' } },
      async () => ({
        needed: !(await staff().operatorExists()),
      }),
    );

    app.post(
      '/api/v1/setup',
      {
        schema: {
          tags: ['staff'],
          summary: 'Create the first platform operator with the one-time setup link',
          body: z
            .object({
              token: z.string().min(10).max(200),
              email: z.string().max(254),
              password,
              name: z.string().max(200).nullish(),
            })
            .strict(),
        },
      },
      async (request, reply) => {
        const { token, ...input } = request.body;
        const { account, session } = await db
          .transaction()
          .execute((tx) => staffService(tx, secretBox).completeSetup(token, input));
        setSessionCookie(reply, session.token, secure);
        return reply.code(201).send({ staffId: account.id, csrfToken: session.csrfToken });
      },
    );

    app.post(
      '/api/v1/session',
      {
        schema: {
          tags: ['staff'],
          summary: 'Log in',
          body: z.object({ email: z.string().max(254), password, totpCode: z.string().max(10).nullish() }).strict(),
        },
      },
      async (request, reply) => {
        const outcome = await staff().login({ ...request.body, address: request.ip });
        if (outcome.result === 'invalid') {
          request.log.warn({ staffId: outcome.staffId, reason: 'invalid_credentials' }, 'failed login');
          throw new DomainError('unauthorized', 'Wrong email, password or code');
        }
        if (outcome.result === 'totp_required') return { totpRequired: true };
        setSessionCookie(reply, outcome.session.token, secure);
        return { totpRequired: false, csrfToken: outcome.session.csrfToken };
      },
    );

    app.get('/api/v1/session', { schema: { tags: ['staff'], summary: 'The logged-in person' } }, async (request) => {
      const session = requireSession(request);
      const { account, memberships } = await staff().me(session.staffId);
      return {
        staff: {
          id: account.id,
          email: account.email,
          name: account.name,
          isOperator: account.is_operator,
          totpEnabled: account.totp_enabled_at !== null,
          language: account.language,
        },
        memberships: memberships.map((m) => ({
          controllerId: m.controller_id,
          controllerName: m.name,
          role: m.role,
          requireTotp: m.require_totp,
        })),
        csrfToken: session.csrfToken,
        secondFactor: session.secondFactor,
      };
    });

    app.delete('/api/v1/session', { schema: { tags: ['staff'], summary: 'Log out' } }, async (request, reply) => {
      const session = requireSession(request);
      await staff().logout(session.tokenHash);
      clearSessionCookie(reply, secure);
      return reply.code(204).send();
    });

    app.post(
      '/api/v1/session/totp',
      { schema: { tags: ['staff'], summary: 'Start TOTP enrolment' } },
      async (request) => {
        return staff().startTotp(requireSession(request).staffId);
      },
    );

    app.post(
      '/api/v1/session/totp/confirm',
      {
        schema: {
          tags: ['staff'],
          summary: 'Finish TOTP enrolment',
          body: z.object({ code: z.string().max(10) }).strict(),
        },
      },
      async (request, reply) => {
        const session = requireSession(request);
        await staff().confirmTotp(session.staffId, request.body.code, session.tokenHash);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/v1/invites/accept',
      {
        schema: {
          tags: ['staff'],
          summary: 'Accept an invitation',
          body: z
            .object({ token: z.string().min(10).max(200), name: z.string().max(200).nullish(), password })
            .strict(),
        },
      },
      async (request, reply) => {
        const { token, ...input } = request.body;
        const accepted = await database.db
          .transaction()
          .execute((tx) => staffService(tx, secretBox).acceptInvite(token, input));
        setSessionCookie(reply, accepted.session.token, secure);
        return reply.code(201).send({
          staffId: accepted.staffId,
          controllerId: accepted.controllerId,
          csrfToken: accepted.session.csrfToken,
        });
      },
    );

    app.get(
      '/api/v1/controllers',
      { schema: { tags: ['controllers'], summary: 'Controllers the person may see' } },
      async (request) => {
        const session = requireSession(request);
        const { account, memberships } = await staff().me(session.staffId);
        const roles = new Map(memberships.map((m) => [m.controller_id, m.role]));
        const rows = account.is_operator
          ? await controllerService(db).list()
          : await controllerService(db).listByIds([...roles.keys()]);
        return {
          items: rows.map((c) => ({
            id: c.id,
            name: c.name,
            businessId: c.business_id,
            role: roles.get(c.id) ?? null,
            requireTotp: c.require_totp,
          })),
        };
      },
    );

    app.post(
      '/api/v1/controllers',
      { schema: { tags: ['controllers'], summary: 'Create a controller (operators)', body: newControllerSchema } },
      async (request, reply) => {
        const session = requireSession(request);
        const { account } = await staff().me(session.staffId);
        if (!account.is_operator) throw new DomainError('forbidden', 'Only platform operators create controllers');
        const controller = await db.transaction().execute(async (tx) => {
          const c = await controllerService(tx).create(request.body);
          // The operator who creates a controller is its first owner, until they hand it over.
          await staffService(tx, secretBox).addMember(c.id, session.staffId, 'owner');
          await appendEvents(tx, c.id, { type: 'operator', id: session.staffId }, [
            { action: 'controller.created', purpose: 'platform_administration' },
          ]);
          return c;
        });
        return reply.code(201).send({ id: controller.id, name: controller.name, businessId: controller.business_id });
      },
    );

    app.patch(
      '/api/v1/controllers/:controllerId',
      {
        schema: {
          tags: ['controllers'],
          params: z.object({ controllerId: z.string() }),
          body: z.object({ requireTotp: z.boolean() }).strict(),
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        await requirePermission(db, request, controllerId, 'controller.settings');
        await db
          .updateTable('controllers')
          .set({ require_totp: request.body.requireTotp })
          .where('id', '=', controllerId)
          .execute();
        return { id: controllerId, requireTotp: request.body.requireTotp };
      },
    );

    app.get(
      '/api/v1/controllers/:controllerId/staff',
      { schema: { tags: ['staff'], params: z.object({ controllerId: z.string() }) } },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        await requirePermission(db, request, controllerId, 'staff.read');
        const [members, invites] = await Promise.all([
          staff().listStaff(controllerId),
          staff().listInvites(controllerId),
        ]);
        return {
          items: members.map((m) => ({
            staffId: m.id,
            email: m.email,
            name: m.name,
            role: m.role,
            totpEnabled: m.totp_enabled_at !== null,
          })),
          invites: invites.map((i) => ({
            id: i.id,
            email: i.email,
            role: i.role,
            expiresAt: new Date(i.expires_at).toISOString(),
          })),
        };
      },
    );

    app.post(
      '/api/v1/controllers/:controllerId/invites',
      {
        schema: {
          tags: ['staff'],
          params: z.object({ controllerId: z.string() }),
          body: z.object({ email: z.string().max(254), role }).strict(),
        },
      },
      async (request, reply) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        const actor = await requirePermission(db, request, controllerId, 'staff.invite');
        if (!mayGrant(actor.role, request.body.role))
          throw new DomainError('forbidden', `The role ${actor.role} may not grant ${request.body.role}`);
        const controller = await controllerService(db).get(controllerId);
        const invite = await staff().invite(controllerId, request.body.email, request.body.role, actor.staffId);
        const link = `${config.publicUrl}/console/invite?token=${encodeURIComponent(invite.token)}`;
        await mailer.send({
          to: request.body.email.trim(),
          subject: `Kutsu Omadataan / Inbjudan till Omadata / Invitation to Omadata: ${controller.name}`,
          text:
            `Sinut on kutsuttu käsittelemään rekisterinpitäjän ${controller.name} asiakasrekisteriä Omadatassa.\n` +
            `Du har bjudits in att hantera ${controller.name}s kundregister i Omadata.\n` +
            `You have been invited to work with the customer registers of ${controller.name} in Omadata.\n\n` +
            `${link}\n\nLinkki on kertakäyttöinen ja voimassa 7 päivää. / Länken kan användas en gång och gäller i 7 dagar. / The link works once, for 7 days.\n`,
          kind: 'staff_invite',
          controllerId,
        });
        return reply.code(201).send({ id: invite.id, expiresAt: new Date(invite.expires_at).toISOString() });
      },
    );

    app.put(
      '/api/v1/controllers/:controllerId/staff/:staffId',
      {
        schema: {
          tags: ['staff'],
          params: z.object({ controllerId: z.string(), staffId: z.string() }),
          body: z.object({ role }).strict(),
        },
      },
      async (request) => {
        const controllerId = pathId(request.params.controllerId, 'Controller');
        await requirePermission(db, request, controllerId, 'staff.change_role');
        await staff().changeRole(controllerId, pathId(request.params.staffId, 'Member'), request.body.role);
        return { staffId: request.params.staffId, role: request.body.role };
      },
    );

    app.get(
      '/api/v1/outbox',
      {
        schema: {
          tags: ['staff'],
          summary: 'The development mailbox (operators)',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
        },
      },
      async (request) => {
        const session = requireSession(request);
        const { account } = await staff().me(session.staffId);
        if (!account.is_operator) throw new DomainError('forbidden', 'Only platform operators see the outbox');
        const items = await mailer.list(request.query.limit, 0);
        return { items };
      },
    );
  };
}
