import { Box, Text, useInput } from "ink";
import { ConfirmInput, StatusMessage } from "@inkjs/ui";
import { alreadyLeft, nothingToDo, planLines } from "../present/count-lines.js";
import {
  validationFileWarnings,
  validationIssueLine,
  validationRejections,
} from "../present/rejection-lines.js";
import { targetLines } from "../present/run-target-lines.js";
import { fit } from "./format.js";
import type { ProgressState } from "./progress-state.js";

export type PlanScreenProps = {
  readonly preflight: NonNullable<ProgressState["preflight"]>;
  readonly plan: NonNullable<ProgressState["plan"]>;
  readonly rejectedRows: ProgressState["rejectedRows"];
  /** What validation found (its errors are the rows it rejected); null if not known. */
  readonly validation?: ProgressState["validation"] | undefined;
  readonly warnings: ProgressState["warnings"];
  readonly width: number;
  /** Ask for confirmation (false with --yes, in a dry run, or once answered). */
  readonly ask: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
};

/** Rejections listed before the confirmation; the rest are counted, and are in the report. */
const maxRejectedShown = 5;

/** Pre-flight findings and the plan, with the confirmation before the first write. */
export function PlanScreen(props: PlanScreenProps) {
  const { preflight, plan, rejectedRows, validation, warnings, width } = props;
  // Validation's (as piped output says them) and pre-flight's, in the order of the file.
  const rejections = [
    ...validationRejections(validation?.issues ?? []).map((i) => ({
      line: i.line,
      text: validationIssueLine(i),
    })),
    ...rejectedRows.map((r) => ({
      line: r.line,
      text: `line ${r.line}  ${r.serialNumber}  ${r.code}: ${r.message}`,
    })),
  ].sort((a, b) => a.line - b.line);
  const c = plan.counts;
  /** The question is on screen: not a dry run, something to do, and asked for. */
  const asking = props.ask && !plan.dryRun && c.toDo > 0;
  // Esc declines, as at every question (ConfirmInput takes y, n and Enter only).
  useInput(
    (_input, key) => {
      if (key.escape) props.onCancel();
    },
    { isActive: asking },
  );
  const clock = preflight.clock;
  const uncertainty = clock.uncertaintyMs === null ? "" : ` (±${seconds(clock.uncertaintyMs)} s)`;
  const work = c.toDo;
  return (
    <Box flexDirection="column">
      <Text bold>Pre-flight</Text>
      <Box flexDirection="column" paddingLeft={2}>
        {targetLines(preflight.target).map((line) => (
          // Never cut short: which tenant is the line that matters most before the question.
          <Text key={line} bold={line.startsWith("Tenant")}>
            {line}
          </Text>
        ))}
        <Text>{`Hardware OATH method policy: ${preflight.policyState}`}</Text>
        <Text>{`Clock: ${clock.source} time, offset ${signed(clock.offsetMs)} s${uncertainty}`}</Text>
        <Text>{`${capitalised(alreadyLeft(preflight.command))}: ${preflight.alreadyPresent} · Resumed from the journal: ${preflight.resumed}`}</Text>
      </Box>
      {[...validationFileWarnings(validation?.issues ?? []), ...warnings].map((w, i) => (
        <StatusMessage key={i} variant="warning">
          {w.message}
        </StatusMessage>
      ))}
      <Box marginTop={1}>
        <Text bold>Plan</Text>
      </Box>
      <Box flexDirection="column" paddingLeft={2}>
        {planLines(c).map((line) => (
          <Text key={line}>{line}</Text>
        ))}
        {rejections.slice(0, maxRejectedShown).map((r, i) => (
          <Text key={i}>{fit(r.text, width - 2)}</Text>
        ))}
        {rejections.length > maxRejectedShown && (
          <Text
            dimColor
          >{`… and ${rejections.length - maxRejectedShown} more, all in the report`}</Text>
        )}
      </Box>
      <Box marginTop={1} flexDirection="column">
        {plan.dryRun ? (
          <StatusMessage variant="info">
            Dry run: this is the plan; nothing is written.
          </StatusMessage>
        ) : work === 0 ? (
          <StatusMessage variant="info">{nothingToDo(c)}</StatusMessage>
        ) : asking ? (
          <>
            <Text bold>Confirm</Text>
            <Box paddingLeft={2} gap={1}>
              <Text>Nothing is written until you confirm. Go on?</Text>
              <ConfirmInput
                defaultChoice="cancel"
                submitOnEnter
                onConfirm={props.onConfirm}
                onCancel={props.onCancel}
              />
            </Box>
          </>
        ) : null}
      </Box>
    </Box>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function seconds(ms: number): string {
  return (Math.abs(ms) / 1000).toFixed(2).replace(/\.?0+$/u, "");
}

function signed(ms: number): string {
  return `${ms < 0 ? "-" : "+"}${seconds(ms)}`;
}
