import { may as roleMay, mayGrant, ROLES, type Action } from '../../../src/modules/staff/permissions.ts';
import type { Role } from './types.ts';

export type { Action };

/**
 * The server's table of what each role may do (docs/roles.md), used here only to hide what
 * would be refused; the server decides. With no known role (not a member) nothing is allowed.
 */
export function may(role: Role | null | undefined, action: Action): boolean {
  return !!role && roleMay(role, action);
}

/** Roles a person may hand out: owners any, admins anything below owner. */
export function grantable(role: Role | null | undefined): Role[] {
  return role ? ROLES.filter((r) => mayGrant(role, r)) : [];
}
