// The one error services throw: a code the caller can act on, a message for the person (Indonesian first),
// and where the bad value sits in the input when there is one. trpc.ts and the HTTP routes translate it
// into tRPC and HTTP errors; services never speak either protocol.

export const ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface DomainErrorInit {
  code: ErrorCode;
  message: string;
  /** JSON pointer (RFC 6901) of the input value the error is about, e.g. `/rows/3/nip`. */
  pointer?: string;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly pointer: string | undefined;

  constructor(init: DomainErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "DomainError";
    this.code = init.code;
    this.pointer = init.pointer;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }
}
