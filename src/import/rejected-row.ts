/** A row validation rejected: its line, the reason, and its cells for the failures file. */
export type RejectedRow = {
  line: number;
  serialNumber: string | null;
  upn: string | null;
  code: string;
  message: string;
  cells?: readonly string[] | undefined;
};
