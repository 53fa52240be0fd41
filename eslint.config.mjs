// ESLint (flat config): the browser scripts in docs/assets and their node tests in tests/js.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["docs/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      // Browser scripts that also load under node's require() for the shared cases.
      // document$ is Material for MkDocs' page-load observable (tables.js).
      globals: { ...globals.browser, module: "readonly", require: "readonly", document$: "readonly" }
    }
  },
  {
    files: ["tests/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node }
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: "error",
      "no-var": "off"
    }
  }
];
