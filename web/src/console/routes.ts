/** The console's pages under /console, matched from the path alone (queries are read by the pages). */

export type ConsoleRoute =
  | { name: 'home' }
  | { name: 'setup' }
  | { name: 'invite' }
  | { name: 'controllers' }
  | { name: 'security' }
  | { name: 'outbox' }
  | { name: 'registers'; controllerId: string }
  | { name: 'register'; controllerId: string; registerId: string }
  | { name: 'retention'; controllerId: string; registerId: string }
  | { name: 'customers'; controllerId: string }
  | { name: 'customer'; controllerId: string; registerId: string; subjectId: string }
  | { name: 'apiKeys'; controllerId: string }
  | { name: 'staff'; controllerId: string }
  | { name: 'audit'; controllerId: string }
  | { name: 'requests'; controllerId: string }
  | { name: 'request'; controllerId: string; requestId: string }
  | { name: 'requestNew'; controllerId: string }
  | { name: 'notFound' };

/** Sections of a controller, each a page under /console/c/{controllerId}/. */
export const CONTROLLER_SECTIONS = {
  registers: 'registers',
  customers: 'customers',
  apiKeys: 'api-keys',
  staff: 'staff',
  audit: 'audit',
} as const;

export type ControllerSection = keyof typeof CONTROLLER_SECTIONS;

const SIMPLE: Record<string, ConsoleRoute> = {
  '': { name: 'home' },
  setup: { name: 'setup' },
  invite: { name: 'invite' },
  controllers: { name: 'controllers' },
  security: { name: 'security' },
  outbox: { name: 'outbox' },
};

export function matchConsoleRoute(path: string): ConsoleRoute {
  const rest = path.replace(/^\/console\/?/, '').replace(/\/+$/, '');
  const simple = SIMPLE[rest];
  if (simple) return simple;
  const parts = rest.split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  if (parts[0] === 'controllers' && parts[1] && parts[2] === 'requests' && parts.length === 3) {
    return { name: 'requests', controllerId: parts[1] };
  }
  if (parts[0] === 'controllers' && parts[1] && parts[2] === 'requests' && parts[3] && parts.length === 4) {
    return parts[3] === 'new'
      ? { name: 'requestNew', controllerId: parts[1] }
      : { name: 'request', controllerId: parts[1], requestId: parts[3] };
  }
  if (parts[0] !== 'c' || !parts[1] || parts.some((p) => p === '')) return { name: 'notFound' };
  const controllerId = parts[1];
  const [, , section, registerId, sub, subjectId, ...extra] = parts;
  if (extra.length) return { name: 'notFound' };
  if (section === 'registers' && registerId && sub === 'customers' && subjectId) {
    return { name: 'customer', controllerId, registerId, subjectId };
  }
  if (section === 'registers' && registerId && sub === 'retention' && subjectId === undefined) {
    return { name: 'retention', controllerId, registerId };
  }
  if (sub !== undefined) return { name: 'notFound' };
  if (section === 'registers' && registerId) return { name: 'register', controllerId, registerId };
  if (registerId !== undefined) return { name: 'notFound' };
  switch (section) {
    case 'registers':
      return { name: 'registers', controllerId };
    case 'customers':
      return { name: 'customers', controllerId };
    case 'api-keys':
      return { name: 'apiKeys', controllerId };
    case 'staff':
      return { name: 'staff', controllerId };
    case 'audit':
      return { name: 'audit', controllerId };
    default:
      return { name: 'notFound' };
  }
}

const enc = encodeURIComponent;

/** Paths of the console's pages, so links are built in one place. */
export const paths = {
  home: '/console',
  controllers: '/console/controllers',
  security: '/console/security',
  outbox: '/console/outbox',
  section: (controllerId: string, section: ControllerSection) =>
    `/console/c/${enc(controllerId)}/${CONTROLLER_SECTIONS[section]}`,
  register: (controllerId: string, registerId: string) =>
    `/console/c/${enc(controllerId)}/registers/${enc(registerId)}`,
  retention: (controllerId: string, registerId: string) =>
    `/console/c/${enc(controllerId)}/registers/${enc(registerId)}/retention`,
  customer: (controllerId: string, registerId: string, subjectId: string) =>
    `/console/c/${enc(controllerId)}/registers/${enc(registerId)}/customers/${enc(subjectId)}`,
  requests: (controllerId: string) => `/console/controllers/${enc(controllerId)}/requests`,
  request: (controllerId: string, requestId: string) =>
    `/console/controllers/${enc(controllerId)}/requests/${enc(requestId)}`,
  requestNew: (controllerId: string) => `/console/controllers/${enc(controllerId)}/requests/new`,
};

/** The section a route belongs to, for marking the current navigation link. */
export function sectionOf(
  route: ConsoleRoute,
): ControllerSection | 'requests' | 'controllers' | 'security' | 'outbox' | null {
  switch (route.name) {
    case 'registers':
    case 'register':
    case 'retention':
      return 'registers';
    case 'customers':
    case 'customer':
      return 'customers';
    case 'apiKeys':
      return 'apiKeys';
    case 'staff':
      return 'staff';
    case 'audit':
      return 'audit';
    case 'requests':
    case 'request':
    case 'requestNew':
      return 'requests';
    case 'controllers':
    case 'security':
    case 'outbox':
      return route.name;
    default:
      return null;
  }
}

/** Pages that need no login. */
export function isPublicRoute(route: ConsoleRoute): boolean {
  return route.name === 'home' || route.name === 'setup' || route.name === 'invite' || route.name === 'notFound';
}
