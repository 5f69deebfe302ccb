// ESLint (flat config): typescript-eslint, React hooks, jsx-a11y, and the layering rules
// (decision 018). scripts/lint.ts keeps only what no ESLint rule checks.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Only *.server.ts(x) files (and db/, scripts/, tests/) touch the database, secrets or Node:
// in anything else these are bundled for the browser. Type imports are erased, so allowed.
const serverOnly = {
  paths: ["sharp", "pg", "zod", "drizzle-orm"].map((name) => ({
    name,
    message: "only *.server.ts files may import this (it would reach the browser bundle)",
    allowTypeImports: true,
  })),
  patterns: [
    {
      // A regex, not a gitignore-style group: there a leading # starts a comment.
      regex: "^(node:|#db/)",
      message: "only *.server.ts files may import Node APIs or the database",
      allowTypeImports: true,
    },
  ],
};

// Routes stay thin: they call app/models, never the ORM or the database (decision 002).
const routeLayer = {
  paths: [
    ...serverOnly.paths.filter((p) => p.name !== "drizzle-orm"),
    { name: "drizzle-orm", message: "routes call app/models, never the ORM" },
  ],
  patterns: [
    ...serverOnly.patterns,
    {
      regex: "(^#|/)db/(schema|client)$",
      message: "routes call app/models, never the database",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      ".cache/",
      "data/",
      "test-results/",
      "bench/results/",
      "bench/hello/build/",
      "bench/hello/public/build/",
      "bench/hello/.cache/",
      "db/migrations/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Names starting with _ are deliberately unused (positional arguments, rest omissions).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "@typescript-eslint/no-restricted-imports": ["error", serverOnly],
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", routeLayer] },
  },
  {
    // Server modules may import anything (the Remix compiler keeps them out of the browser).
    files: ["app/**/*.server.{ts,tsx}", "app/entry.server.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    // A route named *.server.tsx is still a route: it keeps the route rule.
    files: ["app/routes/**/*.server.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: routeLayer.paths.slice(-1), patterns: routeLayer.patterns.slice(-1) },
      ],
    },
  },
);
