export type { EmulatorOptions, FaultKind } from "./options.js";
export { defaultCertDir, defaultClientId, defaultTenantId, faultKinds } from "./options.js";
export type { RunningEmulator } from "./server.js";
export { startEmulator } from "./server.js";
export type { EmulatorState } from "./state.js";
export type { EmulatorCounters } from "./counters.js";
export { trustEmulatorCa } from "./trust.js";
export type { EmulatorConnection } from "./in-process.js";
export { sampleUsersFile, startInProcessEmulator } from "./in-process.js";
