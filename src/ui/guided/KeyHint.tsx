import { Box, Text } from "ink";

/** The keys of a screen, dim, after a blank line: always the last two lines of a guided screen. */
export function KeyHint({ text }: { readonly text: string }) {
  return (
    <Box marginTop={1}>
      <Text dimColor>{text}</Text>
    </Box>
  );
}
