import { createHash } from "node:crypto";
import { mkdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { useIdentityPlugin, type TokenCachePersistenceOptions } from "@azure/identity";
import { writePrivateFile } from "../files/private-file.js";

/**
The persistent token cache of a person's sign-in (issue #11 item 7), one per profile. Where the
platform's secure storage is available through the Azure SDK's own plugin
(`@azure/identity-cache-persistence`, installed beside oathkit: DPAPI on Windows, the Keychain on
macOS, libsecret on Linux), MSAL's cache goes there. Otherwise — the plugin is not installed, as
on a server without libsecret, where it cannot be built — it is a plain JSON file that only its
owner can read (mode 0600, folder 0700), holding access, refresh and ID tokens unencrypted.
docs/graph-adapter.md § Token cache says what is stored where.
*/
export type TokenCacheSpec = {
  /** The cache folder (paths.ts in src/cli: XDG_CACHE_HOME/oathkit, %LOCALAPPDATA%\oathkit). */
  dir: string;
  profile: string;
};

export type TokenStore = { kind: "os" } | { kind: "file"; files: string[] };

/** What MSAL hands a cache plugin (only the parts used here; msal-node's TokenCacheContext). */
type CacheContext = {
  cacheHasChanged: boolean;
  tokenCache: { serialize(): string; deserialize(text: string): void };
};
type CachePlugin = {
  beforeCacheAccess(context: CacheContext): Promise<void>;
  afterCacheAccess(context: CacheContext): Promise<void>;
};
type PersistenceFactory = (options?: TokenCachePersistenceOptions) => Promise<CachePlugin>;

const securePluginPackage = "@azure/identity-cache-persistence";
/** Cache names MSAL asks for (`<name>.nocae`, `<name>.cae`) → the folder of their files. */
const caches = new Map<string, TokenCacheSpec>();
let secureFactory: Promise<PersistenceFactory | null> | undefined;
let registered = false;

/** The Azure SDK's secure persistence, when its plugin package can be loaded; else null. */
function loadSecureFactory(): Promise<PersistenceFactory | null> {
  secureFactory ??= (async () => {
    try {
      const name = securePluginPackage; // not a dependency: loaded only where it is installed
      const module = (await import(name)) as { cachePersistencePlugin: (context: unknown) => void };
      let factory: PersistenceFactory | null = null;
      module.cachePersistencePlugin({
        cachePluginControl: { setPersistence: (f: PersistenceFactory) => (factory = f) },
      });
      return factory;
    } catch {
      return null;
    }
  })();
  return secureFactory;
}

/** The owner-only file plugin: read before MSAL uses its cache, written after it changes it. */
function filePlugin(path: string): CachePlugin {
  return {
    async beforeCacheAccess(context) {
      const text = await readFile(path, "utf8").catch(() => null);
      if (text !== null) context.tokenCache.deserialize(text);
    },
    async afterCacheAccess(context) {
      if (!context.cacheHasChanged) return;
      await writePrivateFile(path, context.tokenCache.serialize(), { replace: true });
    },
  };
}

function cacheName(spec: TokenCacheSpec): string {
  const folder = createHash("sha256").update(spec.dir).digest("hex").slice(0, 12);
  return `oathkit.${folder}.${spec.profile}`;
}

/** The token cache files of a profile (MSAL keeps CAE and non-CAE tokens apart). */
export function tokenCacheFiles(spec: TokenCacheSpec): string[] {
  return ["nocae", "cae"].map((kind) => join(spec.dir, `${spec.profile}.tokens.${kind}.json`));
}

/** The credential option that turns the persistent cache on for this profile. */
export function persistentCache(spec: TokenCacheSpec): TokenCachePersistenceOptions {
  if (!registered) {
    registered = true;
    useIdentityPlugin((context) => {
      (
        context as { cachePluginControl: { setPersistence(f: PersistenceFactory): void } }
      ).cachePluginControl.setPersistence(async (options) => {
        const full = options?.name ?? "";
        const base = full.replace(/\.(no)?cae$/u, "");
        const spec = caches.get(base);
        if (spec === undefined) throw new Error(`no token cache is set up for ${base}`);
        const secure = await loadSecureFactory();
        if (secure !== null)
          return secure({ ...options, enabled: true, unsafeAllowUnencryptedStorage: false });
        await mkdir(spec.dir, { recursive: true, mode: 0o700 });
        const [nocae, cae] = tokenCacheFiles(spec) as [string, string];
        return filePlugin(full.endsWith(".nocae") ? nocae : cae);
      });
    });
  }
  const name = cacheName(spec);
  caches.set(name, spec);
  return { enabled: true, name };
}

/**
Where this profile's tokens are kept: the OS store, or the files named — those there are (MSAL
writes the CAE and the non-CAE cache only as it uses each, so one of them is often never written).
*/
export async function tokenStore(spec: TokenCacheSpec): Promise<TokenStore> {
  if ((await loadSecureFactory()) !== null) return { kind: "os" };
  const there = await Promise.all(
    tokenCacheFiles(spec).map((file) =>
      stat(file).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  );
  return { kind: "file", files: tokenCacheFiles(spec).filter((_, i) => there[i]) };
}

/** Forgets the profile's tokens: the files (the OS store's entry is left to the OS's tools). */
export async function clearTokenCache(spec: TokenCacheSpec): Promise<void> {
  for (const file of tokenCacheFiles(spec)) await rm(file, { force: true });
}
