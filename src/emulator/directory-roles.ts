/**
Entra's built-in directory roles the emulator knows, by name and by role template id (the ids
Entra puts in the `wids` claim and in directoryRole.roleTemplateId). Ids checked against
Microsoft's "Microsoft Entra built-in roles" reference (docs/emulator.md § Sources, E4).
*/
export const directoryRoles = {
  "Global Administrator": "62e90394-69f5-4237-9190-012177145e10",
  "Global Reader": "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  "Authentication Administrator": "c4e39bd9-1100-46d3-8c65-fb160da0071f",
  "Privileged Authentication Administrator": "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
  "Authentication Policy Administrator": "0526716b-113d-4c15-b2c8-68e3c22b9f80",
} as const;

export type DirectoryRoleName = keyof typeof directoryRoles;

const byId = new Map<string, DirectoryRoleName>(
  Object.entries(directoryRoles).map(([name, id]) => [id, name as DirectoryRoleName]),
);

/** A role given by name (any case) or template id; undefined when the emulator does not know it. */
export function roleTemplateId(nameOrId: string): string | undefined {
  const key = nameOrId.trim().toLowerCase();
  if (byId.has(key)) return key;
  const entry = Object.entries(directoryRoles).find(([name]) => name.toLowerCase() === key);
  return entry?.[1];
}

export function roleName(templateId: string): DirectoryRoleName | undefined {
  return byId.get(templateId);
}

/**
The tenant-scoped directoryRole object id for a role template. Entra activates a directoryRole per
tenant with its own object id; the emulator derives a stable one from the template id.
*/
export function directoryRoleObjectId(templateId: string): string {
  return `d1${templateId.slice(2)}`;
}
