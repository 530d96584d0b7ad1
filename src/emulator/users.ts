import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputFileError } from "../errors.js";

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u, "a lower-case GUID");

const userSchema = z.strictObject({
  id: guid,
  userPrincipalName: z.string().min(3).includes("@"),
  displayName: z.string().min(1),
  accountEnabled: z.boolean(),
  userType: z.enum(["Member", "Guest"]),
  /** OATH tokens or authenticator apps the user already has; they count against the cap of 5. */
  existingMethods: z.number().int().min(0).max(5),
});

const usersFileSchema = z.strictObject({
  $comment: z.string().optional(),
  users: z.array(userSchema),
});

export type EmulatorUser = z.infer<typeof userSchema>;

/** The users of the emulated tenant, found by object id or (case-insensitive) UPN. */
export class UserDirectory {
  readonly #byId = new Map<string, EmulatorUser>();
  readonly #byUpn = new Map<string, EmulatorUser>();

  constructor(users: readonly EmulatorUser[]) {
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
}

export async function loadUsers(path: string | undefined): Promise<UserDirectory> {
  if (path === undefined) return new UserDirectory([]);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new InputFileError(`Cannot read the users file ${path}.`, {
      cause,
      hint: "Pass --users with a readable JSON file (format in docs/emulator.md).",
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InputFileError(`The users file ${path} is not valid JSON.`, { cause });
  }
  const parsed = usersFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined ? "" : ` at ${first.path.join(".")}: ${first.message}`;
    throw new InputFileError(`The users file ${path} does not match the format${where}.`, {
      hint: "The format is described in docs/emulator.md.",
    });
  }
  return new UserDirectory(parsed.data.users);
}
