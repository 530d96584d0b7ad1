import { Box, Text } from "ink";
import { StatusMessage } from "@inkjs/ui";

export type ErrorBannerProps = {
  /** One sentence: what went wrong. */
  readonly message: string;
  /** What to do next. */
  readonly hint?: string | null | undefined;
};

/** A fatal error: one sentence and a next step, never a stack trace. */
export function ErrorBanner({ message, hint }: ErrorBannerProps) {
  return (
    <Box flexDirection="column">
      <StatusMessage variant="error">{message}</StatusMessage>
      {hint != null && hint !== "" && (
        <Box paddingLeft={2}>
          <Text>{hint}</Text>
        </Box>
      )}
    </Box>
  );
}
