import type { Role } from '../../db/schema.ts';

/**
 * What each role may do within its controller. This table is the whole rule: routes ask
 * `may(role, action)`, docs/roles.md shows the same table, and the tests walk every cell.
 */
export const PERMISSIONS = {
  'register.read': ['owner', 'admin', 'staff', 'viewer'],
  'register.write': ['owner', 'admin'],
  'customer.read': ['owner', 'admin', 'staff', 'viewer'],
  'customer.reveal_identity_code': ['owner', 'admin'],
  'customer.erase': ['owner', 'admin'],
  'consent.record': ['owner', 'admin', 'staff'],
  'marketing.export': ['owner', 'admin', 'staff'],
  'retention.read': ['owner', 'admin', 'staff', 'viewer'],
  'retention.hold': ['owner', 'admin', 'staff'],
  'statistics.read': ['owner', 'admin', 'staff', 'viewer'],
  'requests.read': ['owner', 'admin', 'staff', 'viewer'],
  'requests.handle': ['owner', 'admin', 'staff'],
  'apikey.read': ['owner', 'admin'],
  'apikey.write': ['owner', 'admin'],
  'staff.read': ['owner', 'admin'],
  'staff.invite': ['owner', 'admin'],
  'staff.change_role': ['owner'],
  'controller.settings': ['owner'],
  'audit.read': ['owner', 'admin', 'viewer'],
  'records.read': ['owner', 'admin', 'staff', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ROLES: readonly Role[] = ['owner', 'admin', 'staff', 'viewer'];

export function may(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** Roles a person may hand out: owners any, admins anything below owner. */
export function mayGrant(granter: Role, role: Role): boolean {
  if (granter === 'owner') return true;
  if (granter === 'admin') return role !== 'owner';
  return false;
}
