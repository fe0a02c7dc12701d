import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A browser-like client for inject(): keeps the session cookie and sends the CSRF token. */
export class StaffClient {
  cookie = '';
  csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    private readonly address = '127.0.0.1',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    opts: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf && opts.csrf !== false) headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.address,
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const set = res.headers['set-cookie'];
    const cookies = Array.isArray(set) ? set : set ? [set] : [];
    for (const c of cookies) {
      const [pair] = c.split(';');
      if (pair!.startsWith('omadata_session=')) this.cookie = pair!.endsWith('=') ? '' : pair!;
    }
    return res;
  }

  async login(email: string, password: string, totpCode?: string) {
    const res = await this.request('POST', '/api/v1/session', { email, password, ...(totpCode ? { totpCode } : {}) });
    if (res.statusCode === 200 && res.json().csrfToken) this.csrf = res.json().csrfToken;
    return res;
  }
}
