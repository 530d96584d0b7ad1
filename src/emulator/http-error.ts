/**
A Graph-style failure thrown by a handler and turned into the error envelope
`{"error":{"code","message","innerError":{...}}}` by the server. Messages never carry a secret or
a verification code.
*/
export class GraphHttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "GraphHttpError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const badRequest = (message: string): GraphHttpError =>
  new GraphHttpError(400, "BadRequest", message);

export const conflict = (message: string): GraphHttpError =>
  new GraphHttpError(409, "Conflict", message);

export const notFound = (message: string): GraphHttpError =>
  new GraphHttpError(404, "Request_ResourceNotFound", message);

export type ErrorContext = { requestId: string; clientRequestId: string; date: Date };

export function errorEnvelope(code: string, message: string, context: ErrorContext): unknown {
  return {
    error: {
      code,
      message,
      innerError: {
        date: context.date.toISOString().replace(/\.\d{3}Z$/u, ""),
        "request-id": context.requestId,
        "client-request-id": context.clientRequestId,
      },
    },
  };
}
