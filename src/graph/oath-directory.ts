import type { GraphConnection } from "./connection.js";
import { GraphFailure } from "./graph-failure.js";
import { createBulk, readBulkResults } from "./bulk-create.js";
import {
  createBody,
  devicePath,
  devicesPath,
  toDevice,
  userMethodPath,
  userMethodsPath,
} from "./odata.js";
import type { Device, DeviceFilter, OathDirectory } from "./port.js";
import { unexpectedResponse } from "./graph-calls.js";
import { openGraphSession, type OathDirectoryDeps } from "./graph-session.js";
import { needs } from "./needs.js";
import { connectedTo } from "./connected-to.js";
import { directoryChecks } from "./directory-checks.js";
import { batchedReads } from "./batched-reads.js";
import {
  countOathIn,
  devicesListing,
  methodsRead,
  parseListedDevice,
  parseUser,
  serialRead,
  userRead,
  withSerial,
} from "./reads.js";

export type { OathDirectoryDeps };

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
    for await (const item of items(devicesListing(filter))) yield parseListedDevice(item);
  }

  const checks = directoryChecks(session, credential, connection.scopes, {
    ...session.retry,
    scrubber: deps.scrubber,
    now: deps.now,
  });
  const directory: OathDirectory = {
    connectedTo: () => connectedTo(connection, credential, deps),
    ...checks,
    // Defined below, over the single calls of this object.
    readUsers: (idsOrUpns) => batched.readUsers(idsOrUpns),
    findDevicesBySerial: (serials) => batched.findDevicesBySerial(serials),

    async getUser(idOrUpn) {
      const body = await orNull(run(userRead(idOrUpn)));
      return body === null ? null : parseUser(body);
    },

    async countOathMethods(userId) {
      const methods: unknown[] = [];
      for await (const item of items(methodsRead(userId))) methods.push(item);
      return countOathIn(methods);
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
      const devices: Device[] = [];
      for await (const item of items(serialRead(serialNumber)))
        devices.push(parseListedDevice(item));
      return withSerial(devices, serialNumber);
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
  const batched = batchedReads(directory);
  return directory;
}
