import { useState } from "react";
import { Box, Text, useInput } from "ink";
import { Select, StatusMessage } from "@inkjs/ui";
import type { Connection } from "../../events/intents.js";
import type { AuthMode } from "../../graph/auth-modes.js";
import type { ConnectionError } from "./guided-state.js";
import { KeyHint } from "./KeyHint.js";
import { LineInput } from "./LineInput.js";

export type ConnectionFormProps = {
  /** What was chosen last time: the form opens filled in with it (after a failed sign-in). */
  readonly initial: Connection | null;
  /** Why the last run could not use the tenant. */
  readonly error: ConnectionError | null;
  readonly onChoose: (connection: Connection) => void;
  /** Esc on the first field: back to the mode. */
  readonly onBack: () => void;
};

const authModes: ReadonlyArray<{ label: string; value: AuthMode }> = [
  { label: "Device code (sign in on another device)", value: "device-code" },
  { label: "Browser", value: "browser" },
  { label: "Azure CLI (az login)", value: "azure-cli" },
  { label: "Client secret (AZURE_CLIENT_SECRET)", value: "client-secret" },
  { label: "Certificate (AZURE_CLIENT_CERTIFICATE_PATH)", value: "certificate" },
  { label: "Environment (AZURE_* variables)", value: "env" },
];

type Field = "kind" | "tenant" | "client" | "auth";
const before: Record<Field, Field | null> = {
  kind: null,
  tenant: "kind",
  client: "tenant",
  auth: "client",
};

/**
Step 4: the local emulator, or a tenant id + client id + sign-in method. Esc goes back one field
(from the first, to the mode). After a failed sign-in it opens on the tenant id, with everything
typed before still there.
*/
export function ConnectionForm({ initial, error, onChoose, onBack }: ConnectionFormProps) {
  const last = initial?.kind === "tenant" ? initial : null;
  // View-only state: which field is open, and what was typed in the fields.
  const [field, setField] = useState<Field>(last === null ? "kind" : "tenant");
  const [tenantId, setTenantId] = useState(last?.tenantId ?? "");
  const [clientId, setClientId] = useState(last?.clientId ?? "");
  useInput((_input, key) => {
    if (!key.escape) return;
    const to = before[field];
    if (to === null) onBack();
    else setField(to);
  });
  return (
    <Box flexDirection="column">
      <Text bold>Tenant</Text>
      {error !== null && (
        <Box flexDirection="column" marginBottom={1}>
          <StatusMessage variant="error">
            {error.step === "sign-in"
              ? "Signing in to the tenant failed; nothing was written."
              : "The tenant could not be used; nothing was written."}
          </StatusMessage>
          <Box flexDirection="column" paddingLeft={2}>
            <Text>{error.message}</Text>
            {error.hint !== null && <Text>{error.hint}</Text>}
          </Box>
        </Box>
      )}
      {field === "kind" && (
        <Select
          options={[
            { label: "Local emulator (no tenant needed)", value: "emulator" },
            { label: "A Microsoft Entra tenant", value: "tenant" },
          ]}
          onChange={(v) => (v === "emulator" ? onChoose({ kind: "emulator" }) : setField("tenant"))}
        />
      )}
      {(field === "client" || field === "auth") && <Text>{`Tenant ID  ${tenantId}`}</Text>}
      {field === "tenant" && (
        <Box gap={1}>
          <Text>Tenant ID:</Text>
          <LineInput
            defaultValue={tenantId}
            placeholder="00000000-0000-0000-0000-000000000000 or contoso.onmicrosoft.com"
            onSubmit={(v) => {
              if (v.trim() === "") return;
              setTenantId(v.trim());
              setField("client");
            }}
          />
        </Box>
      )}
      {field === "auth" && (
        <Text>{`Client ID  ${clientId === "" ? "(Microsoft Graph PowerShell's)" : clientId}`}</Text>
      )}
      {field === "client" && (
        <Box gap={1}>
          <Text>Client ID:</Text>
          <LineInput
            defaultValue={clientId}
            placeholder="empty: Microsoft Graph PowerShell's (device code, browser)"
            onSubmit={(v) => {
              // Empty: a person signs in through the public client (docs/graph-adapter.md).
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
      <KeyHint
        text={`${field === "tenant" || field === "client" ? "Enter next" : "↑↓ Enter choose"} · Esc back · Ctrl-C quit`}
      />
    </Box>
  );
}
