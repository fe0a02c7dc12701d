import type { Role } from './types.ts';

/**
 * What each role may do, as the server's src/modules/staff/permissions.ts says (docs/roles.md).
 * The console only uses it to hide what would be refused; the server decides.
 */
const PERMISSIONS = {
  'register.read': ['owner', 'admin', 'staff', 'viewer'],
  'register.write': ['owner', 'admin'],
  'customer.read': ['owner', 'admin', 'staff', 'viewer'],
  'customer.reveal_identity_code': ['owner', 'admin'],
  'apikey.read': ['owner', 'admin'],
  'apikey.write': ['owner', 'admin'],
  'staff.read': ['owner', 'admin'],
  'staff.invite': ['owner', 'admin'],
  'staff.change_role': ['owner'],
  'controller.settings': ['owner'],
  'audit.read': ['owner', 'admin', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** With no known role (not a member) nothing is allowed. */
export function may(role: Role | null | undefined, action: Action): boolean {
  return !!role && (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** Roles a person may hand out: owners any, admins anything below owner. */
export function grantable(role: Role | null | undefined): Role[] {
  if (role === 'owner') return ['owner', 'admin', 'staff', 'viewer'];
  if (role === 'admin') return ['admin', 'staff', 'viewer'];
  return [];
}
