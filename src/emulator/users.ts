import { InputFileError } from "../errors.js";

/** A method the user already has (from the users file): it counts against the cap of five. */
export type ExistingMethod =
  | { type: "microsoftAuthenticator"; id: string; displayName?: string; createdDateTime?: string }
  | { type: "softwareOath"; id: string };

export type EmulatorUser = {
  id: string;
  userPrincipalName: string;
  displayName: string;
  accountEnabled: boolean;
  userType: "Member" | "Guest";
  methods: readonly ExistingMethod[];
  /** Directory role template ids (docs/emulator.md § Users file). */
  roleIds: readonly string[];
  /** Groups the user is a direct member of. */
  groupIds: readonly string[];
};

export type EmulatorGroup = { id: string; displayName: string; memberOf: readonly string[] };

/** The users and groups of the emulated tenant; users found by object id or (case-insensitive) UPN. */
export class UserDirectory {
  readonly #byId = new Map<string, EmulatorUser>();
  readonly #byUpn = new Map<string, EmulatorUser>();
  readonly #groups = new Map<string, EmulatorGroup>();

  constructor(users: readonly EmulatorUser[], groups: readonly EmulatorGroup[]) {
    for (const user of users) {
      const upn = user.userPrincipalName.toLowerCase();
      if (this.#byId.has(user.id) || this.#byUpn.has(upn)) {
        throw new InputFileError(
          `The users file lists ${user.userPrincipalName} (or its id) twice.`,
        );
      }
      this.#byId.set(user.id, user);
      this.#byUpn.set(upn, user);
    }
    for (const group of groups) {
      if (this.#groups.has(group.id) || this.#byId.has(group.id)) {
        throw new InputFileError(`The users file lists the object id ${group.id} twice.`);
      }
      this.#groups.set(group.id, group);
    }
  }

  /** `key` is an object id or a UPN, as Graph accepts in `/users/{id|upn}`. */
  find(key: string): EmulatorUser | undefined {
    return this.#byId.get(key.toLowerCase()) ?? this.#byUpn.get(key.toLowerCase());
  }

  findById(id: string): EmulatorUser | undefined {
    return this.#byId.get(id.toLowerCase());
  }

  all(): EmulatorUser[] {
    return [...this.#byId.values()];
  }

  group(id: string): EmulatorGroup | undefined {
    return this.#groups.get(id.toLowerCase());
  }

  /** Every group the user is a member of, directly or through nested groups (cycles are safe). */
  transitiveGroups(user: EmulatorUser): Set<string> {
    const seen = new Set<string>();
    const queue = [...user.groupIds];
    while (queue.length > 0) {
      const id = queue.shift() ?? "";
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(this.#groups.get(id)?.memberOf ?? []));
    }
    return seen;
  }

  /** The first user with a directory role, in file order: who --auto-approve signs in as. */
  firstAdmin(): EmulatorUser | undefined {
    return this.all().find((u) => u.roleIds.length > 0 && u.accountEnabled);
  }
}
