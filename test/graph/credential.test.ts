import { describe, expect, it } from "vitest";
import { resolveConnection } from "../../src/graph/index.js";
import { createCredential } from "../../src/graph/credential.js";
import { Scrubber } from "../../src/secrets/scrubber.js";

const ids = {
  tenant: "contoso.onmicrosoft.com",
  clientId: "11111111-2222-3333-4444-555555555555",
};
const secret = "client-secret-value-0123456789";

describe("createCredential", () => {
  it("builds one credential per mode; nothing signs in yet", () => {
    const env = { AZURE_CLIENT_SECRET: secret, AZURE_CLIENT_CERTIFICATE_PATH: "/k.pem" };
    const name = (auth: string) =>
      createCredential(resolveConnection({ ...ids, auth }, env), {
        env,
        onDeviceCodePrompt: () => undefined,
      }).constructor.name;
    expect(name("client-secret")).toBe("ClientSecretCredential");
    expect(name("certificate")).toBe("ClientCertificateCredential");
    expect(name("env")).toBe("ClientSecretCredential");
    expect(name("device-code")).toBe("DeviceCodeCredential");
    expect(name("browser")).toBe("InteractiveBrowserCredential");
    expect(name("azure-cli")).toBe("AzureCliCredential");
  });

  it("env mode falls back to the certificate when no secret is set", () => {
    const env = { AZURE_CLIENT_CERTIFICATE_PATH: "/k.pem" };
    const credential = createCredential(resolveConnection(ids, env), { env });
    expect(credential.constructor.name).toBe("ClientCertificateCredential");
  });

  it("registers the client secret with the scrubber", () => {
    const env = { AZURE_CLIENT_SECRET: secret };
    const scrubber = new Scrubber();
    createCredential(resolveConnection(ids, env), { env, scrubber });
    expect(scrubber.scrub(`invalid secret ${secret}`)).toBe("invalid secret [redacted]");
  });

  it("device code needs a prompt callback, so the library never prints to stdout", () => {
    expect(() => createCredential(resolveConnection(ids, {}), { env: {} })).toThrow(
      /onDeviceCodePrompt/u,
    );
  });
});
