/**
 * The catalogue of error codes. Services throw DomainError with a code; the HTTP layer maps the
 * code to a status and an RFC 9457 problem document. docs/errors.md lists the same table.
 */
export const ERROR_CATALOGUE = {
  malformed_request: { status: 400, title: 'The request could not be read' },
  validation_failed: { status: 422, title: 'Some fields are invalid' },
  undeclared_field: { status: 422, title: 'The register description does not declare these fields' },
  invalid_description: { status: 422, title: 'The register description is invalid' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  invalid_login_link: { status: 401, title: 'The login link is invalid, used or expired' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  idempotency_conflict: { status: 409, title: 'The Idempotency-Key was used with another request' },
  order_exists: { status: 409, title: 'An order with this orderId already exists in the register' },
  subject_erased: { status: 409, title: 'The customer has been erased' },
  download_in_progress: { status: 409, title: 'A download is already being prepared' },
  signed_in_as_other: { status: 409, title: 'Signed in as another person' },
  request_state: { status: 409, title: 'The request does not allow this now' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface FieldProblem {
  /** Dotted path of the field in the request, e.g. customer.address.postalCode */
  field: string;
  code: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message?: string,
    public readonly errors: FieldProblem[] = [],
    /** Further members of the problem document (RFC 9457 extensions), e.g. retryAfterSeconds. */
    public readonly extensions: Record<string, string | number | boolean> = {},
  ) {
    super(message ?? ERROR_CATALOGUE[code].title);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);

export function invalid(errors: FieldProblem[], code: ErrorCode = 'validation_failed'): DomainError {
  return new DomainError(code, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}
