import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputFileError } from "../errors.js";
import { roleTemplateId } from "./directory-roles.js";
import type { PolicyFile } from "./policy-state.js";
import type { EmulatorGroup, EmulatorUser, ExistingMethod } from "./users.js";
import { UserDirectory } from "./users.js";

/** The users file (docs/emulator.md § Users file): users, groups and the policy's targets. */
const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u, "a lower-case GUID");
const instant = z.iso.datetime({ offset: true });

const methodSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("microsoftAuthenticator"),
    id: guid.optional(),
    displayName: z.string().min(1).optional(),
    createdDateTime: instant.optional(),
  }),
  z.strictObject({ type: z.literal("softwareOath"), id: guid.optional() }),
]);

const userSchema = z.strictObject({
  id: guid,
  userPrincipalName: z.string().min(3).includes("@"),
  displayName: z.string().min(1),
  accountEnabled: z.boolean(),
  userType: z.enum(["Member", "Guest"]),
  /** Older form: that many software OATH methods. Still read, so older files keep working. */
  existingMethods: z.number().int().min(0).max(5).optional(),
  methods: z.array(methodSchema).max(5).optional(),
  directoryRoles: z
    .array(z.string().refine((r) => roleTemplateId(r) !== undefined, "an unknown directory role"))
    .optional(),
  groups: z.array(guid).optional(),
});

const groupSchema = z.strictObject({
  id: guid,
  displayName: z.string().min(1),
  /** Groups this group is a member of (nesting, for transitive membership). */
  memberOf: z.array(guid).optional(),
});

const targetId = z.union([guid, z.literal("all_users")]);
const policySchema = z.strictObject({
  state: z.enum(["enabled", "disabled"]).optional(),
  includeTargets: z
    .array(z.strictObject({ id: targetId, isRegistrationRequired: z.boolean().optional() }))
    .optional(),
  excludeTargets: z.array(z.strictObject({ id: guid })).optional(),
  lastModifiedDateTime: instant.optional(),
});

const usersFileSchema = z.strictObject({
  $comment: z.string().optional(),
  users: z.array(userSchema),
  groups: z.array(groupSchema).optional(),
  policy: policySchema.optional(),
});

type UsersFile = z.infer<typeof usersFileSchema>;

function methodsOf(u: z.infer<typeof userSchema>): ExistingMethod[] {
  if (u.methods !== undefined && u.existingMethods !== undefined) {
    throw new Error(`${u.userPrincipalName} has both 'methods' and 'existingMethods'; keep one`);
  }
  const listed: Array<z.infer<typeof methodSchema>> =
    u.methods ?? Array.from({ length: u.existingMethods ?? 0 }, () => ({ type: "softwareOath" }));
  return listed.map((m, i) => {
    const id = m.id ?? `${u.id.slice(0, 24)}${String(i).padStart(12, "0")}`;
    if (m.type === "softwareOath") return { type: "softwareOath", id };
    return {
      type: "microsoftAuthenticator",
      id,
      ...(m.displayName === undefined ? {} : { displayName: m.displayName }),
      ...(m.createdDateTime === undefined ? {} : { createdDateTime: m.createdDateTime }),
    };
  });
}

function check(file: UsersFile): void {
  const groupIds = new Set((file.groups ?? []).map((g) => g.id));
  const known = (id: string, where: string): void => {
    if (!groupIds.has(id)) throw new Error(`${where} names the group ${id}, which 'groups' lacks`);
  };
  for (const g of file.groups ?? []) for (const p of g.memberOf ?? []) known(p, `group ${g.id}`);
  for (const u of file.users) for (const g of u.groups ?? []) known(g, u.userPrincipalName);
  for (const t of file.policy?.includeTargets ?? [])
    if (t.id !== "all_users") known(t.id, "policy");
  for (const t of file.policy?.excludeTargets ?? []) known(t.id, "policy");
}

/** The parsed users file: the directory and the policy section (undefined when absent). */
export type LoadedUsers = { directory: UserDirectory; policy: PolicyFile | undefined };

export function parseUsersFile(json: unknown, path: string): LoadedUsers {
  const parsed = usersFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined ? "" : ` at ${first.path.join(".")}: ${first.message}`;
    throw new InputFileError(`The users file ${path} does not match the format${where}.`, {
      hint: "The format is described in docs/emulator.md.",
    });
  }
  const file = parsed.data;
  try {
    check(file);
    const users: EmulatorUser[] = file.users.map((u) => ({
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      accountEnabled: u.accountEnabled,
      userType: u.userType,
      methods: methodsOf(u),
      roleIds: [...new Set((u.directoryRoles ?? []).map((r) => roleTemplateId(r) ?? r))],
      groupIds: u.groups ?? [],
    }));
    const groups: EmulatorGroup[] = (file.groups ?? []).map((g) => ({
      id: g.id,
      displayName: g.displayName,
      memberOf: g.memberOf ?? [],
    }));
    return { directory: new UserDirectory(users, groups), policy: file.policy };
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(
      `The users file ${path} is not consistent: ${(error as Error).message}.`,
    );
  }
}

export async function loadUsers(path: string | undefined): Promise<LoadedUsers> {
  if (path === undefined) return { directory: new UserDirectory([], []), policy: undefined };
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
  return parseUsersFile(json, path);
}
