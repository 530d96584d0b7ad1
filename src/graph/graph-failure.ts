import type { GraphFailureInfo } from "./port.js";

/**
A Graph call that failed, in domain terms (no SDK type): thrown by every OathDirectory method.
The message is scrubbed of secrets before this object is built.
*/
export class GraphFailure extends Error implements GraphFailureInfo {
  readonly kind: GraphFailureInfo["kind"];
  readonly status: number | null;
  readonly code: string | null;
  readonly requestId: string | null;
  readonly retryAfterMs: number | null;

  constructor(info: GraphFailureInfo) {
    super(info.message);
    this.name = "GraphFailure";
    this.kind = info.kind;
    this.status = info.status;
    this.code = info.code;
    this.requestId = info.requestId;
    this.retryAfterMs = info.retryAfterMs;
  }

  info(): GraphFailureInfo {
    return {
      kind: this.kind,
      status: this.status,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
    };
  }
}
