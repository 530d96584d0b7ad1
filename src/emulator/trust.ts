import { getCACertificates, setDefaultCACertificates } from "node:tls";

/**
Makes this process trust the emulator's CA, with TLS checks left on: the CA is added to Node's
default CA list, which both global fetch (undici: the Graph client) and node:https (the Azure
SDK pipeline under @azure/identity) use for connections made afterwards. Idempotent.
Never sets NODE_TLS_REJECT_UNAUTHORIZED.
*/
export function trustEmulatorCa(caPem: string): void {
  const current = getCACertificates("default");
  const pem = caPem.trim();
  if (current.some((c) => c.trim() === pem)) return;
  setDefaultCACertificates([...current, pem]);
}
