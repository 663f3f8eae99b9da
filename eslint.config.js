// One lint config for the whole workspace: typescript-eslint's recommended rules on every package.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The embedding guide's Node examples are plain JavaScript run by `node`, one of them CommonJS.
  {
    files: ["docs/examples/embedding/node-*/**/*.{js,mjs}"],
    languageOptions: { globals: { console: "readonly" } },
  },
  {
    files: ["docs/examples/embedding/node-cjs/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
