import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { writePrivateFile } from "../files/private-file.js";
import type { ConnectionSettings } from "../graph/connection.js";
import { configFolder } from "./user-folders.js";

type Env = Readonly<Record<string, string | undefined>>;

/**
Named tenants for admins with many (issue #11 item 8), in `profiles.json` in the user's config
folder: where and how to sign in, never a secret (a field the schema does not know is refused,
so a secret put there by hand is not silently carried along). Flags override a profile's values;
a profile overrides the environment (AZURE_TENANT_ID …).
*/
const text = z.string().trim().min(1);
const profileSchema = z
  .object({
    tenant: text.optional(),
    clientId: text.optional(),
    auth: text.optional(),
    graphUrl: text.optional(),
    authorityHost: text.optional(),
    allowHosts: z.array(text).optional(),
  })
  .strict();
const fileSchema = z.object({ profiles: z.record(z.string(), profileSchema) }).strict();

export type Profile = z.infer<typeof profileSchema>;

export const profileNameRule = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/u;

export const profilesFile = (env: Env): string => join(configFolder(env), "profiles.json");

/** Every profile, by name; none when the file does not exist. */
export async function readProfiles(env: Env): Promise<Record<string, Profile>> {
  const path = profilesFile(env);
  let content: string;
  try {
    content = await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return {};
    throw new UsageError(`${path} cannot be read.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new UsageError(`${path} is not valid JSON.`, { hint: "Fix or delete the file." });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") ?? "";
    throw new UsageError(
      `${path}: ${where === "" ? "" : `${where}: `}${issue?.message ?? "invalid"}.`,
      {
        hint: "A profile holds tenant, clientId, auth, graphUrl, authorityHost and allowHosts only — never a secret.",
      },
    );
  }
  return parsed.data.profiles;
}

/** The profile a command uses: --profile, else OATHKIT_PROFILE, else none. */
export function chosenProfile(flag: string | undefined, env: Env): string | undefined {
  const name = flag ?? (env["OATHKIT_PROFILE"]?.trim() || undefined);
  if (name !== undefined && !profileNameRule.test(name)) {
    throw new UsageError(`The profile name ${JSON.stringify(name)} is not allowed.`, {
      hint: "Use letters, digits, - and _ (up to 64), starting with a letter or digit.",
    });
  }
  return name;
}

/** A profile's values under the flags given: a flag wins, the profile fills in the rest. */
export function withProfile(settings: ConnectionSettings, profile: Profile): ConnectionSettings {
  const pick = <T>(flag: T | undefined, value: T | undefined) => flag ?? value;
  return {
    ...settings,
    tenant: pick(settings.tenant, profile.tenant),
    clientId: pick(settings.clientId, profile.clientId),
    auth: pick(settings.auth, profile.auth),
    graphUrl: pick(settings.graphUrl, profile.graphUrl),
    authorityHost: pick(settings.authorityHost, profile.authorityHost),
    allowHosts: pick(settings.allowHosts, profile.allowHosts),
  };
}

/** Creates or replaces one profile (mode 0600; the folder 0700). */
export async function saveProfile(env: Env, name: string, profile: Profile): Promise<string> {
  const profiles = { ...(await readProfiles(env)), [name]: profileSchema.parse(profile) };
  await mkdir(configFolder(env), { recursive: true, mode: 0o700 });
  const path = profilesFile(env);
  await writePrivateFile(path, `${JSON.stringify({ profiles }, null, 2)}\n`, { replace: true });
  return path;
}

/** What a profile records of the settings a login used (no cloud, no purpose, no secret). */
export function profileOf(settings: ConnectionSettings): Profile {
  const entries = Object.entries({
    tenant: settings.tenant,
    clientId: settings.clientId,
    auth: settings.auth,
    graphUrl: settings.graphUrl,
    authorityHost: settings.authorityHost,
    allowHosts: settings.allowHosts,
  }).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries);
}
