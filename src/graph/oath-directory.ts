import type { GraphConnection } from "./connection.js";
import { GraphFailure } from "./graph-failure.js";
import { createBulk, readBulkResults } from "./bulk-create.js";
import {
  createBody,
  deviceFilter,
  devicePath,
  devicesPath,
  isRecord,
  oathMethodTypes,
  toDevice,
  toUser,
  userMethodPath,
  userMethodsPath,
  userPath,
} from "./odata.js";
import type { Device, DeviceFilter, OathDirectory } from "./port.js";
import { unexpectedResponse, type Call } from "./graph-calls.js";
import { openGraphSession, type OathDirectoryDeps } from "./graph-session.js";
import { needs } from "./needs.js";
import { connectedTo } from "./connected-to.js";
import { directoryChecks } from "./directory-checks.js";

export type { OathDirectoryDeps };

/** Large pages keep a 20,000-token inventory to a few dozen requests. */
const listPageSize = 999;

/**
The OathDirectory port over Microsoft Graph beta (docs/graph-adapter.md). Nothing signs in until the
first call. Reads are retried here; writes never are (except once after a 401): the provisioning
core reconciles an `unclear` write before sending it again.
*/
export function createOathDirectory(
  connection: GraphConnection,
  deps: OathDirectoryDeps,
): OathDirectory {
  const session = openGraphSession(connection, deps);
  const { run, items, dateSamples, writeLoad, credential } = session;

  async function orNull<T>(promise: Promise<T>): Promise<T | null> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof GraphFailure && error.kind === "not-found") return null;
      throw error;
    }
  }

  async function* listDevices(filter?: DeviceFilter): AsyncGenerator<Device> {
    const expression = deviceFilter(filter);
    const call: Call = {
      operation: "list tokens",
      needs: needs.inventoryRead,
      method: "GET",
      path: devicesPath,
      top: listPageSize,
      ...(expression === null ? {} : { filter: expression }),
    };
    for await (const item of items(call)) {
      const device = toDevice(item);
      if (device === null) throw unexpectedResponse(call.operation, "a list item is not a token");
      yield device;
    }
  }

  return {
    connectedTo: () => connectedTo(connection, credential, deps),
    ...directoryChecks(session, credential, connection.scopes, {
      ...session.retry,
      scrubber: deps.scrubber,
      now: deps.now,
    }),

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
      if (user === null) throw unexpectedResponse("look up user", "the body is not a user");
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
      for await (const item of items(call)) {
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
      if (device === null) throw unexpectedResponse("read token", "the body is not a token");
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
      if (created === null) throw unexpectedResponse(operation, "the body is not a token");
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
      deps.scrubber.addCode(verificationCode); // a server that echoes it must not get it printed
      await run({
        operation: `activate token ${deviceId}`,
        needs: needs.userMethods,
        method: "POST",
        path: `${userMethodPath(userId, deviceId)}/activate`,
        body: () => ({ verificationCode, ...(displayName === undefined ? {} : { displayName }) }),
      });
    },

    async assignAndActivate(userId, deviceId, verificationCode, displayName) {
      deps.scrubber.addCode(verificationCode); // a server that echoes it must not get it printed
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
        path: userMethodPath(userId, deviceId),
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

    dateSamples,
    writeLoad,
  };
}
