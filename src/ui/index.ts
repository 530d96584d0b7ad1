// The UI's public surface: what the CLI wires. See docs/ui.md.
export type { Intent, SendIntent, Connection } from "../events/intents.js";
export type { AuthMode } from "../graph/auth-modes.js";
export { createStore, type Store, type StoreOptions, type Reducer } from "./store.js";
export type { UiIo, MountedUi } from "./ui-io.js";
export type { ValidationView } from "./validation-view.js";
export { initialProgress, reduceProgress, type ProgressState } from "./progress-state.js";
export { type RunEvent, type FatalEvent } from "../events/provision-events.js";
export { createRunStore, renderRun, type RenderRunOptions } from "./render-run.js";
export type { RunStore } from "./RunApp.js";
export {
  initialDeviceCheck,
  reduceDeviceCheck,
  type DeviceCheckState,
} from "./device-check-state.js";
export { type DeviceCheckEvent, type DeviceCheckVerdict } from "../events/device-check-events.js";
export { createDeviceCheckStore, renderDeviceCheck } from "./render-device-check.js";
export type { DeviceCheckStore } from "./DeviceCheckApp.js";
export { createGuidedStore, renderGuided } from "./guided/render-guided.js";
export { renderValidation } from "./render-validation.js";
export { driveGuided, type GuidedResult, type GuidedStore } from "./guided/drive-guided.js";
export type { GuidedController, RunChoices, RunHooks } from "./guided/guided-controller.js";
export type { DeviceCheckChannel } from "../events/device-check-events.js";
export {
  initialGuided,
  reduceGuided,
  type GuidedState,
  type GuidedStep,
} from "./guided/guided-state.js";
export { type GuidedEvent } from "../events/guided-events.js";
export { wantsNoColour } from "./no-colour.js";
