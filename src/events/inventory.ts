import type { DeviceStatus } from "../graph/port.js";

/**
What `oathkit list` reports: the inventory's tokens with their holders, the totals, and the holder
report. Never a seed: Graph returns `secretKey` as null and the port does not carry it.
*/
/**
A token of the tenant inventory as `list` reports it: the device with its holder's UPN resolved.
`userPrincipalName` is null when the holder could not be read (deleted since, or hidden from us).
*/
export type InventoryToken = {
  id: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  hashFunction: string;
  timeIntervalInSeconds: number;
  status: DeviceStatus;
  assignedTo: { id: string; userPrincipalName: string | null } | null;
  lastUsedDateTime: string | null;
};

export type HeldToken = Pick<
  InventoryToken,
  "id" | "serialNumber" | "manufacturer" | "model" | "status" | "lastUsedDateTime"
>;

/** A user holding tokens, as the holder report (`list --by-user`) shows them. */
export type TokenHolder = {
  id: string;
  /** Null when the user could not be read (deleted since the token was assigned). */
  userPrincipalName: string | null;
  /** More than one hardware token: worth a look (a lost token never removed, a legacy duplicate). */
  multipleTokens: boolean;
  tokens: HeldToken[];
};

export type HolderReport = {
  holders: TokenHolder[];
  totals: { holders: number; multipleTokenHolders: number; unassignedTokens: number };
};

export type InventoryTotals = {
  /** Count per status, keys sorted; a status Graph adds later is counted under its own name. */
  byStatus: Record<string, number>;
  /** Count per model, keys sorted. */
  byModel: Record<string, number>;
};
