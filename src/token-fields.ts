/**
The token properties a seed file carries, named as Microsoft Graph names them
(hardwareOathTokenAuthenticationMethodDevice, plus `upn` for the holder). Every issue's `field`
is one of these, or null for a file-level issue.
*/
export const tokenFields = [
  "upn",
  "serialNumber",
  "secretKey",
  "timeIntervalInSeconds",
  "manufacturer",
  "model",
  "hashFunction",
  "displayName",
] as const;

export type TokenField = (typeof tokenFields)[number];

export type HashFunction = "hmacsha1" | "hmacsha256";
export type TimeInterval = 30 | 60;
