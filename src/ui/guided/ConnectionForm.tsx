import { useState } from "react";
import { Box, Text } from "ink";
import { Select, TextInput } from "@inkjs/ui";
import type { AuthMode, Connection } from "../intents.js";

export type ConnectionFormProps = { readonly onChoose: (connection: Connection) => void };

const authModes: ReadonlyArray<{ label: string; value: AuthMode }> = [
  { label: "Device code (sign in on another device)", value: "device-code" },
  { label: "Browser", value: "browser" },
  { label: "Azure CLI (az login)", value: "azure-cli" },
  { label: "Client secret (AZURE_CLIENT_SECRET)", value: "client-secret" },
  { label: "Certificate (AZURE_CLIENT_CERTIFICATE_PATH)", value: "certificate" },
  { label: "Environment (AZURE_* variables)", value: "env" },
];

/** Step 4: the local emulator, or a tenant id + client id + sign-in method. */
export function ConnectionForm({ onChoose }: ConnectionFormProps) {
  // View-only state: which field of the form is open, and what was typed in the earlier ones.
  const [field, setField] = useState<"kind" | "tenant" | "client" | "auth">("kind");
  const [tenantId, setTenantId] = useState("");
  const [clientId, setClientId] = useState("");
  return (
    <Box flexDirection="column">
      <Text bold>Tenant</Text>
      {field === "kind" && (
        <Select
          options={[
            { label: "Local emulator (no tenant needed)", value: "emulator" },
            { label: "A Microsoft Entra tenant", value: "tenant" },
          ]}
          onChange={(v) => (v === "emulator" ? onChoose({ kind: "emulator" }) : setField("tenant"))}
        />
      )}
      {field !== "kind" && tenantId !== "" && <Text>{`Tenant ID  ${tenantId}`}</Text>}
      {field === "tenant" && (
        <Box gap={1}>
          <Text>Tenant ID:</Text>
          <TextInput
            placeholder="00000000-0000-0000-0000-000000000000 or contoso.onmicrosoft.com"
            onSubmit={(v) => {
              if (v.trim() === "") return;
              setTenantId(v.trim());
              setField("client");
            }}
          />
        </Box>
      )}
      {field === "auth" && <Text>{`Client ID  ${clientId}`}</Text>}
      {field === "client" && (
        <Box gap={1}>
          <Text>Client ID:</Text>
          <TextInput
            placeholder="the app registration's application id"
            onSubmit={(v) => {
              if (v.trim() === "") return;
              setClientId(v.trim());
              setField("auth");
            }}
          />
        </Box>
      )}
      {field === "auth" && (
        <>
          <Text>Sign in with:</Text>
          <Select
            visibleOptionCount={6}
            options={[...authModes]}
            onChange={(v) => {
              const auth = authModes.find((m) => m.value === v);
              if (auth !== undefined)
                onChoose({ kind: "tenant", tenantId, clientId, auth: auth.value });
            }}
          />
        </>
      )}
    </Box>
  );
}
