import type { Client } from "@microsoft/microsoft-graph-client";
import { AuthenticationHandlerOptions } from "@microsoft/microsoft-graph-client";
import type { Scrubber } from "../secrets/scrubber.js";
import { classify } from "./classify-failure.js";
import type { GraphConnection } from "./connection.js";
import { createCredential } from "./credential.js";
import { GraphFailure } from "./graph-failure.js";
import { createBulk, readBulkResults } from "./bulk-create.js";
import {
  createBody,
  deviceFilter,
  devicePath,
  devicesPath,
  isRecord,
  oathMethodTypes,
  policyPath,
  toDevice,
  toPage,
  toUser,
  userMethodsPath,
  userPath,
} from "./odata.js";
import type { DateSample, Device, OathDirectory } from "./port.js";
import { decide, defaultRetryLimits, type RetryLimits } from "./retry-policy.js";
import { createGraphClient, freshTokenProvider, fromSdkError } from "./transport.js";

export type OathDirectoryDeps = {
  /** Every failure message is scrubbed with it; register every seed before the first call. */
  scrubber: Scrubber;
  /** Environment for the credential (AZURE_CLIENT_SECRET …). */
  env: Readonly<Record<string, string | undefined>>;
  now: () => number;
  /** @default Math.random */
  random?: () => number;
  /** @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
  /** Device-code sign-in instructions (never written to stdout by the adapter). */
  onDeviceCodePrompt?: (message: string) => void;
  /** @default 30000 */
  readTimeoutMs?: number;
  /** @default 30000 */
  writeTimeoutMs?: number;
  /** For reads only; writes are never retried here. */
  retryLimits?: RetryLimits;
};

/** Permission and role named after a 403 (graph-api.md §3). */
const needs = {
  inventoryRead: "Policy.Read.All (role Global Reader or Authentication Policy Administrator)",
  inventoryWrite:
    "Policy.ReadWrite.AuthenticationMethod (role Authentication Policy Administrator)",
  userMethods:
    "UserAuthenticationMethod.ReadWrite.All (role Authentication Administrator, or Privileged Authentication Administrator for admins)",
  userMethodsRead:
    "UserAuthenticationMethod.Read.All (role Authentication Administrator or Global Reader)",
  userRead: "User.Read.All (or Directory.Read.All)",
  policyRead: "Policy.Read.AuthenticationMethod (role Authentication Policy Administrator)",
} as const;

type Call = {
  operation: string;
  needs: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  filter?: string;
  select?: string;
  /** Built only when the request is sent, so secrets live no longer than the request. */
  body?: () => unknown;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createOathDirectory(
  connection: GraphConnection,
  deps: OathDirectoryDeps,
): OathDirectory {
  const samples: DateSample[] = [];
  const credential = createCredential(connection, deps);
  const client: Client = createGraphClient(connection, credential, {
    now: deps.now,
    ...(deps.readTimeoutMs === undefined ? {} : { readTimeoutMs: deps.readTimeoutMs }),
    ...(deps.writeTimeoutMs === undefined ? {} : { writeTimeoutMs: deps.writeTimeoutMs }),
    onDateSample: (sample) => samples.push(sample),
  });
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? defaultSleep;
  const limits = deps.retryLimits ?? defaultRetryLimits;

  function send(call: Call, freshToken: boolean): Promise<unknown> {
    let request = client.api(call.path);
    if (call.filter !== undefined) request = request.filter(encodeURIComponent(call.filter));
    if (call.select !== undefined) request = request.select(call.select);
    if (freshToken) {
      const provider = freshTokenProvider(credential, deps.now());
      request = request.middlewareOptions([new AuthenticationHandlerOptions(provider)]);
    }
    switch (call.method) {
      case "GET":
        return request.get() as Promise<unknown>;
      case "POST":
        return request.post(call.body?.() ?? {}) as Promise<unknown>;
      case "PATCH":
        return request.patch(call.body?.() ?? {}) as Promise<unknown>;
      case "DELETE":
        return request.delete() as Promise<unknown>;
    }
  }

  /** Reads retry per the policy; writes only get the single fresh-token retry after a 401. */
  async function run(call: Call): Promise<unknown> {
    let tokenRefreshed = false;
    let freshToken = false;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send(call, freshToken);
      } catch (error) {
        const failure = classify(fromSdkError(error), {
          operation: call.operation,
          needs: call.needs,
          scrubber: deps.scrubber,
          nowMs: deps.now(),
        });
        const decision = decide(failure, { attempt, tokenRefreshed }, random, limits);
        if (!decision.retry || (call.method !== "GET" && !decision.refreshToken)) throw failure;
        freshToken = decision.refreshToken;
        tokenRefreshed ||= decision.refreshToken;
        if (decision.delayMs > 0) await sleep(decision.delayMs);
      }
    }
  }

  async function orNull<T>(promise: Promise<T>): Promise<T | null> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof GraphFailure && error.kind === "not-found") return null;
      throw error;
    }
  }

  function unexpected(operation: string, status: number | null): GraphFailure {
    return new GraphFailure({
      kind: "unclear",
      status,
      code: "UnexpectedResponse",
      message: `${operation}: the response does not have the expected shape`,
      requestId: null,
      retryAfterMs: null,
    });
  }

  /** Every page of a collection; a nextLink is followed only under our own Graph URL. */
  async function* pages(first: Call): AsyncGenerator<unknown> {
    let call: Call | null = first;
    const base = `${connection.graphUrl}/beta/`;
    while (call !== null) {
      const page = toPage(await run(call));
      yield* page.items;
      if (page.nextLink === null) return;
      if (!page.nextLink.startsWith(base)) {
        throw new GraphFailure({
          kind: "rejected",
          status: null,
          code: "ForeignNextLink",
          message: `${first.operation}: the next page link points outside ${connection.graphUrl}; not followed`,
          requestId: null,
          retryAfterMs: null,
        });
      }
      call = {
        operation: first.operation,
        needs: first.needs,
        method: "GET",
        path: `/${page.nextLink.slice(base.length)}`,
      };
    }
  }

  async function* listDevices(filter?: Parameters<OathDirectory["listDevices"]>[0]) {
    const expression = deviceFilter(filter);
    const call: Call = {
      operation: "list tokens",
      needs: needs.inventoryRead,
      method: "GET",
      path: devicesPath,
      ...(expression === null ? {} : { filter: expression }),
    };
    for await (const item of pages(call)) {
      const device = toDevice(item);
      if (device === null) throw unexpected(call.operation, 200);
      yield device;
    }
  }

  return {
    async getMethodPolicy() {
      const body = await run({
        operation: "read the hardware OATH method policy",
        needs: needs.policyRead,
        method: "GET",
        path: policyPath,
      });
      const state = isRecord(body) ? body["state"] : undefined;
      if (typeof state !== "string") throw unexpected("read the hardware OATH method policy", 200);
      return { state };
    },

    async getUser(idOrUpn) {
      const body = await orNull(
        run({
          operation: "look up user",
          needs: needs.userRead,
          method: "GET",
          path: userPath(idOrUpn),
          select: "id,userPrincipalName,displayName,accountEnabled,userType",
        }),
      );
      if (body === null) return null;
      const user = toUser(body);
      if (user === null) throw unexpected("look up user", 200);
      return user;
    },

    async countOathMethods(userId) {
      let count = 0;
      const call: Call = {
        operation: "count the user's OATH methods",
        needs: needs.userMethodsRead,
        method: "GET",
        path: `${userPath(userId)}/authentication/methods`,
      };
      for await (const item of pages(call)) {
        const type = isRecord(item) ? item["@odata.type"] : undefined;
        if (typeof type === "string" && oathMethodTypes.has(type)) count += 1;
      }
      return count;
    },

    async getDevice(deviceId) {
      const body = await orNull(
        run({
          operation: "read token",
          needs: needs.inventoryRead,
          method: "GET",
          path: devicePath(deviceId),
        }),
      );
      if (body === null) return null;
      const device = toDevice(body);
      if (device === null) throw unexpected("read token", 200);
      return device;
    },

    async findDeviceBySerial(serialNumber) {
      let found: Device | null = null;
      for await (const device of listDevices({ serialNumber })) {
        if (device.serialNumber === serialNumber) found = device;
      }
      return found;
    },

    listDevices,

    async createDevice(device) {
      const operation = `create token ${device.serialNumber}`;
      const body = await run({
        operation,
        needs:
          device.assignToUserId === undefined
            ? needs.inventoryWrite
            : `${needs.inventoryWrite} and ${needs.userMethods}`,
        method: "POST",
        path: devicesPath,
        body: () => createBody(device),
      });
      const created = toDevice(body);
      if (created === null) throw unexpected(operation, 201);
      return created;
    },

    async createDevices(devices) {
      if (devices.length === 0) return [];
      try {
        const body = await run({
          operation: `create ${devices.length} tokens in bulk`,
          needs: needs.inventoryWrite,
          method: "PATCH",
          path: devicesPath,
          body: () => createBulk(devices),
        });
        return readBulkResults(devices, body);
      } catch (error) {
        if (!(error instanceof GraphFailure)) throw error;
        const info = error.info();
        return devices.map((d) => ({
          serialNumber: d.serialNumber,
          ok: false as const,
          failure: info,
        }));
      }
    },

    async assign(userId, deviceId) {
      await run({
        operation: `assign token ${deviceId}`,
        needs: needs.userMethods,
        method: "POST",
        path: userMethodsPath(userId),
        body: () => ({ device: { id: deviceId } }),
      });
    },

    async activate(userId, deviceId, verificationCode, displayName) {
      await run({
        operation: `activate token ${deviceId}`,
        needs: needs.userMethods,
        method: "POST",
        path: `${userMethodsPath(userId)}/${encodeURIComponent(deviceId)}/activate`,
        body: () => ({ verificationCode, ...(displayName === undefined ? {} : { displayName }) }),
      });
    },

    async assignAndActivate(userId, deviceId, verificationCode, displayName) {
      await run({
        operation: `assign and activate token ${deviceId}`,
        needs: needs.userMethods,
        method: "POST",
        path: `${userMethodsPath(userId)}/assignAndActivate`,
        body: () => ({
          device: { id: deviceId },
          verificationCode,
          ...(displayName === undefined ? {} : { displayName }),
        }),
      });
    },

    async unassign(userId, deviceId) {
      await run({
        operation: `unassign token ${deviceId}`,
        needs: needs.userMethods,
        method: "DELETE",
        path: `${userMethodsPath(userId)}/${encodeURIComponent(deviceId)}`,
      });
    },

    async deleteDevice(deviceId) {
      await run({
        operation: `delete token ${deviceId}`,
        needs: needs.inventoryWrite,
        method: "DELETE",
        path: devicePath(deviceId),
      });
    },

    dateSamples() {
      return samples.slice();
    },
  };
}
