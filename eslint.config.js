// Flat config: type-checked typescript-eslint, react-hooks for src/ui, and the layer rules of
// docs/architecture.md enforced with no-restricted-imports.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const sdkRule = ["@microsoft/microsoft-graph-client", "@azure/identity"].map((name) => ({
  name,
  message: "Only src/graph may import the Graph SDK or @azure/identity.",
}));
const uiRule = ["ink", "react", "@inkjs/ui"].map((name) => ({
  name,
  message: "Core modules must not depend on the UI; emit events instead.",
}));

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "bench/.work/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["eslint.config.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-console": "error",
    },
  },
  {
    // Layer rules (docs/architecture.md): only src/graph talks to the SDKs; the core never renders.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/graph/**", "src/ui/**", "src/cli.ts", "src/cli/**"],
    rules: { "no-restricted-imports": ["error", { paths: [...sdkRule, ...uiRule] }] },
  },
  {
    files: ["src/graph/**"],
    rules: { "no-restricted-imports": ["error", { paths: uiRule }] },
  },
  {
    files: ["src/ui/**", "src/cli.ts", "src/cli/**"],
    rules: { "no-restricted-imports": ["error", { paths: sdkRule }] },
  },
  {
    files: ["src/ui/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The entry and scripts write to the console on purpose.
    files: ["src/cli.ts", "src/cli/**", "bench/**", "scripts/**", "test/**"],
    rules: { "no-console": "off" },
  },
  {
    files: ["test/**", "bench/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
