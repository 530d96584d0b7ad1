import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/errors.js";
import { errorTriples, seeds, triples, validateText } from "../helpers/files.js";

/**
Issue #9 item 8: the header spellings vendors and Excel produce are read; a user column oathkit
cannot read is an error, not a note; columns that change what a token is (digits, type, counter,
hash) are enforced, never ignored.
*/

const row = (seed: string, rest = "") => `adele.vance@contoso.example,60234567,${seed},30${rest}`;

describe("header spellings", () => {
  it("reads User Principal Name, Serial, Seed, Period and friends", async () => {
    const result = await validateText(
      [
        "User Principal Name;Serial;Seed;Period;Vendor;Token Model;Algorithm;Friendly Name",
        `adele.vance@contoso.example;00123;${seeds.a};60;Token2;C202;SHA256;Desk`,
        `alex.wilber@contoso.example;00124;${seeds.b};30;Token2;C202;sha1;`,
      ].join("\n"),
      { collectTokens: true },
    );
    expect(result.issues).toEqual([]);
    expect(
      result.tokens?.map((t) => [t.upn, t.serialNumber, t.timeIntervalInSeconds, t.hashFunction]),
    ).toEqual([
      ["adele.vance@contoso.example", "00123", 60, "hmacsha256"],
      ["alex.wilber@contoso.example", "00124", 30, "hmacsha1"],
    ]);
  });

  it("reads UserPrincipalName, Secret, Time Step and a unit in parentheses", async () => {
    const result = await validateText(
      [
        "UserPrincipalName,Serial No.,Secret,Time Step (s),Manufacturer,Model,Hash",
        `adele.vance@contoso.example,1,${seeds.a},30,Token2,C202,sha1`,
      ].join("\n"),
      { collectTokens: true },
    );
    expect(result.issues).toEqual([]);
    expect(result.tokens?.[0]?.upn).toBe("adele.vance@contoso.example");
  });

  it("stops at a user column it cannot read, when there is no upn column", async () => {
    for (const name of ["Email", "User Name", "Assigned To", "Login"]) {
      const error = await validateText(
        `${name},serial number,secret key,time interval,manufacturer,model\n${row(seeds.a, ",T,M")}\n`,
      ).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(InputFileError);
      expect((error as Error).message).toContain(
        `has a column "${name}" (column 1) that looks like the users' UPNs`,
      );
    }
    // Beside a upn column, another user column is only unknown.
    const result = await validateText(
      `upn,email,serial number,secret key,time interval,manufacturer,model,hash\nadele.vance@contoso.example,a@b.example,1,${seeds.a},30,T,M,sha1\n`,
    );
    expect(triples(result)).toEqual([[1, null, "unknown-column"]]);
  });

  it("treats a column named like an Object property as unknown", async () => {
    const result = await validateText(
      `constructor,serial number,secret key,time interval,manufacturer,model,hash\nx,1,${seeds.a},30,T,M,sha1\n`,
    );
    expect(triples(result)).toEqual([[1, null, "unknown-column"]]);
  });
});

describe("columns that change what a token is", () => {
  const header = "upn,serial number,secret key,time interval,manufacturer,model,hash";
  const file = (extra: string, cells: string[]) =>
    [
      `${header},${extra}`,
      ...cells.map(
        (cell, i) =>
          `adele.vance@contoso.example,${i + 1},${[seeds.a, seeds.b, seeds.c, seeds.d][i]},30,T,M,sha1,${cell}`,
      ),
    ].join("\n");

  it("refuses digits other than 6", async () => {
    const result = await validateText(file("digits", ["6", "8", "", "6"]));
    expect(errorTriples(result)).toEqual([[3, null, "digits-unsupported"]]);
    expect(result.issues[0]?.message).toBe(
      'codes are "8" digits long; Entra takes 6-digit codes only',
    );
  });

  it("refuses a type other than TOTP", async () => {
    const result = await validateText(file("type", ["TOTP", "HOTP", "oath-totp", "TOPT"]));
    expect(errorTriples(result)).toEqual([
      [3, null, "token-type-unsupported"],
      [5, null, "token-type-unsupported"],
    ]);
    expect(result.issues.map((i) => i.message)).toEqual([
      "HOTP (counter-based) token; Entra takes TOTP tokens only",
      'token type "TOPT" is not TOTP; Entra takes TOTP tokens only',
    ]);
  });

  it("refuses a counter without a type column; notes it once on TOTP rows", async () => {
    const bare = await validateText(file("counter", ["0", "17", "", "000"]));
    expect(errorTriples(bare)).toEqual([[3, null, "token-type-unsupported"]]);
    const typed = await validateText(
      [
        `${header},type,counter`,
        `adele.vance@contoso.example,1,${seeds.a},30,T,M,sha1,TOTP,55012345`,
        `adele.vance@contoso.example,2,${seeds.b},30,T,M,sha1,totp,55012346`,
        `adele.vance@contoso.example,3,${seeds.c},30,T,M,sha1,HOTP,12`,
      ].join("\n"),
    );
    expect(triples(typed)).toEqual([
      [1, null, "counter-ignored"],
      [4, null, "token-type-unsupported"],
    ]);
    expect(typed.issues[0]?.message).toMatch(/^2 TOTP row\(s\) carry a counter/u);
  });
});
